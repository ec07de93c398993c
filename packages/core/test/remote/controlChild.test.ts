import { expect } from 'chai';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HelloResponse, ListResponse } from '../../src/index';
import { CORE, requireBuiltCore } from '../inject/childProcess';
import { sleep } from '../support/timers';
import { connectSilent, exchange, hellos, listening } from './client';

/**
 * `ERRINJECT_CONTROL=1`: processes that opted in to live control, each in a fresh socket directory
 * (`XDG_RUNTIME_DIR` points into a temporary directory).
 */

/** Waits until `check` holds, polling; fails after `ms`. */
async function until(check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(10);
  }
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

describe('ERRINJECT_CONTROL', () => {
  requireBuiltCore();
  let runtime = '';
  let dir = '';
  const children: ChildProcess[] = [];

  beforeEach(() => {
    runtime = mkdtempSync(join(tmpdir(), 'errinject-ctl-'));
    dir = join(runtime, 'errinject');
  });
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(runtime, { recursive: true, force: true });
  });

  function env(control: string): NodeJS.ProcessEnv {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, XDG_RUNTIME_DIR: runtime, ERRINJECT_CONTROL: control };
    delete childEnv['NODE_OPTIONS'];
    delete childEnv['ERRINJECT'];
    return childEnv;
  }

  function program(lines: readonly string[]): string {
    const file = join(runtime, `program-${children.length}.js`);
    writeFileSync(file, [`const core = require(${JSON.stringify(CORE)});`, ...lines].join('\n'));
    return file;
  }

  /** Starts a program that runs until `fail_function/times` reads -1, then prints what it saw and exits. */
  function startWaiting(control = '1'): ChildProcess {
    const file = program([
      "const timer = setInterval(() => {",
      "  if (core.debugfs.read('fail_function/times') === '-1\\n') {",
      "    clearInterval(timer);",
      "    process.stdout.write(core.debugfs.read('fail_function/probability'));",
      '  }',
      '}, 10);',
    ]);
    const child = spawn(process.execPath, [file, 'an-argument'], { env: env(control), stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    return child;
  }

  describe('when a process opted in', () => {
    it('should serve hello, read, write and list on <dir>/<pid>.sock, with the control tree\'s refusals', async () => {
      // Arrange
      const child = startWaiting();
      let stdout = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      const socket = join(dir, `${child.pid}.sock`);
      await listening(socket);

      // Act
      const responses = await exchange(
        socket,
        [
          { id: 1, op: 'hello' },
          { id: 2, op: 'list', tree: 'debugfs', path: 'fail_function' },
          { id: 3, op: 'write', tree: 'debugfs', path: 'fail_function/probability', value: '100' },
          { id: 4, op: 'write', tree: 'debugfs', path: 'fail_function/times', value: 'x' },
          { id: 5, op: 'read', tree: 'procfs', path: 'self/fail-nth' },
          { id: 6, op: 'write', tree: 'debugfs', path: 'fail_function/times', value: '-1' },
        ]
          .map((request) => `${JSON.stringify(request)}\n`)
          .join(''),
        6,
      );
      const { code } = await exited(child);

      // Assert
      expect(responses[0]).to.deep.include({ id: 1, ok: true, pid: child.pid, version: (require('../../../package.json') as { version: string }).version });
      expect((responses[0] as HelloResponse).argv.slice(1)).to.deep.equal([join(runtime, 'program-0.js'), 'an-argument']);
      expect((responses[1] as ListResponse).entries).to.include.members(['probability', 'inject', 'injectable']);
      expect(responses[2]).to.deep.equal({ id: 3, ok: true });
      expect(responses[3]).to.deep.include({ id: 4, ok: false, code: 'EINVAL' });
      expect((responses[3] as { message: string }).message).to.match(/^debugfs fail_function\/times: cannot write "x" \(EINVAL: not accepted\); accepted: /);
      expect(responses[4]).to.deep.equal({ id: 5, ok: true, value: '0\n' });
      expect(responses[5]).to.deep.equal({ id: 6, ok: true });
      expect(code).to.equal(0);
      expect(stdout).to.equal('100\n');
      expect(existsSync(socket), 'the socket is removed at exit').to.equal(false);
    });

    it('should not keep a process alive that has nothing else to do', () => {
      // Act
      const child = spawnSync(process.execPath, [program(['process.stdout.write("bye")'])], { env: env('1'), encoding: 'utf8', timeout: 10000 });

      // Assert
      expect(child.status).to.equal(0);
      expect(child.stdout).to.equal('bye');
      expect(readdirSync(dir)).to.deep.equal([]);
    });

    it('should remove its socket also when the program exits while the core is still loading', () => {
      // Act
      const child = spawnSync(process.execPath, [program(['process.exit(4);'])], { env: env('1'), encoding: 'utf8', timeout: 10000 });

      // Assert: no socket is left (the server's modules load after the program's first tick, so a
      // program that exits at once may not have created the directory either)
      expect(child.status).to.equal(4);
      expect(existsSync(dir) ? readdirSync(dir) : []).to.deep.equal([]);
    });

    it('should leave the socket of a killed process, which the next process that opts in removes', async () => {
      // Arrange
      const killed = startWaiting();
      const stale = join(dir, `${killed.pid}.sock`);
      await until(() => existsSync(stale));
      killed.kill('SIGKILL');
      await exited(killed);
      const left = existsSync(stale);

      // Act
      const next = startWaiting();
      await until(() => existsSync(join(dir, `${next.pid}.sock`)));

      // Assert
      expect(left).to.equal(true);
      expect(existsSync(stale)).to.equal(false);
      expect(readdirSync(dir)).to.deep.equal([`${next.pid}.sock`]);
    });

    it('should serve from the main thread only: a worker shares its pid', async () => {
      // Arrange
      const file = program([
        "const { Worker } = require('node:worker_threads');",
        `new Worker(${JSON.stringify(`require(${JSON.stringify(CORE)}); setTimeout(() => {}, 200);`)}, { eval: true });`,
        'setTimeout(() => {}, 300);',
      ]);

      // Act
      const child = spawn(process.execPath, [file], { env: env('1'), stdio: 'ignore' });
      children.push(child);
      const socket = join(dir, `${child.pid}.sock`);
      await listening(socket);
      const responses = await exchange(socket, '{"id":1,"op":"hello"}\n', 1);
      await exited(child);

      // Assert
      expect(responses[0]).to.deep.include({ ok: true, pid: child.pid });
      expect(existsSync(socket)).to.equal(false);
    });
  });

  describe('when a client pipelines requests and never reads (regression: the heap grew without bound, and the process could not exit)', () => {
    it('should keep the heap of the process within a bound of where it started, and let it exit when its program is done', async () => {
      // Arrange: a program that runs for 500 ms, watching its heap
      const file = program([
        'const start = process.memoryUsage().heapUsed;',
        'let peak = start;',
        'const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().heapUsed); }, 5);',
        'setTimeout(() => { clearInterval(timer); process.stdout.write(JSON.stringify({ start, peak })); }, 500);',
      ]);
      const child = spawn(process.execPath, [file], { env: env('1'), stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(child);
      let stdout = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      const socket = join(dir, `${child.pid}.sock`);
      await listening(socket);
      const flooder = await connectSilent(socket);
      const batch = hellos(1000);
      let sent = 0;
      const flood = (): void => {
        while (!flooder.destroyed && flooder.write(batch)) sent += 1000;
        if (!flooder.destroyed) flooder.once('drain', flood);
      };

      // Act
      flood();
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const { code, signal } = await exited(child);
      clearTimeout(killer);
      flooder.destroy();

      // Assert
      expect({ code, signal }, 'the process exits on its own').to.deep.equal({ code: 0, signal: null });
      const { start, peak } = JSON.parse(stdout) as { start: number; peak: number };
      expect(sent, 'requests written').to.be.above(0);
      expect(peak - start, 'heap growth').to.be.below(16 * 2 ** 20);
    });
  });

  describe('when the variable says no, or something else', () => {
    it('should start no socket for 0, and say so on stderr for a value it does not take', () => {
      // Act
      const off = spawnSync(process.execPath, [program(['process.stdout.write("ran")'])], { env: env('0'), encoding: 'utf8' });
      const bad = spawnSync(process.execPath, [program(['process.stdout.write("ran")'])], { env: env('maybe'), encoding: 'utf8' });

      // Assert
      expect([off.stdout, off.stderr]).to.deep.equal(['ran', '']);
      expect([bad.stdout, bad.stderr]).to.deep.equal([
        'ran',
        'errinject: ERRINJECT_CONTROL="maybe" is not accepted: expected 1 or 0 (or y/n, on/off, true/false); no control socket\n',
      ]);
      expect(existsSync(dir)).to.equal(false);
    });
  });

  describe('when the process did not opt in (regression: every process loaded node:net with the core)', () => {
    it('should not load the server (nor, with it, node:net)', () => {
      // Act: node:net itself cannot be asked about, since a piped stdout loads it.
      const child = spawnSync(
        process.execPath,
        ['-e', `require(${JSON.stringify(CORE)}); setImmediate(() => process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((file) => /startControlServer/.test(file)))))`],
        { env: env(''), encoding: 'utf8' },
      );

      // Assert
      expect([child.stdout, child.stderr]).to.deep.equal(['[]', '']);
    });
  });

  describe('when the socket directory is not safe', () => {
    it('should refuse to serve, say why on stderr, and run the program', () => {
      // Arrange
      mkdirSync(dir);
      chmodSync(dir, 0o777);

      // Act
      const child = spawnSync(process.execPath, [program(['process.stdout.write("ran")'])], { env: env('1'), encoding: 'utf8' });

      // Assert
      expect(child.status).to.equal(0);
      expect(child.stdout).to.equal('ran');
      expect(child.stderr).to.match(/^errinject: ERRINJECT_CONTROL=1, but the control socket cannot start: control socket directory ".*": owned by uid \d+ with mode 0777; /);
      expect(readdirSync(dir)).to.deep.equal([]);
    });
  });
});
