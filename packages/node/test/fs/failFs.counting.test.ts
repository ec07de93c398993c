import { expect } from 'chai';
import { runScriptOut } from '../support/runScript';

describe('fail_fs', () => {
  describe('when counting fault points', () => {
    it('should count fs.readFileSync as one call: fail-nth 1 fails it, fail-nth 2 leaves it alone', () => {
      // Act
      const out = runScriptOut({
        source: `const { nth, left, thrown, count, done } = require('./helpers.js');
const fs = require('node:fs');
const file = __dirname + '/file.txt';
fs.writeFileSync(file, 'hello');
nth(1);
const first = thrown(() => fs.readFileSync(file, 'utf8'));
const firstLeft = left();
nth(2);
const second = thrown(() => fs.readFileSync(file, 'utf8'));
const secondLeft = left();
nth(0);
done({ first: first.fields, firstLeft, second, secondLeft, counted: count(() => fs.readFileSync(file)) });
`,
      });

      // Assert
      expect(out).to.deep.equal({
        first: [
          ['errno', -2],
          ['code', 'ENOENT'],
          ['syscall', 'open'],
          ['path', '$DIR/file.txt'],
        ],
        firstLeft: 0,
        second: { returned: 'hello' },
        secondLeft: 1,
        counted: 1,
      });
    });

    it("should count one call for each public call, not the fs calls Node's code makes for it", () => {
      // Act
      const out = runScriptOut({
        source: `const { count, countAsync, done } = require('./helpers.js');
const fs = require('node:fs');
const util = require('node:util');
const dir = __dirname;
const file = dir + '/file.txt';
fs.writeFileSync(file, 'hello');
(async () => {
  const out = {};
  // Node's writeFile calls fs.open, fs.write and fs.close from its own code.
  out.writeFile = await countAsync(() => new Promise((resolve, reject) => fs.writeFile(file, 'world', (e) => (e ? reject(e) : resolve()))));
  // fs.promises.readFile closes its FileHandle itself.
  out.promisesReadFile = await countAsync(() => fs.promises.readFile(file));
  fs.mkdirSync(dir + '/tree/a/b', { recursive: true });
  fs.writeFileSync(dir + '/tree/a/b/leaf', 'x');
  fs.writeFileSync(dir + '/tree/top', 'x');
  // rm walks the tree with lstat, readdir, unlink and rmdir of its own.
  out.rm = await countAsync(() => new Promise((resolve, reject) => fs.rm(dir + '/tree', { recursive: true }, (e) => (e ? reject(e) : resolve()))));
  out.treeLeft = fs.existsSync(dir + '/tree');
  // The JavaScript realpath calls fs.lstat for each component.
  out.realpath = await countAsync(() => new Promise((resolve, reject) => fs.realpath(file, (e, p) => (e ? reject(e) : resolve(p)))));
  out.realpathSync = count(() => fs.realpathSync(file));
  // The program calls the promisified function: its one fs.readFile is the program's.
  out.promisified = await countAsync(() => util.promisify(fs.readFile)(file));
  out.mkdirRecursive = count(() => fs.mkdirSync(dir + '/m/n/o', { recursive: true }));
  out.copyFileSync = count(() => fs.copyFileSync(file, dir + '/copy'));
  done(out);
})();
`,
      });

      // Assert
      expect(out).to.deep.equal({ writeFile: 1, promisesReadFile: 1, rm: 1, treeLeft: false, realpath: 1, realpathSync: 1, promisified: 1, mkdirRecursive: 1, copyFileSync: 1 });
    });

    it('should fail a recursive fs.rm as one call, before it removed anything', () => {
      // Act
      const out = runScriptOut({
        source: `const { nth, left, shape, done } = require('./helpers.js');
const fs = require('node:fs');
const dir = __dirname;
fs.mkdirSync(dir + '/tree/a', { recursive: true });
fs.writeFileSync(dir + '/tree/a/leaf', 'x');
nth(1);
fs.rm(dir + '/tree', { recursive: true }, (error) => {
  const l = left();
  done({ error: shape(error), left: l, leaf: fs.existsSync(dir + '/tree/a/leaf') });
});
`,
      });

      // Assert: rm's table default, EACCES on unlink (rm ignores ENOENT under force).
      expect(out).to.deep.equal({
        error: {
          class: 'Error',
          message: "EACCES: permission denied, unlink '$DIR/tree'",
          fields: [
            ['errno', -13],
            ['code', 'EACCES'],
            ['syscall', 'unlink'],
            ['path', '$DIR/tree'],
          ],
          isError: true,
        },
        left: 0,
        leaf: true,
      });
    });

    it('should count a 1 MiB createReadStream as 19 calls: open, 16 reads of 64 KiB, the read that finds the end, close', () => {
      // Act: sweep fail-nth until a run sees no fault; each run says which system call failed and
      // how many bytes came before it.
      const out = runScriptOut({
        source: `const { nth, left, done } = require('./helpers.js');
const fs = require('node:fs');
const file = __dirname + '/big';
fs.writeFileSync(file, Buffer.alloc(1 << 20));
const run = (n) => new Promise((resolve) => {
  nth(n);
  let bytes = 0;
  const stream = fs.createReadStream(file);
  stream.on('data', (chunk) => { bytes += chunk.length; });
  stream.on('error', (error) => resolve([n, error.syscall, error.code, bytes]));
  stream.on('close', () => resolve([n, 'none', 'none', bytes]));
}).then((result) => { const l = left(); nth(0); return [...result, l]; });
(async () => {
  const runs = [];
  for (let n = 1; ; n++) {
    const result = await run(n);
    runs.push(result);
    if (result[1] === 'none') break;
  }
  done({ runs });
})();
`,
      });

      // Assert: Node reads with the default highWaterMark (64 KiB) until a read returns 0 bytes, so
      // 1 MiB takes 16 full reads and a 17th that finds the end; then the stream closes its fd.
      // Run 20 is the first without a fault: the countdown still has 1 to go.
      const runs: unknown[] = [[1, 'open', 'ENOENT', 0, 0]];
      for (let read = 0; read < 17; read++) runs.push([2 + read, 'read', 'EIO', read * 65536, 0]);
      runs.push([19, 'close', 'EIO', 1 << 20, 0], [20, 'none', 'none', 1 << 20, 1]);
      expect(out).to.deep.equal({ runs });
    });
  });
});
