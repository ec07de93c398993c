import { expect } from 'chai';
import { parseFaultReport } from '../../src/sweep/parseFaultReport';

describe('parseFaultReport', () => {
  describe('when the file holds faults and crashes', () => {
    it('should give each in file order, with their fields', () => {
      // Arrange
      const text = [
        '{"event":"fault","pid":7,"capability":"fail_function","function":"Store.open","site":"/a.js:1:2"}',
        '{"event":"fault","pid":8,"capability":"fail_alloc","function":null,"site":null}',
        '{"event":"crash","pid":7,"origin":"unhandledRejection","message":"boom","stack":"Error: boom\\n    at x"}',
        '',
      ].join('\n');

      // Act
      const report = parseFaultReport(text);

      // Assert
      expect(report.faults).to.deep.equal([
        { event: 'fault', pid: 7, capability: 'fail_function', function: 'Store.open', site: '/a.js:1:2' },
        { event: 'fault', pid: 8, capability: 'fail_alloc', function: null, site: null },
      ]);
      expect(report.crashes).to.deep.equal([{ event: 'crash', pid: 7, origin: 'unhandledRejection', message: 'boom', stack: 'Error: boom\n    at x' }]);
    });
  });

  describe('when processes listed the functions they marked', () => {
    it('should give each name once, in the order first seen, skipping entries without a name', () => {
      // Arrange
      const text = [
        '{"event":"marked","pid":7,"functions":[{"name":"Store.open","type":"ERRNO"},{"name":"alloc","type":"NULL"}]}',
        '{"event":"marked","pid":8,"functions":[{"name":"alloc","type":"NULL"},{"type":"TRUE"},null,{"name":""},{"name":"Lock.take","type":"TRUE"}]}',
        '{"event":"marked","pid":9,"functions":"alloc"}',
      ].join('\n');

      // Act
      const report = parseFaultReport(text);

      // Assert
      expect(report.marked).to.deep.equal(['Store.open', 'alloc', 'Lock.take']);
      expect(report.faults).to.deep.equal([]);
      expect(report.crashes).to.deep.equal([]);
    });
  });

  describe('when threads said they loaded the core, and what they had armed as they exited', () => {
    it('should count the loads, and give each armed name once, and whether inject=* was on', () => {
      // Arrange
      const text = [
        '{"event":"loaded","pid":7,"threadId":0,"version":"0.1.0"}',
        '{"event":"loaded","pid":7,"threadId":1,"version":"0.1.0"}',
        '{"event":"exit","pid":7,"threadId":1,"armed":["open","alloc"],"armAll":false}',
        '{"event":"exit","pid":7,"threadId":0,"armed":["alloc",3,""],"armAll":true}',
        '{"event":"exit","pid":8,"armed":"open"}',
      ].join('\n');

      // Act
      const report = parseFaultReport(text);

      // Assert
      expect(report).to.include({ loaded: 2, coreLoaded: true, armAll: true });
      expect(report.armed).to.deep.equal(['open', 'alloc']);
    });
  });

  describe('when the core wrote no loaded record (an older core)', () => {
    it('should take any record of the core as a sign that it loaded, and nothing for an empty file', () => {
      expect(parseFaultReport('{"event":"marked","pid":7,"functions":[]}\n')).to.include({ loaded: 0, coreLoaded: true });
      expect(parseFaultReport('{"event":"crash","pid":7}\n')).to.include({ loaded: 0, coreLoaded: true });
      expect(parseFaultReport('')).to.include({ loaded: 0, coreLoaded: false, armAll: false });
      expect(parseFaultReport('{"event":"hello"}\n')).to.include({ coreLoaded: false });
    });
  });

  describe('when lines are not records', () => {
    it('should skip them: a cut line, another JSON value, an unknown event, a fault without capability', () => {
      // Act
      const report = parseFaultReport(['{"event":"fau', '42', 'null', '{"event":"hello"}', '{"event":"fault","pid":1}', '{"event":"crash"}'].join('\n'));

      // Assert
      expect(report.faults).to.deep.equal([]);
      expect(report.crashes).to.deep.equal([{ event: 'crash', pid: 0, origin: 'uncaughtException', message: '', stack: '' }]);
    });
  });
});
