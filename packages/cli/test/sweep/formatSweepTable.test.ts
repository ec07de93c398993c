import { expect } from 'chai';
import { formatSweepTable, showSite } from '../../src/sweep/formatSweepTable';
import type { CommandSweepReport, CommandSweepRun } from '../../src/sweep/CommandSweepReport';

function run(n: number, fields: Partial<CommandSweepRun> = {}): CommandSweepRun {
  return {
    n, injected: true, function: 'Store.open', capability: 'fail_function', site: `/work/app/src/db.js:${n}:5`, faults: [],
    exitCode: 0, signal: null, crashed: false, timedOut: false, crashes: [], loaded: true, durationMs: 10, stderr: '', check: null, badState: false, marked: [], ...fields,
  };
}

function report(fields: Partial<CommandSweepReport> = {}): CommandSweepReport {
  const runs = fields.runs ?? [run(1), run(2, { function: 'Cache.get', exitCode: 1, crashed: true, crashes: [{ event: 'crash', pid: 1, origin: 'uncaughtException', message: "Cannot read properties of null (reading 'size')\nmore", stack: '' }] }), run(3, { injected: false, function: null, capability: null, site: null })];
  return { command: ['node', 'app.js'], capabilities: ['fail_function'], functions: ['Store.open', 'Cache.get'], runs, faultPoints: 2, crashed: 1, timedOut: 0, check: null, badState: 0, complete: true, noFaultReason: null,
    settings: { entries: [], inject: [], userEntries: null, seed: null, control: false, max: null, timeoutMs: null }, shard: null, missingShards: [], ...fields };
}

