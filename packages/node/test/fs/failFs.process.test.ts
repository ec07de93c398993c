import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REGISTER, runScript, runScriptOut } from '../support/runScript';

/** A program whose modules load through every loader: require of .js and .json, import() of .mjs and .json. */
const MODULES = {
  'lib/a.js': "module.exports = { value: require('./b.js').value + 1 };\n",
  'lib/b.js': 'exports.value = 41;\n',
  'lib/data.json': '{ "json": 7 }\n',
  'lib/e.mjs': "import { value } from './b.js';\nexport const esm = value + 2;\n",
  'own.txt': 'own data',
};

const LOADING_PROGRAM = `const fs = require('node:fs');
const out = {};
out.required = require('./lib/a.js').value;
out.requiredJson = require('./lib/data.json').json;
try { out.ownSync = fs.readFileSync(__dirname + '/own.txt', 'utf8'); } catch (e) { out.ownSync = e.code; }
(async () => {
  out.imported = (await import('./lib/e.mjs')).esm;
  out.importedJson = (await import('./lib/data.json', { with: { type: 'json' } })).default.json;
  try { out.ownPromise = await fs.promises.readFile(__dirname + '/own.txt', 'utf8'); } catch (e) { out.ownPromise = e.code; }
  process.stdout.write(JSON.stringify(out) + '\\n');
})();
`;

/** An ES module that takes fs in each way ESM can, then fails one call of each (fail-nth 1 each time). */
const ESM_PROGRAM = `import { readFile } from 'node:fs/promises';
import fs from 'node:fs';
import { readFileSync } from 'node:fs';
import * as fsNamespace from 'node:fs';
import helpers from './helpers.js';
if (process.env.LATE_REGISTER) await import(process.env.LATE_REGISTER);
const { nth, left, done } = helpers;
const file = new URL('./own.txt', import.meta.url);
const out = {};
const attempt = async (name, call) => {
  nth(1);
  try { await call(); out[name] = 'ok'; } catch (e) { out[name] = e.code + ' ' + e.syscall; }
  out[name + 'Left'] = left();
};
await attempt('namedPromises', () => readFile(file));
await attempt('defaultExport', () => fs.readFileSync(file));
await attempt('namedSync', () => readFileSync(file));
await attempt('namespace', () => fsNamespace.readFileSync(file));
done(out);
`;

