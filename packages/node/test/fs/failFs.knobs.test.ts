import { expect } from 'chai';
import { runScriptOut } from '../support/runScript';

const ENOSPC_WRITE = {
  class: 'Error',
  message: 'ENOSPC: no space left on device, write',
  fields: [
    ['errno', -28],
    ['code', 'ENOSPC'],
    ['syscall', 'write'],
  ],
  isError: true,
};

describe('fail_fs', () => {
  describe('ops', () => {
    it('should read back empty, refuse an unknown name with EINVAL naming it and changing nothing, and read back in the table order', () => {
      // Act
      const out = runScriptOut({
        source: `const { read, tryKnob, done } = require('./helpers.js');
const out = { initial: read('ops') };
out.refused = tryKnob('ops', 'write bogus');
out.afterRefused = read('ops');
out.set = tryKnob('ops', 'write,open');
out.readBack = read('ops');
out.refusedAgain = tryKnob('ops', 'opne');
out.kept = read('ops');
out.cleared = tryKnob('ops', '');
out.afterClear = read('ops');
done(out);
`,
      });

      // Assert
      const accepted =
        'access chmod chown close fchmod fchown fdatasync futime copyfile fstat fsync ftruncate lchown link lutime lstat mkdir mkdtemp open opendir read readlink realpath rename rmdir scandir stat statfs symlink truncate unlink utime write; empty for all';
      expect(out).to.deep.equal({
        initial: '\n',
        refused: ['EINVAL', `debugfs fail_fs/ops: cannot write "write bogus" (EINVAL: not accepted); accepted: operation names separated by spaces (bogus is not one): ${accepted}`],
        afterRefused: '\n',
        set: 'ok',
        readBack: 'open write\n',
        refusedAgain: ['EINVAL', `debugfs fail_fs/ops: cannot write "opne" (EINVAL: not accepted); accepted: operation names separated by spaces (opne is not one): ${accepted}`],
        kept: 'open write\n',
        cleared: 'ok',
        afterClear: '\n',
      });
    });

    it('should fail only the operations named: with ops write, opens and reads are not even counted', () => {
      // Act
      const out = runScriptOut({
        source: `const { knob, count, thrown, done } = require('./helpers.js');
const fs = require('node:fs');
const file = __dirname + '/file.txt';
fs.writeFileSync(file, 'hello');
knob('ops', 'write');
const out = {};
out.openCounted = count(() => fs.closeSync(fs.openSync(file, 'r+')));
const fd = fs.openSync(file, 'r+');
knob('probability', '100');
knob('times', '-1');
out.read = thrown(() => fs.readFileSync(file, 'utf8'));
out.stat = thrown(() => fs.statSync(file).size);
out.write = thrown(() => fs.writeSync(fd, 'world'));
knob('probability', '0');
out.content = fs.readFileSync(file, 'utf8');
done(out);
`,
      });

      // Assert: closeSync is 'close', not 'write', and is not counted either.
      expect(out).to.deep.equal({ openCounted: 0, read: { returned: 'hello' }, stat: { returned: 5 }, write: ENOSPC_WRITE, content: 'hello' });
    });
  });

  describe('path-filter', () => {
    it('should fail only the paths its patterns match: * and ?, a suffix after a /, relative paths resolved', () => {
      // Act
      const out = runScriptOut({
        source: `const { knob, read, count, done } = require('./helpers.js');
const fs = require('node:fs');
const dir = __dirname;
fs.mkdirSync(dir + '/logs');
fs.mkdirSync(dir + '/other');
for (const name of ['a.txt', 'a.log', 'logs/app.log', 'logs/apps.log', 'other/x', 'other/xy']) fs.writeFileSync(dir + '/' + name, name);
knob('path-filter', ' *.txt ,' + dir + '/logs/???.log\\nother/x');
const out = { readBack: read('path-filter') };
for (const name of ['a.txt', 'a.log', 'logs/app.log', 'logs/apps.log', 'other/x', 'other/xy']) out[name] = count(() => fs.readFileSync(dir + '/' + name));
// Relative to the working directory (the program's directory here).
out.relative = count(() => fs.readFileSync('logs/app.log'));
out.dotted = count(() => fs.statSync('./other/../logs/app.log'));
out.relativeMiss = count(() => fs.readFileSync('a.log'));
knob('path-filter', '');
out.cleared = read('path-filter');
out.all = count(() => fs.readFileSync('a.log'));
done(out);
`,
      });

      // Assert
      expect(out).to.deep.equal({
        readBack: '*.txt,$DIR/logs/???.log,other/x\n',
        'a.txt': 1,
        'a.log': 0,
        'logs/app.log': 1,
        'logs/apps.log': 0,
        'other/x': 1,
        'other/xy': 0,
        relative: 1,
        dotted: 1,
        relativeMiss: 0,
        cleared: '\n',
        all: 1,
      });
    });

    it('should match a call on a descriptor or a stream by the path it was opened with while the filter was set', () => {
      // Act
      const out = runScriptOut({
        source: `const { knob, count, countAsync, done } = require('./helpers.js');
const fs = require('node:fs');
const dir = __dirname;
fs.writeFileSync(dir + '/a.txt', 'hello');
fs.writeFileSync(dir + '/a.log', 'hello');
knob('path-filter', '*.txt');
const out = {};
// open and read in one countdown: the open is counted, and so is the read on what it opened.
out.syncTxt = count(() => { const fd = fs.openSync(dir + '/a.txt'); fs.readSync(fd, Buffer.alloc(5)); fs.closeSync(fd); });
out.syncLog = count(() => { const fd = fs.openSync(dir + '/a.log'); fs.readSync(fd, Buffer.alloc(5)); fs.closeSync(fd); });
const viaCallbacks = (file) => new Promise((resolve) => fs.open(file, (e, fd) => fs.read(fd, Buffer.alloc(5), 0, 5, 0, () => fs.close(fd, resolve))));
const viaHandle = async (file) => { const handle = await fs.promises.open(file); await handle.read(Buffer.alloc(5), 0, 5, 0); await handle.stat(); await handle.close(); };
const viaStream = (file) => new Promise((resolve) => { const stream = fs.createWriteStream(file); stream.on('close', resolve); stream.end('abc'); });
(async () => {
  out.callbackTxt = await countAsync(() => viaCallbacks(dir + '/a.txt'));
  out.callbackLog = await countAsync(() => viaCallbacks(dir + '/a.log'));
  out.handleTxt = await countAsync(() => viaHandle(dir + '/a.txt'));
  out.handleLog = await countAsync(() => viaHandle(dir + '/a.log'));
  out.streamTxt = await countAsync(() => viaStream(dir + '/s.txt'));
  out.streamLog = await countAsync(() => viaStream(dir + '/s.log'));
  done(out);
})();
`,
      });

      // Assert: open, read, close each count for .txt (and the handle's stat); nothing counts for .log.
      expect(out).to.deep.equal({ syncTxt: 3, syncLog: 0, callbackTxt: 3, callbackLog: 0, handleTxt: 4, handleLog: 0, streamTxt: 3, streamLog: 0 });
    });
    // A regression test: descriptors were remembered only while something could fail, so a read on
    // one opened before (a file a server opens at start, then faults armed live) was never matched.
    it('should match a call on a descriptor or a handle opened while nothing could fail yet', () => {
      // Act
      const out = runScriptOut({
        source: `const { count, countAsync, thrown, knob, done } = require('./helpers.js');
const fs = require('node:fs');
const dir = __dirname;
fs.writeFileSync(dir + '/a.txt', 'hello');
fs.writeFileSync(dir + '/a.log', 'hello');
knob('path-filter', '*.txt');
const txt = fs.openSync(dir + '/a.txt');
const log = fs.openSync(dir + '/a.log');
fs.open(dir + '/a.txt', (error, callbackTxt) => {
  (async () => {
    const handleTxt = await fs.promises.open(dir + '/a.txt');
    const out = {};
    out.syncTxt = count(() => fs.readSync(txt, Buffer.alloc(5), 0, 5, 0));
    out.syncLog = count(() => fs.readSync(log, Buffer.alloc(5), 0, 5, 0));
    out.callbackTxt = count(() => fs.fstatSync(callbackTxt));
    out.handleTxt = await countAsync(() => handleTxt.stat());
    knob('probability', '100');
    knob('times', '-1');
    out.failed = thrown(() => fs.readSync(txt, Buffer.alloc(5), 0, 5, 0)).message;
    out.notFailed = thrown(() => fs.readSync(log, Buffer.alloc(5), 0, 5, 0)).returned;
    knob('probability', '0');
    // Closed, the descriptor's path is forgotten: the number may be another file's next.
    fs.closeSync(txt);
    const reused = fs.openSync(dir + '/a.log');
    out.reusedSameNumber = reused === txt;
    out.reused = count(() => fs.readSync(reused, Buffer.alloc(5), 0, 5, 0));
    done(out);
  })();
});
`,
      });

      // Assert
      expect(out).to.deep.equal({ syncTxt: 1, syncLog: 0, callbackTxt: 1, handleTxt: 1, failed: 'EIO: i/o error, read', notFailed: 5, reusedSameNumber: true, reused: 0 });
    });
  });

  describe('errno', () => {
    it('should apply the errno written, refuse an unknown name with EINVAL naming it, and restore the table default when emptied', () => {
      // Act
      const out = runScriptOut({
        source: `const { nth, knob, read, tryKnob, thrown, done } = require('./helpers.js');
const fs = require('node:fs');
const file = __dirname + '/file.txt';
fs.writeFileSync(file, 'hello');
const out = { initial: read('errno') };
out.set = tryKnob('errno', 'ENOSPC');
out.readBack = read('errno');
nth(1);
out.open = thrown(() => fs.openSync(file)).message;
out.refused = tryKnob('errno', 'EBOGUS');
out.kept = read('errno');
out.cleared = tryKnob('errno', '');
out.afterClear = read('errno');
nth(1);
out.openDefault = thrown(() => fs.openSync(file)).message;
done(out);
`,
      });

      // Assert
      expect(out).to.deep.equal({
        initial: '\n',
        set: 'ok',
        readBack: 'ENOSPC\n',
        open: "ENOSPC: no space left on device, open '$DIR/file.txt'",
        refused: [
          'EINVAL',
          'debugfs fail_fs/errno: cannot write "EBOGUS" (EINVAL: not accepted); accepted: an errno name Node describes on linux (ENOENT, EACCES, ENOSPC, EIO, ...); empty for each operation\'s own',
        ],
        kept: 'ENOSPC\n',
        cleared: 'ok',
        afterClear: '\n',
        openDefault: "ENOENT: no such file or directory, open '$DIR/file.txt'",
      });
    });

    it("should pick writeFile's open stage for an errno only open returns: syscall open, the path, the file untouched", () => {
      // Act
      const out = runScriptOut({
        source: `const { nth, knob, thrown, done } = require('./helpers.js');
const fs = require('node:fs');
const file = __dirname + '/file.txt';
fs.writeFileSync(file, 'hello');
knob('errno', 'ENOENT');
nth(1);
const error = thrown(() => fs.writeFileSync(file, 'world'));
done({ error, content: fs.readFileSync(file, 'utf8') });
`,
      });

      // Assert
      expect(out).to.deep.equal({
        error: {
          class: 'Error',
          message: "ENOENT: no such file or directory, open '$DIR/file.txt'",
          fields: [
            ['errno', -2],
            ['code', 'ENOENT'],
            ['syscall', 'open'],
            ['path', '$DIR/file.txt'],
          ],
          isError: true,
        },
        content: 'hello',
      });
    });
  });

  describe('space', () => {
    it('should let 15 chunks of 64 KiB through a space of 1 MiB and fail the 16th and every one after', () => {
      // Act
      const out = runScriptOut({
        source: `const { knob, read, done } = require('./helpers.js');
const fs = require('node:fs');
const file = __dirname + '/big';
const fd = fs.openSync(file, 'w');
knob('space', '1048576');
knob('times', '-1');
knob('probability', '100');
const chunk = Buffer.alloc(65536);
const results = [];
for (let i = 1; i <= 32; i++) {
  try { fs.writeSync(fd, chunk); results.push('ok'); } catch (e) { results.push(e.code); }
}
knob('probability', '0');
done({ results, space: read('space'), size: fs.fstatSync(fd).size });
`,
      });

      // Assert: lib/fault-inject.c uses space up only while space > size. After 15 chunks it is
      // 1048576 - 15 * 65536 = 65536, and 65536 > 65536 is false: the 16th chunk fails (not the
      // 17th) and space stays 65536 from then on.
      expect(out).to.deep.equal({ results: [...Array<string>(15).fill('ok'), ...Array<string>(17).fill('ENOSPC')], space: '65536\n', size: 15 * 65536 });
    });

    it('should give calls that move no data size 0: they never use space up and never fail while space is left', () => {
      // Act
      const out = runScriptOut({
        source: `const { knob, read, thrown, done } = require('./helpers.js');
const fs = require('node:fs');
const file = __dirname + '/file.txt';
fs.writeFileSync(file, 'hello');
const fd = fs.openSync(file, 'r+');
knob('space', '100');
knob('times', '-1');
knob('probability', '100');
const out = {};
out.open = thrown(() => typeof fs.openSync(file)).returned;
out.stat = thrown(() => fs.statSync(file).size).returned;
out.afterNoData = read('space');
out.write10 = thrown(() => fs.writeSync(fd, Buffer.alloc(10), 0, 10, 0)).returned;
out.afterWrite = read('space');
out.write90 = thrown(() => fs.writeSync(fd, Buffer.alloc(90), 0, 90, 0)).fields;
out.afterFailed = read('space');
knob('probability', '0');
done(out);
`,
      });

      // Assert: 90 > 90 is false, so the write of 90 bytes fails and leaves space at 90.
      expect(out).to.deep.equal({
        open: 'number',
        stat: 5,
        afterNoData: '100\n',
        write10: 10,
        afterWrite: '90\n',
        write90: [
          ['errno', -28],
          ['code', 'ENOSPC'],
          ['syscall', 'write'],
        ],
        afterFailed: '90\n',
      });
    });
  });

  describe('when writeFile and appendFile fail at their write', () => {
    it('should leave a file writeFile truncated, one appendFile left as it was, and a new file created', () => {
      // Act
      const out = runScriptOut({
        source: `const { nth, thrown, rejected, done } = require('./helpers.js');
const fs = require('node:fs');
const file = __dirname + '/file.txt';
const out = {};
fs.writeFileSync(file, 'existing content');
nth(1);
out.writeFileSync = thrown(() => fs.writeFileSync(file, 'new'));
out.afterWriteFileSync = fs.readFileSync(file, 'utf8');
fs.writeFileSync(file, 'existing content');
nth(1);
out.appendFileSync = thrown(() => fs.appendFileSync(file, 'new'));
out.afterAppendFileSync = fs.readFileSync(file, 'utf8');
nth(1);
out.newFile = thrown(() => fs.writeFileSync(__dirname + '/new.txt', 'new'));
out.newFileContent = fs.readFileSync(__dirname + '/new.txt', 'utf8');
fs.writeFileSync(file, 'existing content');
(async () => {
  nth(1);
  out.promisesWriteFile = await rejected(fs.promises.writeFile(file, 'new'));
  out.afterPromisesWriteFile = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(file, 'existing content');
  nth(1);
  out.writeFile = await new Promise((resolve) => fs.writeFile(file, 'new', (e) => resolve(e.message)));
  out.afterWriteFile = fs.readFileSync(file, 'utf8');
  done(out);
})();
`,
      });

      // Assert
      expect(out).to.deep.equal({
        writeFileSync: ENOSPC_WRITE,
        afterWriteFileSync: '',
        appendFileSync: ENOSPC_WRITE,
        afterAppendFileSync: 'existing content',
        newFile: ENOSPC_WRITE,
        newFileContent: '',
        promisesWriteFile: ENOSPC_WRITE,
        afterPromisesWriteFile: '',
        writeFile: 'ENOSPC: no space left on device, write',
        afterWriteFile: '',
      });
    });
  });
});
