import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runScript, runScriptOut } from '../support/runScript';

describe('fail_fs and the stack', () => {
  describe('when require-stack names a function of the program', () => {
    it("should fail that function's direct calls, no other call, and never a stream's operations (they have no program frame)", () => {
      // Act
      const out = runScriptOut({
        source: `const { knob, done } = require('./helpers.js');
const fs = require('node:fs');
const dir = __dirname;
const out = {};
function writeTheFile() { fs.writeFileSync(dir + '/direct', 'x'); }
function streamIt(resolve) {
  const stream = fs.createWriteStream(dir + '/stream');
  stream.on('error', (e) => resolve(e.code));
  stream.on('close', () => resolve('closed'));
  stream.end('abc');
}
knob('probability', '100');
knob('times', '-1');
knob('require-stack', 'writeTheFile,streamIt');
try { writeTheFile(); out.direct = 'ok'; } catch (e) { out.direct = e.code; }
try { fs.writeFileSync(dir + '/elsewhere', 'x'); out.elsewhere = 'ok'; } catch (e) { out.elsewhere = e.code; }
(async () => {
  out.stream = await new Promise(streamIt);
  // Not even the program's file: a stream's open, write and close run from Node's own code.
  knob('require-stack', 'main.js');
  out.streamByFile = await new Promise(streamIt);
  knob('probability', '0');
  out.streamContent = fs.readFileSync(dir + '/stream', 'utf8');
  done(out);
})();
`,
      });

      // Assert
      expect(out).to.deep.equal({ direct: 'ENOSPC', elsewhere: 'ok', stream: 'closed', streamByFile: 'closed', streamContent: 'abc' });
    });
  });

  describe("when a stream's operation fails", () => {
    let reportDir: string;
    beforeEach(() => {
      reportDir = mkdtempSync(path.join(tmpdir(), 'errinject-failfs-report-'));
    });
    afterEach(() => rmSync(reportDir, { recursive: true, force: true }));

    // A regression test: fail_fs wrapped the streams' _construct, _write... in a function of its own,
    // whose frame (interceptFs.js) headed the fault's stack, named the report's site and matched
    // the stack filter.
    it("should show no frame of errinject's: an empty verbose stack, no report site, no match of interceptFs.js", () => {
      // Arrange
      const report = path.join(reportDir, 'report.jsonl');

      // Act
      const result = runScript({
        source: `const { knob, done } = require('./helpers.js');
const fs = require('node:fs');
const write = (name) => new Promise((resolve) => {
  const stream = fs.createWriteStream(__dirname + '/' + name);
  stream.on('error', (e) => resolve(e.code + ' ' + e.syscall));
  stream.on('close', () => resolve('closed'));
  stream.end('abc');
});
(async () => {
  knob('probability', '100');
  knob('require-stack', 'interceptFs.js,streamOperation');
  const filtered = await write('filtered');
  knob('require-stack', '');
  knob('verbose', '2');
  const failed = await write('failed');
  done({ filtered, failed });
})();
`,
        env: { ERRINJECT: 'fail_fs/verbose=0', ERRINJECT_REPORT: report },
      });

      // Assert
      expect(result.status).to.equal(0);
      expect(result.out).to.deep.equal({ filtered: 'closed', failed: 'ENOENT open' });
      expect(result.stderr).to.equal('FAULT_INJECTION: forcing a failure.\nname fail_fs, interval 1, probability 100, space 0, times 1\nCall Trace:\n    (no frame of the program: Node.js made the call on its own)\n');
      const faults = readFileSync(report, 'utf8')
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as { event: string; function?: string; site?: unknown })
        .filter((record) => record.event === 'fault')
        .map((record) => [record.function, record.site]);
      expect(faults).to.deep.equal([['fs.open', null]]);
    });
  });

  describe('when verbose is 2', () => {
    it("should start the record's stack at the program's frame, with none of node:fs's or errinject's above it", () => {
      // Act
      const result = runScript({
        source: `const { nth, knob, done } = require('./helpers.js');
const fs = require('node:fs');
fs.writeFileSync(__dirname + '/file.txt', 'x');
function readIt() {
  try { return fs.readFileSync(__dirname + '/file.txt', 'utf8'); } catch (e) { return e.code; }
}
knob('verbose', '2');
nth(1);
done({ code: readIt() });
`,
      });

      // Assert
      expect(result.status).to.equal(0);
      expect(result.out).to.deep.equal({ code: 'ENOENT' });
      expect(result.stderr.split('\n').slice(0, 5)).to.deep.equal([
        'FAULT_INJECTION: forcing a failure.',
        'name fail_fs, interval 1, probability 0, space 0, times 1',
        'Call Trace:',
        '    at readIt ($DIR/main.js:5:19)',
        '    at Object.<anonymous> ($DIR/main.js:9:14)',
      ]);
    });

    // fs.promises.open and fs.opendir* also watch for the first FileHandle and Dir: a regression
    // test for the watcher's frame (errinject's interceptFs.js) heading the stack.
    it("should start the stack at the program's frame for the calls whose results fail_fs watches (fs.promises.open, fs.opendirSync)", () => {
      // Act
      const result = runScript({
        source: `const { nth, knob, done } = require('./helpers.js');
const fs = require('node:fs');
function openIt() { return fs.promises.open(__filename); }
function openDir() { return fs.opendirSync(__dirname); }
knob('verbose', '2');
(async () => {
  nth(1);
  const promise = await openIt().then(() => 'opened', (e) => e.code);
  nth(1);
  let sync;
  try { openDir(); } catch (e) { sync = [e.code, e.stack.split('\\n')[1]]; }
  done({ promise, sync });
})();
`,
      });

      // Assert
      expect(result.status).to.equal(0);
      expect(result.out).to.deep.equal({ promise: 'ENOENT', sync: ['ENOENT', '    at openDir ($DIR/main.js:4:32)'] });
      const firstFrames = result.stderr.split('\n').filter((_line, index, lines) => lines[index - 1] === 'Call Trace:');
      expect(firstFrames).to.deep.equal(['    at openIt ($DIR/main.js:3:40)', '    at openDir ($DIR/main.js:4:32)']);
    });
  });
});