describe('fail_fs in a whole process', () => {
  describe('when every call fails (probability 100, times -1) from the boot configuration', () => {
    const configurations: readonly [string, string][] = [
      ['the boot option', 'fail_fs=1,100,0,-1 fail_fs/verbose=0'],
      ['path entries', 'fail_fs/probability=100;fail_fs/times=-1;fail_fs/verbose=0'],
    ];
    for (const [what, errinject] of configurations) {
      it(`should load every module through require and import() yet fail the program's own reads (${what})`, () => {
        // Act
        const out = runScriptOut({ source: LOADING_PROGRAM, files: MODULES, env: { ERRINJECT: errinject } });

        // Assert
        expect(out).to.deep.equal({ required: 42, requiredJson: 7, ownSync: 'ENOENT', imported: 43, importedJson: 7, ownPromise: 'ENOENT' });
      });
    }
  });

  describe('when an ES module imports node:fs', () => {
    const expected = {
      namedPromises: 'ENOENT open',
      namedPromisesLeft: 0,
      defaultExport: 'ENOENT open',
      defaultExportLeft: 0,
      namedSync: 'ENOENT open',
      namedSyncLeft: 0,
      namespace: 'ENOENT open',
      namespaceLeft: 0,
    };

    it('should see the faults through every import form, the register loaded with --import', () => {
      // Act
      const out = runScriptOut({ source: ESM_PROGRAM, main: 'main.mjs', files: { 'own.txt': 'own' }, loader: 'import' });

      // Assert
      expect(out).to.deep.equal(expected);
    });

    it('should see the faults through bindings made before the register was imported dynamically', () => {
      // Act
      const out = runScriptOut({ source: ESM_PROGRAM, main: 'main.mjs', files: { 'own.txt': 'own' }, loader: 'none', env: { ERRINJECT: 'fail_fs/verbose=0', LATE_REGISTER: pathToFileURL(REGISTER).href } });

      // Assert
      expect(out).to.deep.equal(expected);
    });
  });

  describe('when ERRINJECT is off', () => {
    /** Every function of fs, fs.promises and the module loader's _load, by its source. */
    const FUNCTIONS = `const fs = require('node:fs');
const core = require(${JSON.stringify(require.resolve('@errinject/core'))});
const sources = {};
for (const [prefix, object] of [['fs.', fs], ['fs.promises.', fs.promises]]) {
  for (const key of Object.keys(object)) if (typeof object[key] === 'function') sources[prefix + key] = object[key].toString();
}
sources['Module._load'] = require('node:module')._load.toString();
process.stdout.write(JSON.stringify({ sources, debugfs: core.debugfs.list('') }) + '\\n');
`;

    it("should patch nothing: every function is Node's own, and debugfs has no fail_fs", () => {
      // Act
      const without = runScriptOut({ source: FUNCTIONS, loader: 'none', env: { ERRINJECT: '' } });
      const off = runScriptOut({ source: FUNCTIONS, env: { ERRINJECT: 'off' } });
      const on = runScriptOut({ source: FUNCTIONS, env: { ERRINJECT: '' } });

      // Assert
      expect(off).to.deep.equal(without);
      expect(off.debugfs).to.deep.equal(['fail_function']);
      // The comparison can tell: with the register on, readFileSync is not Node's.
      expect((on.sources as Record<string, string>)['fs.readFileSync']).to.not.equal((without.sources as Record<string, string>)['fs.readFileSync']);
      expect(on.debugfs).to.deep.equal(['fail_function', 'fail_fs', 'fail_net', 'fail_spawn']);
    });
  });

  describe('when a module hook reads files on the thread of Node\'s module hooks (module.register, as tsx does)', () => {
    it('should never fail the hook\'s reads, every one a module\'s load, and fail the program\'s own', () => {
      // Act: every call of fail_fs fails, from the boot configuration; the hook's load reads a file
      const { out, stderr, status } = runScript({
        main: 'main.mjs',
        loader: 'require',
        env: { ERRINJECT: 'fail_fs/probability=100 fail_fs/times=-1 fail_fs/verbose=0' },
        files: {
          'hooks.mjs': `import { readFileSync } from 'node:fs';
export async function load(url, context, nextLoad) {
  if (url.endsWith('/text.greeting')) return { format: 'module', source: 'export default ' + JSON.stringify(readFileSync(new URL(url), 'utf8')), shortCircuit: true };
  return nextLoad(url, context);
}
`,
          'text.greeting': 'hello',
        },
        source: `import { register } from 'node:module';
import { readFileSync } from 'node:fs';
import { shape, thrown, done } from './helpers.js';
register('./hooks.mjs', import.meta.url);
const { default: greeting } = await import('./text.greeting');
done({ greeting, own: thrown(() => readFileSync(new URL('./text.greeting', import.meta.url), 'utf8')).message });
`,
      });

      // Assert
      expect([status, stderr]).to.deep.equal([0, '']);
      expect(out).to.deep.equal({ greeting: 'hello', own: "ENOENT: no such file or directory, open '$DIR/text.greeting'" });
    });
  });

  describe('ERRINJECT_NODE', () => {
    const PROGRAM = `const core = require(${JSON.stringify(require.resolve('@errinject/core'))});
process.stdout.write(JSON.stringify({ debugfs: core.debugfs.list(''), patched: !require('node:fs').readFileSync.toString().startsWith('function readFileSync(') }) + '\\n');
`;
    const cases: readonly [string, { debugfs: string[]; patched: boolean }, string][] = [
      ['fail_fs', { debugfs: ['fail_function', 'fail_fs'], patched: true }, ''],
      [
        'fail_fs, fail_bogus',
        { debugfs: ['fail_function', 'fail_fs'], patched: true },
        'errinject: ERRINJECT_NODE names "fail_bogus", which is not a capability of @errinject/node (fail_fs, fail_net, fail_spawn); skipped\n',
      ],
      ['fail_bogus', { debugfs: ['fail_function'], patched: false }, 'errinject: ERRINJECT_NODE names "fail_bogus", which is not a capability of @errinject/node (fail_fs, fail_net, fail_spawn); skipped\n'],
    ];
    for (const [value, expected, stderr] of cases) {
      it(`should load what ${JSON.stringify(value)} names, and name on stderr what it does not know`, () => {
        // Act
        const result = runScript({ source: PROGRAM, env: { ERRINJECT: '', ERRINJECT_NODE: value } });

        // Assert
        expect(result.status).to.equal(0);
        expect(result.out).to.deep.equal(expected);
        expect(result.stderr).to.equal(stderr);
      });
    }
  });

  describe('when the fault report is on', () => {
    let reportDir: string;
    beforeEach(() => {
      reportDir = mkdtempSync(path.join(tmpdir(), 'errinject-failfs-report-'));
    });
    afterEach(() => rmSync(reportDir, { recursive: true, force: true }));

    it("should write every record though every fs call fails: errinject's own I/O is not counted", () => {
      // Arrange
      const report = path.join(reportDir, 'report.jsonl');

      // Act
      const result = runScript({
        source: `const fs = require('node:fs');
const codes = [];
try { fs.readFileSync(__dirname + '/main.js'); } catch (e) { codes.push(e.code); }
try { fs.statSync(__dirname); } catch (e) { codes.push(e.code); }
process.stdout.write(JSON.stringify({ codes, pid: process.pid }) + '\\n');
`,
        env: { ERRINJECT: 'fail_fs=1,100,0,-1 fail_fs/verbose=0', ERRINJECT_REPORT: report },
      });

      // Assert
      expect(result.status).to.equal(0);
      const pid = (result.out as { pid: number }).pid;
      expect(result.out).to.deep.equal({ codes: ['ENOENT', 'ENOENT'], pid });
      const records = readFileSync(report, 'utf8')
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line.replaceAll(result.dir, '$DIR')) as unknown);
      expect(records).to.deep.equal([
        { event: 'loaded', pid, threadId: 0, version: '0.1.0' },
        { event: 'fault', pid, capability: 'fail_fs', function: 'fs.readFileSync', site: '$DIR/main.js:3:10' },
        { event: 'fault', pid, capability: 'fail_fs', function: 'fs.statSync', site: '$DIR/main.js:4:10' },
        { event: 'exit', pid, threadId: 0, armed: [], armAll: false },
      ]);
    });
  });
});
