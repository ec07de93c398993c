import { expect } from 'chai';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cleanEnv, fixture } from '../support/fixtures';
import { deadState, killLeftover } from '../support/processState';

const FAILCMD = path.join(__dirname, '..', '..', '..', 'bin', 'failcmd.js');

function failcmd(args: string[], env: NodeJS.ProcessEnv = cleanEnv()): ReturnType<typeof spawnSync> & { stdout: string; stderr: string } {
  return spawnSync(process.execPath, [FAILCMD, ...args], { env, encoding: 'utf8' }) as ReturnType<typeof spawnSync> & { stdout: string; stderr: string };
}

interface Config {
  probability: string;
  interval: string;
  times: string;
  space: string;
  verbose: string;
  taskFilter: string;
  stacktraceDepth: string;
  requireStack: string;
  rejectStack: string;
  seed: string;
  failNth: string;
  makeItFail: string;
  inject: string;
  env: Record<string, string | undefined>;
}

function config(args: string[], env?: NodeJS.ProcessEnv, capability?: string): Config {
  const result = failcmd([...args, '--', ...fixture('config', ...(capability === undefined ? [] : [capability]))], env);
  expect(result.status, result.stderr).to.equal(0);
  return JSON.parse(result.stdout) as Config;
}

describe('bin/failcmd.js', () => {
  describe('when run with no option', () => {
    it('should give the command failcmd.sh\'s configuration: task-filter Y, probability 1, times 1, make-it-fail 1', () => {
      // Act
      const seen = config([]);

      // Assert
      expect(seen).to.include({ probability: '1', times: '1', taskFilter: 'Y', makeItFail: '1', failNth: '0', interval: '1', space: '0', verbose: '2' });
      expect(seen.env['ERRINJECT_CONTROL']).to.equal(undefined);
    });
  });

  describe('when every knob is given', () => {
    it('should give each to the command, values that begin with "-" included', () => {
      // Act
      const seen = config(['-p', '100', '-i', '0x10', '-t', '-1', '-s', '-5', '-v', '0', '--task-filter', 'N', '--stacktrace-depth', '100',
        '--require-stack', 'a.js,b*', '--reject-stack', 'c', '--nth', '3', '--seed', '42', '--control']);

      // Assert
      expect(seen).to.include({ probability: '100', interval: '16', times: '-1', space: '-5', verbose: '0', taskFilter: 'N', stacktraceDepth: '32',
        requireStack: 'a.js,b*', rejectStack: 'c', makeItFail: '1' });
      expect(Number(seen.failNth)).to.be.within(1, 3);
      expect(seen.env).to.include({ ERRINJECT_SEED: '42', ERRINJECT_CONTROL: '1' });
    });
  });

  describe('when --seed is given', () => {
    it('should seed the command\'s rolls with it: the same seed, the same knob', () => {
      // Act
      const [a, b, c] = [config(['--seed', '42']), config(['--seed', '42']), config(['--seed', '43'])];

      // Assert
      expect(a.seed).to.equal(b.seed);
      expect(a.seed).to.not.equal(c.seed);
    });
  });

  describe('when FAILCMD_TYPE names a capability', () => {
    it('should set that capability\'s knobs', () => {
      const seen = config(['-p', '30', '-t', '5'], cleanEnv({ FAILCMD_TYPE: 'fail_bin_test' }), 'fail_bin_test');
      expect(seen).to.include({ probability: '30', times: '5', taskFilter: 'Y' });
    });
  });

  describe('when the user has an ERRINJECT', () => {
    it('should keep its entries and put failcmd\'s after them, while failcmd itself is not configured by it', () => {
      // Act
      const seen = config(['-p', '7'], cleanEnv({ ERRINJECT: 'fail_function/probability=50 fail_function/space=9', ERRINJECT_CONTROL: '1' }));

      // Assert
      expect(seen).to.include({ probability: '7', space: '9' });
      expect(seen.env['ERRINJECT']).to.match(/^fail_function\/probability=50 fail_function\/space=9 /);
    });
  });

  describe('when the command exits or is killed', () => {
    it('should exit with its code', () => {
      expect(failcmd(fixture('exit', 'code', '5')).status).to.equal(5);
      expect(failcmd(fixture('exit', 'code', '0')).status).to.equal(0);
    });

    for (const signal of ['SIGTERM', 'SIGKILL', 'SIGSEGV', 'SIGINT', 'SIGUSR2'] as const) {
      it(`should end itself with the command's ${signal}`, () => {
        const result = failcmd(fixture('exit', 'signal', signal));
        expect([result.status, result.signal]).to.deep.equal([null, signal]);
      });
    }
  });

  describe('when a sweep is stopped by a signal', () => {
    for (const signal of ['SIGINT', 'SIGQUIT', 'SIGTERM', 'SIGHUP'] as const) {
      it(`should kill its run on ${signal}, and end itself with the signal`, async () => {
        // Arrange: no core file for SIGQUIT; the run writes its pid when it runs
        const dir = mkdtempSync(path.join(os.tmpdir(), 'failcmd-bin-test-'));
        const ready = path.join(dir, 'ready');
        const child = spawn('sh', ['-c', 'ulimit -c 0; exec "$0" "$@"', process.execPath, FAILCMD, '--sweep', '--', ...fixture('exit', 'ready', ready)], { env: cleanEnv(), stdio: 'ignore' });
        const ended = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.once('exit', (code, sig) => resolve([code, sig])));
        // The fixture writes its pid into the file: wait for the pid, not just for the file.
        const pidIn = (): string => (existsSync(ready) ? readFileSync(ready, 'utf8') : '');
        for (let i = 0; i < 1000 && !/^\d+$/.test(pidIn()); i++) await new Promise((resolve) => setTimeout(resolve, 10));
        const run = Number(pidIn());
        expect(run, 'the run\'s pid').to.be.greaterThan(0);

        // Act
        child.kill(signal);
        const status = await ended;
        const state = await deadState(run);
        killLeftover(run);
        rmSync(dir, { recursive: true, force: true });

        // Assert
        expect(status).to.deep.equal([null, signal]);
        expect(state, `pid ${run}`).to.be.oneOf(['gone', 'Z']);
      });
    }
  });

  describe('when an option is refused', () => {
    it('should exit 2 before running anything', () => {
      // Act
      const result = failcmd(['-t', 'x', '--', ...fixture('exit', 'code', '0')]);

      // Assert
      expect(result.status).to.equal(2);
      expect(result.stderr).to.match(/^failcmd: -t\/--times: .*"x"/);
      expect(result.stdout).to.equal('');
    });
  });
});
