import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * The environment variables are read once, when the core first loads, and `off` cannot be undone:
 * each case runs in a child process that requires the built package (packages/core/dist, built by
 * `tsc -b` at the repository root) and prints what it saw as JSON.
 */

const CORE = require.resolve('@errinject/core');

interface ChildResult {
  readonly out: Record<string, unknown>;
  readonly stderr: string;
}

/**
 * Runs `body` in a fresh Node.js process with `core` bound to the package.
 *
 * @param env - ERRINJECT and ERRINJECT_SEED for the child (unset when absent)
 * @param body - statements that assign to `out`
 */
function runChild(env: { ERRINJECT?: string; ERRINJECT_SEED?: string }, body: string): ChildResult {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  delete childEnv['ERRINJECT'];
  delete childEnv['ERRINJECT_SEED'];
  delete childEnv['NODE_OPTIONS'];
  if (env.ERRINJECT !== undefined) childEnv['ERRINJECT'] = env.ERRINJECT;
  if (env.ERRINJECT_SEED !== undefined) childEnv['ERRINJECT_SEED'] = env.ERRINJECT_SEED;
  const script = [
    `const core = require(${JSON.stringify(CORE)});`,
    'const out = {};',
    'const codeOf = (fn) => { try { fn(); return "ok"; } catch (e) { return e && e.code; } };',
    body,
    'process.stdout.write(JSON.stringify(out));',
  ].join('\n');
  const child = spawnSync(process.execPath, ['-e', script], { env: childEnv, encoding: 'utf8', timeout: 15000 });
  if (child.status !== 0) {
    throw new Error(`child exited with ${String(child.status)} (${String(child.signal)}):\n${child.stderr}\n${child.stdout}`);
  }
  return { out: JSON.parse(child.stdout) as Record<string, unknown>, stderr: child.stderr };
}

