import { expect } from 'chai';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { controlSocketDir, controlSocketPath } from '../../src/index';
import { catchErrInject } from '../support/errors';

describe('controlSocketDir', () => {
  let runtime = '';
  const saved = process.env['XDG_RUNTIME_DIR'];

  beforeEach(() => {
    runtime = mkdtempSync(join(tmpdir(), 'errinject-xdg-'));
    process.env['XDG_RUNTIME_DIR'] = runtime;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env['XDG_RUNTIME_DIR'];
    else process.env['XDG_RUNTIME_DIR'] = saved;
    rmSync(runtime, { recursive: true, force: true });
  });

  describe('when XDG_RUNTIME_DIR is set', () => {
    it('should create $XDG_RUNTIME_DIR/errinject with mode 0700, and find it again', () => {
      // Act
      const dir = controlSocketDir();
      const again = controlSocketDir();

      // Assert
      expect(dir).to.equal(join(runtime, 'errinject'));
      expect(again).to.equal(dir);
      expect(statSync(dir).mode & 0o777).to.equal(0o700);
    });

    it('should give 0700 whatever the umask took away', () => {
      // Arrange
      const umask = process.umask(0o777);

      // Act
      let dir = '';
      try {
        dir = controlSocketDir();
      } finally {
        process.umask(umask);
      }

      // Assert
      expect(statSync(dir).mode & 0o777).to.equal(0o700);
    });

    it('should refuse a directory with other permissions, with EACCES', () => {
      // Arrange
      mkdirSync(join(runtime, 'errinject'), { mode: 0o755 });
      chmodSync(join(runtime, 'errinject'), 0o755);

      // Act
      const error = catchErrInject(() => controlSocketDir());

      // Assert
      expect(error.code).to.equal('EACCES');
      expect(error.message).to.equal(
        `control socket directory ${JSON.stringify(join(runtime, 'errinject'))}: owned by uid ${process.getuid?.()} with mode 0755; ` +
          `it must belong to this user (uid ${process.getuid?.()}) with mode 0700, so that no one else can reach its sockets`,
      );
      expect(error.path).to.equal(join(runtime, 'errinject'));
    });

    it('should refuse a file or a symbolic link in its place, with ENOTDIR', () => {
      // Arrange
      writeFileSync(join(runtime, 'errinject'), '');
      const other = mkdtempSync(join(tmpdir(), 'errinject-xdg-link-'));
      const linked = mkdtempSync(join(tmpdir(), 'errinject-xdg-'));
      symlinkSync(other, join(linked, 'errinject'));

      // Act
      const file = catchErrInject(() => controlSocketDir());
      process.env['XDG_RUNTIME_DIR'] = linked;
      const link = catchErrInject(() => controlSocketDir());
      rmSync(other, { recursive: true, force: true });
      rmSync(linked, { recursive: true, force: true });

      // Assert
      expect([file.code, link.code]).to.deep.equal(['ENOTDIR', 'ENOTDIR']);
      expect(file.message).to.match(/: it exists and is not a directory \(a symbolic link is refused too\); remove it$/);
    });

    it('should refuse with the errno of mkdir when the runtime directory does not exist', () => {
      // Arrange
      process.env['XDG_RUNTIME_DIR'] = join(runtime, 'gone');

      // Act
      const error = catchErrInject(() => controlSocketDir());

      // Assert
      expect(error.code).to.equal('ENOENT');
      expect(error.message).to.match(/^control socket directory ".*gone\/errinject": cannot create it \(ENOENT\): /);
    });
  });

  describe('when XDG_RUNTIME_DIR is unset or empty', () => {
    it('should use errinject-<uid> in the temporary directory', () => {
      // Arrange
      process.env['XDG_RUNTIME_DIR'] = '';

      // Act
      const dir = controlSocketDir();

      // Assert
      expect(dir).to.equal(join(tmpdir(), `errinject-${process.getuid?.()}`));
      expect(statSync(dir).mode & 0o777).to.equal(0o700);
    });
  });
});

describe('controlSocketPath', () => {
  describe('when given a pid', () => {
    it('should name <pid>.sock in the directory', () => {
      // Act
      const path = controlSocketPath(1234);

      // Assert
      expect(path).to.equal(join(controlSocketDir(), '1234.sock'));
    });
  });

  describe('when the pid is not a positive integer', () => {
    for (const pid of [0, -1, 1.5, Number.NaN, '12' as unknown as number]) {
      it(`should refuse ${String(pid)} (${typeof pid}) with ERR_INVALID_ARG_VALUE`, () => {
        // Act
        const error = catchErrInject(() => controlSocketPath(pid));

        // Assert
        expect(error.code).to.equal('ERR_INVALID_ARG_VALUE');
        expect(error.message).to.match(/^controlSocketPath: pid must be a positive integer, got /);
      });
    }
  });
});
