import { expect } from 'chai';
import { spawnError } from '../../src/failcmd/spawnError';

describe('spawnError', () => {
  describe('when spawn gave an errno name', () => {
    it('should keep it, and say why in words for ENOENT and EACCES', () => {
      expect(spawnError('x', Object.assign(new Error('spawn x ENOENT'), { code: 'ENOENT' }))).to.include({ code: 'ENOENT', message: 'cannot run "x": no such program (looked up on PATH)' });
      expect(spawnError('x', Object.assign(new Error('spawn x EACCES'), { code: 'EACCES' })).message).to.contain('not executable');
      expect(spawnError('x', Object.assign(new Error('spawn x ENOTDIR'), { code: 'ENOTDIR' }))).to.include({ code: 'ENOTDIR', message: 'cannot run "x": spawn x ENOTDIR' });
    });
  });

  describe('when it gave no errno name', () => {
    it('should say EIO, with its message', () => {
      expect(spawnError('x', new Error('odd'))).to.include({ code: 'EIO', message: 'cannot run "x": odd' });
      expect(spawnError('x', Object.assign(new Error('odd'), { code: 'ERR_SOMETHING' })).code).to.equal('EIO');
    });
  });
});
