import { expect } from 'chai';
import {
  debugfs,
  declareFaultAttr,
  type FaultAttr,
  GENERIC_KNOBS,
  isErrInjectError,
  procfs,
  runTask,
} from '../../src/index';
import { nameList } from '../../src/control/tree';
import { catchErrInject } from '../support/errors';
import { uniqueNames } from '../support/names';

const uniqueName = uniqueNames('control-tree');

function declare(label: string): FaultAttr {
  return declareFaultAttr(uniqueName(label));
}

describe('control tree', () => {
  describe('when a debugfs path is given in its different forms', () => {
    it('should read the same file with or without a leading / and with the /sys/kernel/debug/ prefix', () => {
      // Arrange
      const attr = declare('forms');
      debugfs.write(`${attr.name}/probability`, '42');

      // Act
      const reads = [
        debugfs.read(`${attr.name}/probability`),
        debugfs.read(`/${attr.name}/probability`),
        debugfs.read(`/sys/kernel/debug/${attr.name}/probability`),
        debugfs.read(`${attr.name}//probability`),
      ];

      // Assert
      expect(reads).to.deep.equal(['42\n', '42\n', '42\n', '42\n']);
    });

    it('should write through every form of the path', () => {
      // Arrange
      const attr = declare('write-forms');

      // Act
      debugfs.write(`/${attr.name}/times`, '5');
      const afterSlash = debugfs.read(`${attr.name}/times`);
      debugfs.write(`/sys/kernel/debug/${attr.name}/times`, '-1');
      const afterPrefix = debugfs.read(`${attr.name}/times`);

      // Assert
      expect([afterSlash, afterPrefix]).to.deep.equal(['5\n', '-1\n']);
    });

    it('should list the root from "", "/", "/sys/kernel/debug/" and "/sys/kernel/debug"', () => {
      // Arrange
      const root = debugfs.list();

      // Act
      const lists = [debugfs.list(''), debugfs.list('/'), debugfs.list('/sys/kernel/debug/'), debugfs.list('/sys/kernel/debug')];

      // Assert
      for (const list of lists) expect(list).to.deep.equal(root);
      expect(debugfs.stat('/sys/kernel/debug')).to.equal('dir');
    });

    it('should list a capability with or without the prefixes', () => {
      // Arrange
      const attr = declare('list-forms');

      // Act
      const lists = [debugfs.list(attr.name), debugfs.list(`/${attr.name}`), debugfs.list(`/sys/kernel/debug/${attr.name}/`)];

      // Assert
      expect(lists[1]).to.deep.equal(lists[0]);
      expect(lists[2]).to.deep.equal(lists[0]);
    });
  });

  describe('when a procfs path is given in its different forms', () => {
    it('should read and write self/ files with or without a leading / and with the /proc/ prefix', () => {
      // Act
      const reads = runTask(() => {
        procfs.write('/proc/self/fail-nth', '7');
        const seen = [procfs.read('self/fail-nth'), procfs.read('/self/fail-nth'), procfs.read('/proc/self/fail-nth')];
        procfs.write('self/fail-nth', '0');
        return seen;
      });

      // Assert
      expect(reads).to.deep.equal(['7\n', '7\n', '7\n']);
    });

    it('should list self/ with both files', () => {
      // Act
      const lists = [procfs.list('self'), procfs.list('/proc/self'), procfs.list('/proc/self/')];

      // Assert
      for (const list of lists) expect(list).to.include.members(['fail-nth', 'make-it-fail']);
    });

    it('should list the root from "", "/", "/proc/" and "/proc"', () => {
      // Arrange
      const root = procfs.list();

      // Act
      const lists = [procfs.list(''), procfs.list('/'), procfs.list('/proc/'), procfs.list('/proc')];

      // Assert
      expect(root).to.include('self');
      for (const list of lists) expect(list).to.deep.equal(root);
    });
  });

  describe('when the tree is listed', () => {
    it('should include fail_function and every declared capability at the root', () => {
      // Arrange
      const attr = declare('listed');

      // Act
      const root = debugfs.list();

      // Assert
      expect(root).to.include('fail_function');
      expect(root).to.include(attr.name);
    });

    it('should list every generic knob in fail_function/', () => {
      // Act
      const entries = debugfs.list('fail_function');

      // Assert
      expect(entries).to.include.members([...GENERIC_KNOBS]);
      for (const knob of [
        'probability',
        'interval',
        'times',
        'space',
        'verbose',
        'verbose_ratelimit_interval_ms',
        'verbose_ratelimit_burst',
        'task-filter',
        'stacktrace-depth',
        'require-stack',
        'reject-stack',
      ]) {
        expect(entries, knob).to.include(knob);
      }
    });

    it('should list every generic knob in a declared capability', () => {
      // Arrange
      const attr = declare('knobs');

      // Act
      const entries = debugfs.list(attr.name);

      // Assert
      expect(entries).to.include.members([...GENERIC_KNOBS]);
    });

    it('should return a fresh array each time', () => {
      // Arrange
      const first = debugfs.list();
      first.push('mutated');

      // Act
      const second = debugfs.list();

      // Assert
      expect(second).to.not.include('mutated');
    });
  });

  describe('when stat is called', () => {
    it('should tell directories, files and missing paths apart', () => {
      // Arrange
      const attr = declare('stat');

      // Act
      const stats = {
        root: debugfs.stat(''),
        slash: debugfs.stat('/'),
        dir: debugfs.stat(attr.name),
        prefixedDir: debugfs.stat(`/sys/kernel/debug/${attr.name}`),
        file: debugfs.stat(`${attr.name}/probability`),
        prefixedFile: debugfs.stat(`/sys/kernel/debug/${attr.name}/probability`),
        missing: debugfs.stat(`${attr.name}/nope`),
        missingDir: debugfs.stat('no-such-capability-anywhere'),
        underFile: debugfs.stat(`${attr.name}/probability/more`),
        self: procfs.stat('self'),
        failNth: procfs.stat('/proc/self/fail-nth'),
        procMissing: procfs.stat('self/nope'),
      };

      // Assert
      expect(stats).to.deep.equal({
        root: 'dir',
        slash: 'dir',
        dir: 'dir',
        prefixedDir: 'dir',
        file: 'file',
        prefixedFile: 'file',
        missing: undefined,
        missingDir: undefined,
        underFile: undefined,
        self: 'dir',
        failNth: 'file',
        procMissing: undefined,
      });
    });
  });

  describe('when a path does not exist', () => {
    it('should quote a 400 KB path in its ENOENT message cut to a readable length, saying how long it was (regression: it came back whole)', () => {
      // Arrange
      const path = `fail_function/${'x'.repeat(400_000)}`;

      // Act
      const errors = [catchErrInject(() => debugfs.read(path)), catchErrInject(() => debugfs.write(path, '1')), catchErrInject(() => debugfs.list(`${path}/`))];

      // Assert
      for (const error of errors) {
        expect(error.code).to.equal('ENOENT');
        expect(error.path?.startsWith(path)).to.equal(true);
        expect(error.message.length).to.be.below(1000);
        expect(error.message).to.include(`${(error.path as string).length} characters`);
      }
    });

    it('should list at most 12 names of the directory that lacks the entry, each cut to a readable length', () => {
      // Arrange
      const long = 'y'.repeat(250);
      const names = [long, ...Array.from({ length: 20 }, (_, i) => `n${i}`)];

      // Act
      const listed = nameList(names);

      // Assert
      expect(listed).to.not.include(long);
      expect(listed).to.include('(250 characters; the first 77 shown)');
      expect(listed).to.include(', n10 and 9 more');
      expect(nameList([])).to.equal('nothing');
    });

    it('should refuse to read it with ENOENT', () => {
      // Arrange
      const attr = declare('enoent-read');
      const path = `${attr.name}/no-such-knob`;

      // Act
      const error = catchErrInject(() => debugfs.read(path));

      // Assert
      expect(error.code).to.equal('ENOENT');
      expect(error.errno).to.equal(-2);
      expect(error.path).to.equal(path);
      expect(error.message).to.include(path);
    });

    it('should refuse to write it with ENOENT and create nothing', () => {
      // Arrange
      const path = 'no-such-capability-anywhere/probability';

      // Act
      const error = catchErrInject(() => debugfs.write(path, '1'));

      // Assert
      expect(error.code).to.equal('ENOENT');
      expect(error.errno).to.equal(-2);
      expect(error.path).to.equal(path);
      expect(error.message).to.include(path);
      expect(debugfs.stat('no-such-capability-anywhere')).to.equal(undefined);
    });

    it('should refuse to list it with ENOENT', () => {
      // Act
      const error = catchErrInject(() => debugfs.list('no-such-capability-anywhere'));

      // Assert
      expect(error.code).to.equal('ENOENT');
      expect(error.message).to.include('no-such-capability-anywhere');
    });

    it('should refuse missing procfs paths with ENOENT', () => {
      // Act
      const errors = [
        catchErrInject(() => procfs.read('self/nope')),
        catchErrInject(() => procfs.write('/proc/self/nope', '1')),
        catchErrInject(() => procfs.read('1234/fail-nth')),
      ];

      // Assert
      expect(errors.map((error) => error.code)).to.deep.equal(['ENOENT', 'ENOENT', 'ENOENT']);
    });

    it('should not find a procfs file in debugfs', () => {
      // Act
      const error = catchErrInject(() => debugfs.read('self/fail-nth'));

      // Assert
      expect(error.code).to.equal('ENOENT');
    });
  });

  describe('when a directory is read or a file is listed', () => {
    it('should refuse to read a directory with EISDIR', () => {
      // Arrange
      const attr = declare('eisdir');

      // Act
      const errors = [
        catchErrInject(() => debugfs.read(attr.name)),
        catchErrInject(() => debugfs.read('')),
        catchErrInject(() => procfs.read('self')),
      ];

      // Assert
      for (const error of errors) {
        expect(error.code).to.equal('EISDIR');
        expect(error.errno).to.equal(-21);
      }
      expect(errors[0]?.path).to.equal(attr.name);
      expect(errors[0]?.message).to.include(attr.name);
    });

    it('should refuse to write a directory with EISDIR', () => {
      // Arrange
      const attr = declare('eisdir-write');

      // Act
      const error = catchErrInject(() => debugfs.write(attr.name, '1'));

      // Assert
      expect(error.code).to.equal('EISDIR');
    });

    it('should refuse to list a file with ENOTDIR', () => {
      // Arrange
      const attr = declare('enotdir');
      const path = `${attr.name}/probability`;

      // Act
      const error = catchErrInject(() => debugfs.list(path));

      // Assert
      expect(error.code).to.equal('ENOTDIR');
      expect(error.errno).to.equal(-20);
      expect(error.path).to.equal(path);
      expect(error.message).to.include(path);
    });

    it('should refuse a path that goes through a file with ENOTDIR', () => {
      // Arrange
      const attr = declare('enotdir-through');

      // Act
      const errors = [
        catchErrInject(() => debugfs.read(`${attr.name}/probability/more`)),
        catchErrInject(() => debugfs.write(`${attr.name}/probability/more`, '1')),
        catchErrInject(() => procfs.read('self/fail-nth/more')),
      ];

      // Assert
      expect(errors.map((error) => error.code)).to.deep.equal(['ENOTDIR', 'ENOTDIR', 'ENOTDIR']);
    });
  });

  describe('when a write is refused', () => {
    it('should throw an ErrInjectError with code, negative errno, path and value', () => {
      // Arrange
      const attr = declare('einval');
      const path = `${attr.name}/probability`;

      // Act
      const error = catchErrInject(() => debugfs.write(path, 'abc\n'));

      // Assert
      expect(isErrInjectError(error)).to.equal(true);
      expect(error.name).to.equal('ErrInjectError');
      expect(error.code).to.equal('EINVAL');
      expect(error.errno).to.equal(-22);
      expect(error.path).to.equal(path);
      expect(error.value).to.equal('abc\n');
    });

    it('should name the path, the value and what is accepted in the message', () => {
      // Arrange
      const attr = declare('message');
      const path = `/sys/kernel/debug/${attr.name}/probability`;

      // Act
      const error = catchErrInject(() => debugfs.write(path, '-1'));

      // Assert
      expect(error.message).to.include(path);
      expect(error.message).to.include('"-1"');
      expect(error.message).to.match(/accept/i);
      expect(error.message).to.match(/unsigned|18446744073709551615/);
    });

    it('should give ERANGE with errno -34 for an overflow', () => {
      // Arrange
      const attr = declare('erange');
      const path = `${attr.name}/probability`;

      // Act
      const error = catchErrInject(() => debugfs.write(path, '18446744073709551616'));

      // Assert
      expect(error.code).to.equal('ERANGE');
      expect(error.errno).to.equal(-34);
      expect(error.value).to.equal('18446744073709551616');
      expect(error.message).to.include('18446744073709551616');
      expect(error.message).to.match(/accept/i);
    });

    it('should change nothing', () => {
      // Arrange
      const attr = declare('unchanged');
      debugfs.write(`${attr.name}/probability`, '30');
      debugfs.write(`${attr.name}/task-filter`, 'Y');

      // Act
      catchErrInject(() => debugfs.write(`${attr.name}/probability`, '1e2'));
      catchErrInject(() => debugfs.write(`${attr.name}/task-filter`, 'maybe'));

      // Assert
      expect(debugfs.read(`${attr.name}/probability`)).to.equal('30\n');
      expect(debugfs.read(`${attr.name}/task-filter`)).to.equal('Y\n');
    });

    it('should refuse a value that is not a string with ERR_INVALID_ARG_TYPE', () => {
      // Arrange
      const attr = declare('not-a-string');

      // Act
      const error = catchErrInject(() => debugfs.write(`${attr.name}/probability`, 5 as unknown as string));

      // Assert
      expect(error.code).to.equal('ERR_INVALID_ARG_TYPE');
      expect(error.errno).to.equal(undefined);
      expect(debugfs.read(`${attr.name}/probability`)).to.equal('0\n');
    });

    it('should refuse a path that is not a string with ERR_INVALID_ARG_TYPE', () => {
      // Act
      const error = catchErrInject(() => debugfs.read(42 as unknown as string));

      // Assert
      expect(error.code).to.equal('ERR_INVALID_ARG_TYPE');
    });
  });

  describe('when a file is named with a trailing slash (regression: the slash was dropped)', () => {
    it('should refuse to write it with ENOTDIR and change nothing', () => {
      // Arrange
      const attr = declare('trailing-write');
      debugfs.write(`${attr.name}/probability`, '30');

      // Act
      const errors = [
        catchErrInject(() => debugfs.write(`${attr.name}/probability/`, '5')),
        catchErrInject(() => debugfs.write(`/sys/kernel/debug/${attr.name}/probability/`, '5')),
        catchErrInject(() => debugfs.write(`${attr.name}/probability//`, '5')),
      ];

      // Assert
      expect(errors.map((error) => error.code)).to.deep.equal(['ENOTDIR', 'ENOTDIR', 'ENOTDIR']);
      expect(errors[0]?.errno).to.equal(-20);
      expect(errors[0]?.path).to.equal(`${attr.name}/probability/`);
      expect(errors[0]?.message).to.include(`${attr.name}/probability/`);
      expect(debugfs.read(`${attr.name}/probability`)).to.equal('30\n');
    });

    it('should refuse to read it with ENOTDIR', () => {
      // Arrange
      const attr = declare('trailing-read');

      // Act
      const errors = [
        catchErrInject(() => debugfs.read(`${attr.name}/probability/`)),
        catchErrInject(() => debugfs.read(`/sys/kernel/debug/${attr.name}/times/`)),
      ];

      // Assert
      expect(errors.map((error) => error.code)).to.deep.equal(['ENOTDIR', 'ENOTDIR']);
    });

    it('should refuse procfs self/ files with ENOTDIR and change nothing', () => {
      // Act
      const result = runTask(() => {
        const codes = [
          catchErrInject(() => procfs.write('self/fail-nth/', '3')).code,
          catchErrInject(() => procfs.write('/proc/self/make-it-fail/', '1')).code,
          catchErrInject(() => procfs.read('self/fail-nth/')).code,
        ];
        return { codes, nth: procfs.read('self/fail-nth'), mif: procfs.read('self/make-it-fail') };
      });

      // Assert
      expect(result).to.deep.equal({ codes: ['ENOTDIR', 'ENOTDIR', 'ENOTDIR'], nth: '0\n', mif: '0\n' });
    });
  });

  describe('when a directory is named with a trailing slash', () => {
    it('should list it as without the slash', () => {
      // Arrange
      const attr = declare('trailing-dir');

      // Act
      const lists = [debugfs.list(`${attr.name}/`), debugfs.list(`${attr.name}//`), procfs.list('self/'), debugfs.list('fail_function/')];

      // Assert
      expect(lists[0]).to.deep.equal(debugfs.list(attr.name));
      expect(lists[1]).to.deep.equal(debugfs.list(attr.name));
      expect(lists[2]).to.deep.equal(procfs.list('self'));
      expect(lists[3]).to.deep.equal(debugfs.list('fail_function'));
      expect(debugfs.stat(`${attr.name}/`)).to.equal('dir');
    });
  });
});