describe('formatSweepTable', () => {
  describe('when a sweep found its fault points', () => {
    it('should print the functions, one line per n, and a summary', () => {
      // Act
      const lines = formatSweepTable(report(), { cwd: '/work/app' }).split('\n');

      // Assert
      expect(lines[0]).to.equal('armed: Store.open, Cache.get');
      expect(lines[1]).to.match(/^n +fault +function +call site +exit +crash$/);
      expect(lines[2]).to.match(/^1 +Y +Store\.open +src\/db\.js:1:5 +0$/);
      expect(lines[3]).to.match(/^2 +Y +Cache\.get +src\/db\.js:2:5 +1 +uncaughtException: Cannot read properties of null \(reading 'size'\)$/);
      expect(lines[4]).to.match(/^3 +N +0$/);
      expect(lines[5]).to.equal('2 fault points in 3 runs, 1 crashed');
      expect(lines[6]).to.equal('');
    });
  });

  describe('when an armed function never failed', () => {
    it('should name it after the summary of a complete sweep, and not when --max cut the sweep', () => {
      // Arrange: Lock.release failed only as the second fault of run 2, which fail-nth does not make
      const runs = [
        run(1),
        run(2, { function: 'Cache.get', faults: [{ event: 'fault', pid: 1, capability: 'fail_function', function: 'Cache.get', site: null }] }),
        run(3, { injected: false, function: null, capability: null, site: null }),
      ];
      const functions = ['Store.open', 'Cache.get', 'Lock.release', 'Log.write'];

      // Act
      const complete = formatSweepTable(report({ runs, functions }));
      const cut = formatSweepTable(report({ runs: runs.slice(0, 2), functions, complete: false }));

      // Assert
      expect(complete.split('\n').at(-2)).to.equal('never failed (called only on error paths, or not at all): Lock.release, Log.write');
      expect(cut).to.not.contain('never failed');
    });
  });

  describe('when the report is of a shard', () => {
    it('should say which shard on its first line, and count the shard\'s runs', () => {
      // Arrange
      const runs = [run(2), run(5, { injected: false, function: null, capability: null, site: null })];

      // Act
      const lines = formatSweepTable(report({ runs, faultPoints: 1, crashed: 0, shard: { index: 2, count: 3 } }), { cwd: '/work/app' }).split('\n');

      // Assert
      expect(lines[0]).to.equal('shard 2/3: the runs with n = 2, 5, 8...');
      expect(lines[1]).to.equal('armed: Store.open, Cache.get');
      expect(lines[3]).to.match(/^2 +Y +Store\.open/);
      expect(lines[4]).to.match(/^5 +N +0$/);
      expect(lines[5]).to.equal('1 fault point in 2 runs, 0 crashed');
    });

    it('should say a shard cut by --max bounds n', () => {
      const settings = { entries: [], inject: [], userEntries: null, seed: null, control: false, max: 4, timeoutMs: null };
      const text = formatSweepTable(report({ runs: [run(1), run(3)], faultPoints: 2, crashed: 0, complete: false, shard: { index: 1, count: 2 }, settings }), { cwd: '/work/app' });
      expect(text).to.contain('stopped after 2 runs of this shard (--max 4 bounds n): every run injected a fault');
    });
  });

  describe('when a merge misses shards', () => {
    it('should name them, and not blame --max', () => {
      const text = formatSweepTable(report({ complete: false, missingShards: [{ index: 2, count: 3 }, { index: 3, count: 3 }] }), { cwd: '/work/app' });
      expect(text).to.contain('incomplete: no report of shards 2/3, 3/3, so the runs of those shards are missing');
      expect(text).to.not.contain('--max');
    });
  });

  describe('when colours are on', () => {
    it('should colour the marks and the crashes, and keep the columns aligned', () => {
      const text = formatSweepTable(report(), { cwd: '/work/app', color: true });
      expect(text).to.contain('\u001b[');
      // eslint-disable-next-line no-control-regex
      expect(text.replace(/\u001b\[[0-9;]*m/g, '')).to.equal(formatSweepTable(report(), { cwd: '/work/app' }));
    });
  });

  describe('when runs crashed by a signal, or were cut by --max', () => {
    it('should say so', () => {
      // Arrange
      const signalled = run(1, { exitCode: null, signal: 'SIGSEGV', crashed: true });
      const longMessage = run(2, { crashed: true, crashes: [{ event: 'crash', pid: 1, origin: 'unhandledRejection', message: 'x'.repeat(200), stack: '' }] });

      // Act
      const text = formatSweepTable(report({ runs: [signalled, longMessage], complete: false, faultPoints: 1, crashed: 2 }), { cwd: '/elsewhere/' });

      // Assert
      expect(text).to.match(/SIGSEGV +killed by SIGSEGV/);
      expect(text).to.contain(`unhandledRejection: ${'x'.repeat(72 - 'unhandledRejection: '.length - 3)}...`);
      expect(text).to.contain('/work/app/src/db.js:1:5');
      expect(text).to.contain('1 fault point in 2 runs, 2 crashed');
      expect(text).to.contain('stopped after 2 runs (--max)');
    });
  });

  describe('when a run timed out', () => {
    it('should say after how long it was killed, and count it apart from the crashes', () => {
      // Arrange
      const hung = run(2, { exitCode: null, signal: 'SIGKILL', timedOut: true, durationMs: 5012 });

      // Act
      const text = formatSweepTable(report({ runs: [run(1), hung, run(3, { injected: false, function: null, site: null })], crashed: 0, timedOut: 1 }), { cwd: '/work/app' });

      // Assert
      expect(text).to.match(/\n2 +Y +Store\.open +src\/db\.js:2:5 +SIGKILL +timed out: killed after 5\.0 s\n/);
      expect(text).to.contain('2 fault points in 3 runs, 0 crashed, 1 timed out\n');
    });
  });

  describe('when the last run timed out before any fault', () => {
    it('should say the sweep stopped there and more fault points may follow, and name no function as never failed', () => {
      // Arrange
      const hung = run(2, { injected: false, function: null, capability: null, site: null, exitCode: null, signal: 'SIGKILL', timedOut: true, durationMs: 1000 });

      // Act
      const text = formatSweepTable(report({ runs: [run(1), hung], functions: ['Store.open', 'Log.write'], faultPoints: 1, crashed: 0, timedOut: 1, complete: false }));

      // Assert
      expect(text.split('\n').at(-2)).to.equal('stopped at run 2: it timed out (--timeout) before any fault, so more fault points may follow');
      expect(text).to.not.contain('--max');
      expect(text).to.not.contain('never failed');
    });
  });

  describe('when nothing or another capability was armed', () => {
    it('should say what the runs armed', () => {
      expect(formatSweepTable(report({ functions: [], runs: [run(1, { injected: false })], faultPoints: 0, crashed: 0 }))).to.match(/^armed: no function \(none is marked error-injectable\)\n/);
      expect(formatSweepTable(report({ capabilities: ['fail_alloc'], functions: [], runs: [run(1, { function: null, capability: 'fail_alloc' })] }))).to.contain('armed: every call of every capability (fail_alloc)\n');
      expect(formatSweepTable(report({ capabilities: ['fail_alloc'], runs: [run(1, { function: null, capability: 'fail_alloc', site: null })] }))).to.match(/1 +Y +fail_alloc +0/);
    });
  });

  describe('when several capabilities were listed', () => {
    it('should name them all, after the functions when fail_function is among them', () => {
      expect(formatSweepTable(report({ capabilities: ['fail_alloc', 'fail_fs'], functions: [] }))).to.match(/^armed: every call of every capability \(fail_alloc, fail_fs\)\n/);
      expect(formatSweepTable(report({ capabilities: ['fail_function', 'fail_fs'] }))).to.match(/^armed: Store\.open, Cache\.get; every call of every capability \(fail_function, fail_fs\)\n/);
      expect(formatSweepTable(report({ capabilities: ['fail_fs', 'fail_function'], functions: [] }))).to.match(
        /^armed: no function \(none is marked error-injectable\); every call of every capability \(fail_fs, fail_function\)\n/,
      );
    });

    it('should name the armed functions that never failed when fail_function is among them', () => {
      const runs = [run(1), run(2, { injected: false, function: null, capability: null, site: null })];
      expect(formatSweepTable(report({ capabilities: ['fail_fs', 'fail_function'], runs, crashed: 0, faultPoints: 1 }))).to.contain('never failed (called only on error paths, or not at all): Cache.get');
    });
  });

  describe('when a run\'s processes each failed their n-th call (a command of several Node.js processes)', () => {
    it('should name the first fault and count the others', () => {
      const fault = (pid: number, fn: string): CommandSweepRun['faults'][number] => ({ event: 'fault', pid, capability: 'fail_fs', function: fn, site: null });
      const runs = [
        run(1, { function: 'fs.promises.mkdir', capability: 'fail_fs', site: null, faults: [fault(1, 'fs.promises.mkdir'), fault(2, 'fs.readFileSync')] }),
        run(2, { function: 'fs.statSync', capability: 'fail_fs', site: null, faults: [fault(2, 'fs.statSync')] }),
      ];
      const text = formatSweepTable(report({ capabilities: ['fail_fs'], functions: [], runs, faultPoints: 2 }));
      expect(text).to.match(/\n1 +Y +fs\.promises\.mkdir \(\+1 more\) +/);
      expect(text).to.match(/\n2 +Y +fs\.statSync +/);
    });
  });

  describe('when the sweep found no fault point', () => {
    it('should say why after the summary, and name no function as never failed', () => {
      // Arrange
      const empty = report({ runs: [run(1, { injected: false, function: null, capability: null, site: null })], faultPoints: 0, crashed: 0, noFaultReason: 'the command called none of the armed functions' });

      // Act
      const lines = formatSweepTable(empty).split('\n');

      // Assert
      expect(lines.slice(-3)).to.deep.equal(['0 fault points in 1 run, 0 crashed', 'no fault point: the command called none of the armed functions', '']);
    });
  });
});

describe('formatSweepTable with --check', () => {
  const TRUNCATED = { exitCode: 1, signal: null, timedOut: false, ok: false, output: 'undefined:1\n\nSyntaxError: Unexpected end of JSON input\n    at JSON.parse (<anonymous>)\n\nNode.js v20.19.0\n', durationMs: 40 } as const;
  const GOOD = { exitCode: 0, signal: null, timedOut: false, ok: true, output: '', durationMs: 40 } as const;

  describe('when runs left a bad state', () => {
    it('should name the check, mark each run\'s state with the check\'s message, and count the bad ones', () => {
      // Arrange
      const runs = [
        run(1, { check: GOOD }),
        run(2, { function: 'Store.write', exitCode: 1, check: TRUNCATED, badState: true }),
        run(3, { injected: false, function: null, capability: null, site: null, check: GOOD }),
      ];

      // Act
      const lines = formatSweepTable(report({ runs, functions: ['Store.open', 'Store.write'], crashed: 0, check: 'node check.js', badState: 1 }), { cwd: '/work/app' }).split('\n');

      // Assert
      expect(lines[0]).to.equal('armed: Store.open, Store.write');
      expect(lines[1]).to.equal('check: node check.js');
      expect(lines[2]).to.match(/^n +fault +function +call site +exit +crash +state$/);
      expect(lines[3]).to.match(/^1 +Y +Store\.open +src\/db\.js:1:5 +0 +ok$/);
      expect(lines[4]).to.match(/^2 +Y +Store\.write +src\/db\.js:2:5 +1 +bad: exit 1: SyntaxError: Unexpected end of JSON input$/);
      expect(lines[5]).to.match(/^3 +N +0 +ok$/);
      expect(lines[6]).to.equal('2 fault points in 3 runs, 0 crashed, 1 left a bad state');
      expect(lines[7]).to.equal('');
    });
  });

  describe('when no run left a bad state', () => {
    it('should still say the check ran, with 0 left a bad state', () => {
      const runs = [run(1, { check: GOOD }), run(2, { injected: false, function: null, capability: null, site: null, check: GOOD })];
      const text = formatSweepTable(report({ runs, crashed: 0, faultPoints: 1, check: 'true', badState: 0 }));
      expect(text).to.contain('1 fault point in 2 runs, 0 crashed, 0 left a bad state\n');
    });
  });

  describe('when the run without a fault left a bad state too', () => {
    it('should ask whether the check is right and the command sets its state up', () => {
      // Arrange
      const runs = [run(1, { check: TRUNCATED, badState: true }), run(2, { injected: false, function: null, capability: null, site: null, check: TRUNCATED, badState: true })];

      // Act
      const text = formatSweepTable(report({ runs, crashed: 0, faultPoints: 1, check: 'false', badState: 2 }));

      // Assert
      expect(text).to.contain('1 fault point in 2 runs, 0 crashed, 2 left a bad state\n');
      expect(text).to.contain('run 2 injected no fault and still left a bad state: is the check right, and does the command set up the state it needs');
    });
  });

  describe('when colours are on', () => {
    it('should colour the states and keep the columns aligned', () => {
      const runs = [run(1, { check: GOOD }), run(2, { check: TRUNCATED, badState: true })];
      const text = formatSweepTable(report({ runs, crashed: 0, check: 'c', badState: 1, complete: false }), { color: true });
      // eslint-disable-next-line no-control-regex
      expect(text.replace(/\u001b\[[0-9;]*m/g, '')).to.equal(formatSweepTable(report({ runs, crashed: 0, check: 'c', badState: 1, complete: false })));
      expect(text).to.contain('\u001b[31mbad: exit 1');
    });
  });
});

describe('showSite', () => {
  describe('when the site is under the directory', () => {
    it('should make it relative, also from a file: URL', () => {
      expect(showSite('/w/src/a.js:1:2', '/w')).to.equal('src/a.js:1:2');
      expect(showSite('file:///w/src/a%20b.mjs:1:2', '/w/')).to.equal('src/a b.mjs:1:2');
    });
  });

  describe('when it is elsewhere', () => {
    it('should keep it whole', () => {
      expect(showSite('/x/a.js:1:2', '/w')).to.equal('/x/a.js:1:2');
      expect(showSite('/wx/a.js:1:2', '/w')).to.equal('/wx/a.js:1:2');
    });
  });
});