describe('bootstrap', function () {
  this.timeout(30000);

  before(() => {
    expect(CORE, 'the package resolves to its build').to.match(/packages[/\\]core[/\\]dist[/\\]index\.js$/);
    expect(existsSync(CORE), `${CORE} exists (run npx tsc -b at the repository root)`).to.equal(true);
  });

  describe('when ERRINJECT is unset', () => {
    it('should load with fail_function at the kernel defaults and print nothing', () => {
      // Act
      const { out, stderr } = runChild(
        {},
        `out.list = core.debugfs.list('fail_function');
         out.knobs = ['probability', 'interval', 'times', 'space', 'verbose'].map((k) => core.debugfs.read('fail_function/' + k));
         out.nth = core.procfs.read('self/fail-nth');
         out.mif = core.procfs.read('self/make-it-fail');`,
      );

      // Assert
      expect(stderr).to.equal('');
      expect(out['list']).to.include.members(['probability', 'interval', 'times', 'space', 'verbose', 'task-filter']);
      expect(out['knobs']).to.deep.equal(['0\n', '1\n', '1\n', '0\n', '2\n']);
      expect(out['nth']).to.equal('0\n');
      expect(out['mif']).to.equal('0\n');
    });
  });

  describe('when ERRINJECT holds boot options and path assignments', () => {
    it('should apply them, for capabilities declared after load too, over the init values', () => {
      // Act
      const { out, stderr } = runChild(
        { ERRINJECT: 'e2e_cap=10,100,0,-1 fail_function/times=-1;e2e_cap/task-filter=Y' },
        `core.declareFaultAttr('e2e_cap', { probability: 5, verbose: 1 });
         out.cap = ['interval', 'probability', 'space', 'times', 'verbose', 'task-filter'].map((k) => core.debugfs.read('e2e_cap/' + k));
         out.times = core.debugfs.read('fail_function/times');`,
      );

      // Assert
      expect(stderr).to.equal('');
      expect(out['cap']).to.deep.equal(['10\n', '100\n', '0\n', '-1\n', '1\n', 'Y\n']);
      expect(out['times']).to.equal('-1\n');
    });

    it('should arm the root task from self/... and /proc/self/... entries', () => {
      // Act
      const { out, stderr } = runChild(
        { ERRINJECT: 'self/make-it-fail=1;/proc/self/fail-nth=2' },
        `const attr = core.declareFaultAttr('e2e_nth', { probability: 0, times: -1, verbose: 0 });
         out.before = [core.procfs.read('self/fail-nth'), core.procfs.read('self/make-it-fail')];
         out.calls = [core.shouldFail(attr), core.shouldFail(attr), core.shouldFail(attr)];
         out.after = core.procfs.read('self/fail-nth');`,
      );

      // Assert
      expect(stderr).to.equal('');
      expect(out['before']).to.deep.equal(['2\n', '1\n']);
      expect(out['calls']).to.deep.equal([false, true, false]);
      expect(out['after']).to.equal('0\n');
    });

    it('should report each malformed or refused entry on stderr with its position, and apply the rest', () => {
      // Arrange
      const text = 'fail_function/times=-1 bogus e2e_cap=1,100,0;e2e_cap/space=7 fail_function/probability=abc';

      // Act
      const { out, stderr } = runChild(
        { ERRINJECT: text },
        `core.declareFaultAttr('e2e_cap');
         out.cap = ['interval', 'probability', 'space', 'times'].map((k) => core.debugfs.read('e2e_cap/' + k));
         out.ff = ['probability', 'times'].map((k) => core.debugfs.read('fail_function/' + k));`,
      );

      // Assert
      const lines = stderr.split('\n').filter((line) => line !== '');
      expect(lines).to.have.length(3);
      const expectLine = (needle: string, index: number): void => {
        const line = lines.find((candidate) => candidate.includes(needle));
        expect(line, `a stderr line for ${needle}`).to.be.a('string');
        const rest = (line as string).split(needle).join('');
        expect(rest).to.match(new RegExp(`\\b${index}\\b`));
        expect(rest).to.match(new RegExp(`\\b${text.indexOf(needle) + 1}\\b`));
      };
      expectLine('bogus', 2);
      expectLine('e2e_cap=1,100,0', 3);
      expectLine('fail_function/probability=abc', 5);
      expect(stderr).to.include('EINVAL');
      expect(out['cap']).to.deep.equal(['1\n', '0\n', '7\n', '1\n']);
      expect(out['ff']).to.deep.equal(['0\n', '-1\n']);
    });
  });

  describe('when ERRINJECT holds an entry no path can take (regression: a . or .. component killed the process at load)', () => {
    it('should load, report each such entry on stderr, and apply the others', () => {
      // Act
      const { out, stderr } = runChild(
        { ERRINJECT: 'fail_function/./probability=1 fail_function/../fail_function/times=4 fail_function/probability=5 ./=1 self/../x=1' },
        `out.probability = core.debugfs.read('fail_function/probability');
         out.times = core.debugfs.read('fail_function/times');`,
      );

      // Assert
      expect(out).to.deep.equal({ probability: '5\n', times: '1\n' });
      const lines = stderr.trim().split('\n');
      expect(lines.map((line) => /ERRINJECT entry (\d+) /.exec(line)?.[1])).to.deep.equal(['1', '2', '4', '5']);
    });
  });

  describe('when ERRINJECT is off', () => {
    it('should refuse every write with EPERM, never fail, and refuse armed tasks', () => {
      // Act
      const { out, stderr } = runChild(
        { ERRINJECT: 'off' },
        `const attr = core.declareFaultAttr('off_cap', { probability: 100, times: -1, verbose: 0 });
         out.writes = {
           'fail_function/probability': codeOf(() => core.debugfs.write('fail_function/probability', '100')),
           'fail_function/times': codeOf(() => core.debugfs.write('fail_function/times', '-1')),
           'fail_function/task-filter': codeOf(() => core.debugfs.write('fail_function/task-filter', 'N')),
           'off_cap/probability': codeOf(() => core.debugfs.write('off_cap/probability', '0')),
           'off_cap/require-stack': codeOf(() => core.debugfs.write('off_cap/require-stack', '')),
           '/sys/kernel/debug/off_cap/verbose': codeOf(() => core.debugfs.write('/sys/kernel/debug/off_cap/verbose', '1')),
           'self/fail-nth': codeOf(() => core.procfs.write('self/fail-nth', '1')),
           'self/make-it-fail': codeOf(() => core.procfs.write('self/make-it-fail', '0')),
           '/proc/self/fail-nth': codeOf(() => core.procfs.write('/proc/self/fail-nth', '0')),
         };
         out.eperm = (() => { try { core.debugfs.write('fail_function/probability', '1'); } catch (e) {
           return { name: e.name, errno: e.errno, path: e.path, value: e.value, message: e.message }; } })();
         let failures = 0;
         for (let i = 0; i < 1000; i++) if (core.shouldFail(attr)) failures++;
         for (let i = 0; i < 100; i++) if (core.shouldFailEx(attr, 1, core.FAULT_NOWARN)) failures++;
         out.failures = failures;
         out.armedTask = codeOf(() => core.runTask(() => core.shouldFail(attr), { failNth: 1 }));
         out.plainTask = core.runTask(() => core.shouldFail(attr));
         out.reads = [core.debugfs.read('fail_function/probability'), core.procfs.read('self/fail-nth')];
         out.off = core.injectionOff();
         out.armed = core.faultArmed(attr);`,
      );

      // Assert
      expect(stderr).to.equal('');
      for (const [path, code] of Object.entries(out['writes'] as Record<string, string>)) {
        expect(code, path).to.equal('EPERM');
      }
      const eperm = out['eperm'] as Record<string, unknown>;
      expect(eperm).to.include({ name: 'ErrInjectError', errno: -1, path: 'fail_function/probability', value: '1' });
      expect(eperm['message']).to.include('fail_function/probability');
      expect(out['failures']).to.equal(0);
      expect(out['armedTask']).to.equal('EPERM');
      expect(out['plainTask']).to.equal(false);
      expect(out['reads']).to.deep.equal(['0\n', '0\n']);
      expect(out['off']).to.equal(true);
      expect(out['armed']).to.equal(false);
    });

    it('should apply off first, wherever it stands, so that no other entry applies', () => {
      // Act
      const { out, stderr } = runChild(
        { ERRINJECT: 'fail_function/probability=100;off fail_function/times=-1' },
        `out.reads = [core.debugfs.read('fail_function/probability'), core.debugfs.read('fail_function/times')];
         out.off = core.injectionOff();`,
      );

      // Assert
      expect(out['reads']).to.deep.equal(['0\n', '1\n']);
      expect(out['off']).to.equal(true);
      expect(stderr).to.include('EPERM');
    });
  });

  describe('when ERRINJECT_SEED is set', () => {
    const body = `const attr = core.declareFaultAttr('seeded_cap', { probability: 50, times: -1, verbose: 0 });
      let bits = '';
      for (let i = 0; i < 256; i++) bits += core.shouldFail(attr) ? '1' : '0';
      out.bits = bits;`;

    it('should give the same probability-50 decisions in two processes with the same seed', () => {
      // Act
      const first = runChild({ ERRINJECT_SEED: '12345' }, body);
      const second = runChild({ ERRINJECT_SEED: '12345' }, body);

      // Assert
      const bits = first.out['bits'] as string;
      expect(bits).to.have.length(256);
      expect(bits).to.match(/1/).and.match(/0/);
      const ones = bits.split('').filter((bit) => bit === '1').length;
      expect(ones).to.be.within(80, 176);
      expect(second.out['bits']).to.equal(bits);
      expect(first.stderr + second.stderr).to.equal('');
    });

    it('should give different decisions with a different seed', () => {
      // Act
      const first = runChild({ ERRINJECT_SEED: '12345' }, body);
      const other = runChild({ ERRINJECT_SEED: '12346' }, body);

      // Assert
      expect(other.out['bits']).to.not.equal(first.out['bits']);
    });
  });
});
