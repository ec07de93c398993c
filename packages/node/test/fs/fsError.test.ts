import * as fs from 'node:fs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { expect } from 'chai';
import { isErrInjectError } from '@errinject/core';
import { FS_ERRNOS, fsError, type FsErrorSite } from '../../src/index';

/** Everything of an error a caller can see: its class, message and own fields, in order. */
function shape(error: unknown): { readonly class: string; readonly message: string; readonly fields: [string, unknown][] } {
  const value = error as Error & Record<string, unknown>;
  return { class: value.constructor.name, message: value.message, fields: Object.keys(value).map((key) => [key, value[key]]) };
}

/** The error Node throws for a call. */
function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

describe('fsError', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'errinject-node-fserror-'));
    writeFileSync(path.join(dir, 'file'), 'x');
    fs.mkdirSync(path.join(dir, 'full'));
    writeFileSync(path.join(dir, 'full', 'entry'), 'y');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('when given what a real failure reports', () => {
    const cases: readonly [string, (dir: string) => unknown, (dir: string) => [string, FsErrorSite]][] = [
      ['open of a missing file', (d) => fs.openSync(path.join(d, 'missing'), 'r'), (d) => ['ENOENT', { syscall: 'open', path: path.join(d, 'missing') }]],
      ['rename of a missing file, with its dest', (d) => fs.renameSync(path.join(d, 'missing'), path.join(d, 'to')), (d) => ['ENOENT', { syscall: 'rename', path: path.join(d, 'missing'), dest: path.join(d, 'to') }]],
      ['mkdir of a directory that exists', (d) => fs.mkdirSync(path.join(d, 'full')), (d) => ['EEXIST', { syscall: 'mkdir', path: path.join(d, 'full') }]],
      ['rmdir of a directory that is not empty', (d) => fs.rmdirSync(path.join(d, 'full')), (d) => ['ENOTEMPTY', { syscall: 'rmdir', path: path.join(d, 'full') }]],
      ['readdir of a file', (d) => fs.readdirSync(path.join(d, 'file')), (d) => ['ENOTDIR', { syscall: 'scandir', path: path.join(d, 'file') }]],
      ['read of a closed descriptor, with no path', () => fs.readSync(2 ** 30, Buffer.alloc(1), 0, 1, null), () => ['EBADF', { syscall: 'read' }]],
    ];
    for (const [what, call, expected] of cases) {
      it(`should make the error Node makes: ${what}`, () => {
        // Arrange
        const real = thrown(() => call(dir));
        const [code, site] = expected(dir);

        // Act
        const made = fsError(code, site);

        // Assert
        expect(shape(made)).to.deep.equal(shape(real));
      });
    }
  });

  describe('when the code is not an errno Node describes', () => {
    it('should refuse it with ERR_INVALID_ARG_VALUE naming it and what is accepted', () => {
      // Act
      const error = thrown(() => fsError('ENOPE', { syscall: 'open' }));

      // Assert
      expect(isErrInjectError(error)).to.equal(true);
      expect((error as { code: string }).code).to.equal('ERR_INVALID_ARG_VALUE');
      expect((error as Error).message).to.equal(`fsError: "ENOPE" is not an errno Node describes on ${process.platform}; accepted: an errno name such as ENOENT, EACCES, ENOSPC, EIO`);
    });
  });
});

describe('FS_ERRNOS', () => {
  it('should give every call errnos Node describes, each once, the default first', () => {
    // Act
    const problems = Object.entries(FS_ERRNOS as Readonly<Record<string, readonly string[]>>).flatMap(([syscall, codes]) => {
      const found: string[] = [];
      if (codes.length === 0) found.push(`${syscall}: no errno`);
      if (new Set(codes).size !== codes.length) found.push(`${syscall}: an errno twice`);
      for (const code of codes) {
        try {
          fsError(code, { syscall });
        } catch {
          found.push(`${syscall}: ${code} is not described`);
        }
      }
      return found;
    });

    // Assert
    expect(problems).to.deep.equal([]);
    expect(FS_ERRNOS.open[0]).to.equal('ENOENT');
    expect(FS_ERRNOS.write[0]).to.equal('ENOSPC');
    expect(FS_ERRNOS.rename[0]).to.equal('EXDEV');
  });
});
