import { expect } from 'chai';
import { runScriptOut } from '../support/runScript';

/** An error's shape as the helpers' `shape` gives it. */
function errorShape(code: string, errno: number, message: string, fields: readonly [string, unknown][]): unknown {
  return { class: 'Error', message, fields: [['errno', errno], ['code', code], ...fields], isError: true };
}

const ENOENT_OPEN = errorShape('ENOENT', -2, "ENOENT: no such file or directory, open '$DIR/file.txt'", [
  ['syscall', 'open'],
  ['path', '$DIR/file.txt'],
]);

/** The same shape for the real failure of the missing file: only the path differs. */
const ENOENT_OPEN_MISSING = errorShape('ENOENT', -2, "ENOENT: no such file or directory, open '$DIR/missing'", [
  ['syscall', 'open'],
  ['path', '$DIR/missing'],
]);

describe('fail_fs', () => {
  describe('when fs.openAsBlob fails', () => {
    it('should throw at the call what Node throws for a file it cannot open, whatever the errno', () => {
      // Act
      const out = runScriptOut({
        source: `const { nth, left, thrown, done } = require('./helpers.js');
const fs = require('node:fs');
const file = __dirname + '/file.txt';
fs.writeFileSync(file, 'hello');
const real = thrown(() => fs.openAsBlob(__dirname + '/missing'));
nth(1);
const injected = thrown(() => fs.openAsBlob(file));
const nthLeft = left();
fs.openAsBlob(file).then((blob) => done({ real, injected, left: nthLeft, size: blob.size }));
`,
      });

      // Assert
      const expected = { class: 'TypeError', message: 'Unable to open file as blob', fields: [['code', 'ERR_INVALID_ARG_VALUE']], isError: true };
      expect(out.real).to.deep.equal(expected);
      expect(out.injected).to.deep.equal(expected);
      expect([out.left, out.size]).to.deep.equal([0, 5]);
    });
  });

  describe('when a Sync call fails', () => {
    it('should throw the error a real failure throws, from the program frame', () => {
      // Act
      const out = runScriptOut({
        source: `const { nth, left, thrown, done } = require('./helpers.js');
const fs = require('node:fs');
const file = __dirname + '/file.txt';
fs.writeFileSync(file, 'hello');
const real = thrown(() => fs.openSync(__dirname + '/missing'));
nth(1);
let stack;
const injected = thrown(() => { try { return fs.openSync(file); } catch (e) { stack = e.stack.split('\\n').slice(0, 2); throw e; } });
done({ real, injected, stack, left: left(), content: fs.readFileSync(file, 'utf8') });
`,
      });

      // Assert
      expect(out.real).to.deep.equal(ENOENT_OPEN_MISSING);
      expect(out.injected).to.deep.equal(ENOENT_OPEN);
      // The stack starts at the program's call, as a real error's first frame past node:fs is the program's.
      expect(out.stack).to.deep.equal(["Error: ENOENT: no such file or directory, open '$DIR/file.txt'", '    at $DIR/main.js:8:49']);
      expect(out.left).to.equal(0);
      expect(out.content).to.equal('hello');
    });
  });

  describe('when a callback call fails', () => {
    it('should call back after the call returned, with the error a real failure gives (no frames, as libuv errors have none)', () => {
      // Act
      const out = runScriptOut({
        source: `const { nth, shape, done } = require('./helpers.js');
const fs = require('node:fs');
const file = __dirname + '/file.txt';
fs.writeFileSync(file, 'hello');
const events = [];
fs.open(__dirname + '/missing', (realError) => {
  nth(1);
  let returned = false;
  const result = fs.open(file, 'r', (error, fd) => {
    events.push({ returned, fd: fd === undefined ? 'undefined' : fd, error: shape(error), stack: error.stack, realStack: realError.stack, real: shape(realError) });
    done(events);
  });
  returned = true;
  events.push({ result: result === undefined ? 'undefined' : result });
});
`,
      });

      // Assert
      expect(out).to.deep.equal([
        { result: 'undefined' },
        {
          returned: true,
          fd: 'undefined',
          error: ENOENT_OPEN,
          stack: "Error: ENOENT: no such file or directory, open '$DIR/file.txt'",
          realStack: "Error: ENOENT: no such file or directory, open '$DIR/missing'",
          real: ENOENT_OPEN_MISSING,
        },
      ]);
    });

    it('should give the error of a call with a dest in the real format: rename with its path and dest', () => {
      // Act
      const out = runScriptOut({
        source: `const { nth, knob, thrown, done } = require('./helpers.js');
const fs = require('node:fs');
const file = __dirname + '/file.txt';
fs.writeFileSync(file, 'hello');
const real = thrown(() => fs.renameSync(__dirname + '/missing', __dirname + '/to'));
knob('errno', 'ENOENT');
nth(1);
const injected = thrown(() => fs.renameSync(file, __dirname + '/to'));
knob('errno', '');
nth(1);
const byDefault = thrown(() => fs.renameSync(file, __dirname + '/to'));
done({ real, injected, byDefault, stillThere: fs.existsSync(file) });
`,
      });

      // Assert
      expect(out).to.deep.equal({
        real: errorShape('ENOENT', -2, "ENOENT: no such file or directory, rename '$DIR/missing' -> '$DIR/to'", [
          ['syscall', 'rename'],
          ['path', '$DIR/missing'],
          ['dest', '$DIR/to'],
        ]),
        injected: errorShape('ENOENT', -2, "ENOENT: no such file or directory, rename '$DIR/file.txt' -> '$DIR/to'", [
          ['syscall', 'rename'],
          ['path', '$DIR/file.txt'],
          ['dest', '$DIR/to'],
        ]),
        // The table's default for rename: the one a rename across file systems gives.
        byDefault: errorShape('EXDEV', -18, "EXDEV: cross-device link not permitted, rename '$DIR/file.txt' -> '$DIR/to'", [
          ['syscall', 'rename'],
          ['path', '$DIR/file.txt'],
          ['dest', '$DIR/to'],
        ]),
        stillThere: true,
      });
    });
  });

  describe('when statSync or lstatSync with throwIfNoEntry false fails', () => {
    // A regression test: the injected ENOENT was thrown where Node returns undefined.
    it('should return undefined for ENOENT, as for a missing file, and throw any other errno', () => {
      // Act
      const out = runScriptOut({
        source: `const { nth, left, knob, thrown, done } = require('./helpers.js');
const fs = require('node:fs');
const file = __dirname + '/file.txt';
fs.writeFileSync(file, 'hello');
const out = {};
out.realMissing = thrown(() => fs.statSync(__dirname + '/missing', { throwIfNoEntry: false }));
out.realNotDir = thrown(() => fs.statSync(file + '/x', { throwIfNoEntry: false })).message;
for (const name of ['statSync', 'lstatSync']) {
  nth(1);
  out[name] = thrown(() => fs[name](file, { throwIfNoEntry: false }));
  out[name + 'Left'] = left();
  nth(1);
  out[name + 'Throwing'] = thrown(() => fs[name](file)).message;
}
knob('errno', 'EACCES');
nth(1);
out.eacces = thrown(() => fs.statSync(file, { throwIfNoEntry: false })).message;
done(out);
`,
      });

      // Assert
      expect(out).to.deep.equal({
        realMissing: {},
        realNotDir: "ENOTDIR: not a directory, stat '$DIR/file.txt/x'",
        statSync: {},
        statSyncLeft: 0,
        statSyncThrowing: "ENOENT: no such file or directory, stat '$DIR/file.txt'",
        lstatSync: {},
        lstatSyncLeft: 0,
        lstatSyncThrowing: "ENOENT: no such file or directory, lstat '$DIR/file.txt'",
        eacces: "EACCES: permission denied, stat '$DIR/file.txt'",
      });
    });
  });

  describe('when readFile is given a descriptor or a FileHandle', () => {
    // A regression test: they failed in an open they never make ("ENOENT: ..., open", no path).
    it('should fail its read, never an open, and not count it when ops leaves read out', () => {
      // Act
      const out = runScriptOut({
        source: `const { nth, knob, count, countAsync, thrown, rejected, done } = require('./helpers.js');
const fs = require('node:fs');
const file = __dirname + '/file.txt';
fs.writeFileSync(file, 'hello');
const fd = fs.openSync(file);
(async () => {
  const handle = await fs.promises.open(file);
  const out = {};
  nth(1);
  out.sync = thrown(() => fs.readFileSync(fd)).message;
  nth(1);
  out.callback = await new Promise((resolve) => fs.readFile(fd, (e) => resolve(e.message)));
  nth(1);
  out.promise = (await rejected(fs.promises.readFile(handle))).message;
  nth(0);
  knob('ops', 'open');
  out.countedSync = count(() => fs.readFileSync(fd));
  out.countedPromise = await countAsync(() => fs.promises.readFile(handle));
  out.countedPath = count(() => thrown(() => fs.readFileSync(file)));
  done(out);
})();
`,
      });

      // Assert
      expect(out).to.deep.equal({
        sync: 'EIO: i/o error, read',
        callback: 'EIO: i/o error, read',
        promise: 'EIO: i/o error, read',
        countedSync: 0,
        countedPromise: 0,
        countedPath: 1,
      });
    });
  });

  describe('when a promise call fails', () => {
    it('should reject fs.promises.open with the error a real failure rejects with', () => {
      // Act
      const out = runScriptOut({
        source: `const { nth, rejected, done } = require('./helpers.js');
const fs = require('node:fs');
fs.writeFileSync(__dirname + '/file.txt', 'hello');
(async () => {
  const real = await rejected(fs.promises.open(__dirname + '/missing'));
  nth(1);
  const injected = await rejected(fs.promises.open(__dirname + '/file.txt'));
  done({ real, injected });
})();
`,
      });

      // Assert
      expect(out).to.deep.equal({ real: ENOENT_OPEN_MISSING, injected: ENOENT_OPEN });
    });

    it('should reject the methods of a FileHandle with their system call and no path, changing nothing', () => {
      // Act
      const out = runScriptOut({
        source: `const { nth, left, rejected, done } = require('./helpers.js');
const fs = require('node:fs');
const file = __dirname + '/file.txt';
fs.writeFileSync(file, 'hello');
(async () => {
  const handle = await fs.promises.open(file, 'r+');
  const calls = {
    read: () => handle.read(Buffer.alloc(5), 0, 5, 0),
    readv: () => handle.readv([Buffer.alloc(5)], 0),
    readFile: () => handle.readFile(),
    write: () => handle.write(Buffer.from('world'), 0, 5, 0),
    writev: () => handle.writev([Buffer.from('world')], 0),
    writeFile: () => handle.writeFile('world'),
    appendFile: () => handle.appendFile('world'),
    stat: () => handle.stat(),
    truncate: () => handle.truncate(0),
    sync: () => handle.sync(),
    datasync: () => handle.datasync(),
    chmod: () => handle.chmod(0o600),
    utimes: () => handle.utimes(1, 1),
  };
  const out = {};
  for (const [name, call] of Object.entries(calls)) {
    nth(1);
    const error = await rejected(call());
    out[name] = [error.message, error.fields, left()];
  }
  await handle.close();
  out.content = fs.readFileSync(file, 'utf8');
  done(out);
})();
`,
      });

      // Assert
      const failed = (code: string, errno: number, message: string, syscall: string): unknown => [
        `${code}: ${message}, ${syscall}`,
        [
          ['errno', errno],
          ['code', code],
          ['syscall', syscall],
        ],
        0,
      ];
      expect(out).to.deep.equal({
        read: failed('EIO', -5, 'i/o error', 'read'),
        readv: failed('EIO', -5, 'i/o error', 'read'),
        readFile: failed('EIO', -5, 'i/o error', 'read'),
        write: failed('ENOSPC', -28, 'no space left on device', 'write'),
        writev: failed('ENOSPC', -28, 'no space left on device', 'write'),
        writeFile: failed('ENOSPC', -28, 'no space left on device', 'write'),
        appendFile: failed('ENOSPC', -28, 'no space left on device', 'write'),
        stat: failed('EBADF', -9, 'bad file descriptor', 'fstat'),
        truncate: failed('EIO', -5, 'i/o error', 'ftruncate'),
        sync: failed('EIO', -5, 'i/o error', 'fsync'),
        datasync: failed('EIO', -5, 'i/o error', 'fdatasync'),
        chmod: failed('EPERM', -1, 'operation not permitted', 'fchmod'),
        utimes: failed('EPERM', -1, 'operation not permitted', 'futime'),
        content: 'hello',
      });
    });
  });

  describe('when FileHandle.close fails', () => {
    // Node 20 makes close each handle's own property, not a method of FileHandle's prototype: a
    // regression test for it never failing.
    it('should reject with the close error and leave the handle open, detached calls included', () => {
      // Act
      const out = runScriptOut({
        source: `const { nth, left, rejected, done } = require('./helpers.js');
const fs = require('node:fs');
fs.writeFileSync(__dirname + '/file.txt', 'hello');
(async () => {
  const out = {};
  const first = await fs.promises.open(__dirname + '/file.txt');
  nth(1);
  out.close = await rejected(first.close());
  out.closeLeft = left();
  out.stillOpen = first.fd > 0;
  out.closedAfter = await rejected(first.close());
  out.fdAfter = first.fd;
  const second = await fs.promises.open(__dirname + '/file.txt');
  const { close } = second;
  nth(1);
  out.detached = (await rejected(close())).message;
  out.detachedAfter = await rejected(close());
  out.name = [close.name, close.length];
  done(out);
})();
`,
      });

      // Assert
      expect(out).to.deep.equal({
        close: {
          class: 'Error',
          message: 'EIO: i/o error, close',
          fields: [
            ['errno', -5],
            ['code', 'EIO'],
            ['syscall', 'close'],
          ],
          isError: true,
        },
        closeLeft: 0,
        stillOpen: true,
        closedAfter: 'resolved',
        fdAfter: -1,
        detached: 'EIO: i/o error, close',
        detachedAfter: 'resolved',
        name: ['close', 0],
      });
    });
  });

  describe('when a stream fails', () => {
    it("should emit 'error' from createReadStream and createWriteStream whose open fails, as a real failed open does", () => {
      // Act
      const out = runScriptOut({
        source: `const { nth, left, shape, done } = require('./helpers.js');
const fs = require('node:fs');
fs.writeFileSync(__dirname + '/file.txt', 'hello');
const outcome = (stream) => new Promise((resolve) => {
  const data = [];
  stream.on('data', (chunk) => data.push(String(chunk)));
  stream.on('error', (error) => resolve({ error: shape(error), data }));
  stream.on('close', () => resolve({ closed: true, data }));
});
(async () => {
  const real = await outcome(fs.createReadStream(__dirname + '/missing'));
  nth(1);
  const read = await outcome(fs.createReadStream(__dirname + '/file.txt'));
  const readLeft = left();
  nth(1);
  const write = await outcome(fs.createWriteStream(__dirname + '/out.txt'));
  done({ real, read, readLeft, write, writeLeft: left(), created: fs.existsSync(__dirname + '/out.txt') });
})();
`,
      });

      // Assert
      expect(out).to.deep.equal({
        real: { error: ENOENT_OPEN_MISSING, data: [] },
        read: { error: ENOENT_OPEN, data: [] },
        readLeft: 0,
        write: {
          error: errorShape('ENOENT', -2, "ENOENT: no such file or directory, open '$DIR/out.txt'", [
            ['syscall', 'open'],
            ['path', '$DIR/out.txt'],
          ]),
          data: [],
        },
        writeLeft: 0,
        created: false,
      });
    });

    it("should emit 'error' from a write stream whose second write fails (fail-nth 3: open, write, write)", () => {
      // Act
      const out = runScriptOut({
        source: `const { nth, left, shape, done } = require('./helpers.js');
const fs = require('node:fs');
const file = __dirname + '/out.txt';
nth(3);
const stream = fs.createWriteStream(file);
const events = [];
stream.on('open', () => {
  // Each write waits for the one before: fs.write, then fs.write again (not one writev of both).
  stream.write('first,', (error) => {
    events.push(['first', error === null || error === undefined ? 'ok' : error.code]);
    stream.write('second', (error2) => events.push(['second', shape(error2)]));
  });
});
stream.on('error', (error) => events.push(['error', error.code]));
stream.on('close', () => {
  const l = left();
  nth(0);
  done({ events, left: l, content: fs.readFileSync(file, 'utf8') });
});
`,
      });

      // Assert
      const enospc = errorShape('ENOSPC', -28, 'ENOSPC: no space left on device, write', [['syscall', 'write']]);
      expect(out).to.deep.equal({
        events: [
          ['first', 'ok'],
          ['second', enospc],
          ['error', 'ENOSPC'],
        ],
        left: 0,
        content: 'first,',
      });
    });
  });

  describe('when a Dir method fails', () => {
    // fs.opendir and fs.opendirSync are getters Node loads lazily: a regression test for their
    // interceptors (and so the Dir methods') never being put in place.
    const opens: readonly [string, string][] = [
      ['fs.opendirSync', 'fs.opendirSync(__dirname)'],
      ['fs.opendir', 'await new Promise((resolve, reject) => fs.opendir(__dirname, (e, d) => (e ? reject(e) : resolve(d))))'],
      ['fs.promises.opendir', 'await fs.promises.opendir(__dirname)'],
    ];
    for (const [opener, open] of opens) {
      it(`should fail read, readSync, close and closeSync of a Dir from ${opener} as a real failure does`, () => {
        // Act
        const out = runScriptOut({
          source: `const { nth, left, shape, thrown, rejected, done } = require('./helpers.js');
const fs = require('node:fs');
(async () => {
  const out = {};
  const dir = ${open};
  nth(1);
  out.readSync = thrown(() => dir.readSync());
  out.readSyncLeft = left();
  nth(1);
  out.readPromise = await rejected(dir.read());
  nth(1);
  out.readCallback = await new Promise((resolve) => dir.read((e) => resolve(shape(e))));
  nth(1);
  out.closeSync = thrown(() => dir.closeSync());
  nth(1);
  out.closeCallback = await new Promise((resolve) => dir.close((e) => resolve(shape(e))));
  nth(1);
  out.closePromise = await rejected(dir.close());
  out.closeLeft = left();
  nth(0);
  await dir.close();
  done(out);
})();
`,
        });

        // Assert
        const scandir = {
          class: 'Error',
          message: "ENOENT: no such file or directory, scandir '$DIR'",
          fields: [
            ['errno', -2],
            ['code', 'ENOENT'],
            ['syscall', 'scandir'],
            ['path', '$DIR'],
          ],
          isError: true,
        };
        const close = {
          class: 'Error',
          message: 'EIO: i/o error, close',
          fields: [
            ['errno', -5],
            ['code', 'EIO'],
            ['syscall', 'close'],
          ],
          isError: true,
        };
        expect(out).to.deep.equal({
          readSync: scandir,
          readSyncLeft: 0,
          readPromise: scandir,
          readCallback: scandir,
          closeSync: close,
          closeCallback: close,
          closePromise: close,
          closeLeft: 0,
        });
      });
    }
  });

  describe('when fs.opendir fails', () => {
    it('should throw from fs.opendirSync and call back from fs.opendir with the opendir error', () => {
      // Act
      const out = runScriptOut({
        source: `const { nth, left, shape, thrown, done } = require('./helpers.js');
const fs = require('node:fs');
nth(1);
const sync = thrown(() => fs.opendirSync(__dirname));
const syncLeft = left();
nth(1);
fs.opendir(__dirname, (error) => done({ sync, syncLeft, callback: shape(error), callbackLeft: left() }));
`,
      });

      // Assert
      const opendir = {
        class: 'Error',
        message: "ENOENT: no such file or directory, opendir '$DIR'",
        fields: [
          ['errno', -2],
          ['code', 'ENOENT'],
          ['syscall', 'opendir'],
          ['path', '$DIR'],
        ],
        isError: true,
      };
      expect(out).to.deep.equal({ sync: opendir, syncLeft: 0, callback: opendir, callbackLeft: 0 });
    });
  });

  describe('when exists fails', () => {
    it('should call back false and return false from existsSync, as for a missing file', () => {
      // Act
      const out = runScriptOut({
        source: `const { nth, left, done } = require('./helpers.js');
const fs = require('node:fs');
const file = __dirname + '/file.txt';
fs.writeFileSync(file, 'hello');
nth(1);
let returned = false;
fs.exists(file, (exists) => {
  const existsLeft = left();
  nth(1);
  const existsSync = fs.existsSync(file);
  const existsSyncLeft = left();
  done({ returned, exists, existsLeft, existsSync, existsSyncLeft, really: fs.existsSync(file) });
});
returned = true;
`,
      });

      // Assert
      expect(out).to.deep.equal({ returned: true, exists: false, existsLeft: 0, existsSync: false, existsSyncLeft: 0, really: true });
    });
  });
});
