import { readdirSync } from 'node:fs';
import { expect } from 'chai';
import { REGISTER, runArmedScript } from '../support/armedScript';
import { scriptResults } from '../support/scriptResults';
import { SPAWN_HELPERS } from '../support/spawnSnippets';

type Shape = { class: string; message: string; fields: [string, unknown][] };

/** What Node gives a command that cannot start: `spawn echo ENOENT` and its fields, in order. */
function spawnError(syscall: string, file: string, code: string, errno: number, spawnargs: string[]): Shape {
  return {
    class: 'Error',
    message: `${syscall} ${file} ${code}`,
    fields: [
      ['errno', errno],
      ['code', code],
      ['syscall', `${syscall} ${file}`],
      ['path', file],
      ['spawnargs', spawnargs],
    ],
  };
}

/** A `spawnSync` result of a start that failed, in Node's order, its error shaped. */
function failedSync(error: Shape): [string, unknown][] {
  return [
    ['error', error],
    ['status', null],
    ['signal', null],
    ['output', null],
    ['pid', 0],
    ['stdout', null],
    ['stderr', null],
  ];
}

/** The error `execFileSync` and `execSync` throw: the result's fields on the error, which is its own `error`. */
function thrownSync(error: Shape): Shape {
  return { ...error, fields: [...error.fields, ...failedSync(error).map(([key, value]): [string, unknown] => [key, key === 'error' ? '[itself]' : value])] };
}

describe('fail_spawn', () => {
  describe('when each function of child_process fails', () => {
    let result: Record<string, unknown>;
    before(() => {
      // Real failures: a command that does not exist. Faulted: echo, which does.
      result = scriptResults(
        runArmedScript(
          `${SPAWN_HELPERS}
main(async () => {
  out({ realSpawn: await childEvents(cp.spawn('nonexistent-cmd-xyz', ['hi'])) });
  out({ realExecFile: await calledBack((callback) => cp.execFile('nonexistent-cmd-xyz', ['hi'], callback)) });
  out({ realSpawnSync: syncResult(cp.spawnSync('nonexistent-cmd-xyz', ['hi'])) });
  out({ realExecFileSync: thrown(() => cp.execFileSync('nonexistent-cmd-xyz', ['hi'])) });
  require('node:fs').writeFileSync('child.js', '');
  arm(ARMED);
  out({ spawn: await childEvents(cp.spawn('echo', ['hi'])) });
  out({ execFile: await calledBack((callback) => cp.execFile('echo', ['hi'], callback)) });
  out({ exec: await calledBack((callback) => cp.exec('echo hi', callback)) });
  out({ fork: await childEvents(cp.fork('./child.js')), execArgv: process.execArgv });
  out({ spawnSync: syncResult(cp.spawnSync('echo', ['hi'])) });
  out({ execFileSync: thrown(() => cp.execFileSync('echo', ['hi'])) });
  out({ execSync: thrown(() => cp.execSync('echo hi')) });
});
`,
          { capabilities: 'fail_spawn' },
        ),
      );
    });

    it('should fail spawn as a command that does not exist: error, then close (-2, null), no exit', () => {
      // Assert
      expect(result['realSpawn']).to.deep.equal([['error', spawnError('spawn', 'nonexistent-cmd-xyz', 'ENOENT', -2, ['hi'])], ['close', -2, null]]);
      expect(result['spawn']).to.deep.equal([['error', spawnError('spawn', 'echo', 'ENOENT', -2, ['hi'])], ['close', -2, null]]);
    });

    it('should give execFile callback the error, with cmd, and empty output', () => {
      const withCmd = (error: Shape, cmd: string): Shape => ({ ...error, fields: [...error.fields, ['cmd', cmd]] });
      expect(result['realExecFile']).to.deep.equal({ error: withCmd(spawnError('spawn', 'nonexistent-cmd-xyz', 'ENOENT', -2, ['hi']), 'nonexistent-cmd-xyz hi'), stdout: '', stderr: '' });
      expect(result['execFile']).to.deep.equal({ error: withCmd(spawnError('spawn', 'echo', 'ENOENT', -2, ['hi']), 'echo hi'), stdout: '', stderr: '' });
    });

    it('should fail exec and fork with EAGAIN, their default errno', () => {
      expect(result['exec']).to.deep.equal({ error: { ...spawnError('spawn', '/bin/sh', 'EAGAIN', -11, ['-c', 'echo hi']), fields: [...spawnError('spawn', '/bin/sh', 'EAGAIN', -11, ['-c', 'echo hi']).fields, ['cmd', 'echo hi']] }, stdout: '', stderr: '' });
      const execArgv = result['execArgv'] as string[];
      expect(execArgv).to.deep.equal(['--require', REGISTER]);
      expect(result['fork']).to.deep.equal([['error', spawnError('spawn', process.execPath, 'EAGAIN', -11, [...execArgv, './child.js'])], ['close', -11, null]]);
    });

    it('should give spawnSync the result of a start that failed', () => {
      expect(result['realSpawnSync']).to.deep.equal(failedSync(spawnError('spawnSync', 'nonexistent-cmd-xyz', 'ENOENT', -2, ['hi'])));
      expect(result['spawnSync']).to.deep.equal(failedSync(spawnError('spawnSync', 'echo', 'ENOENT', -2, ['hi'])));
    });

    it('should make execFileSync and execSync throw what Node throws for a start that failed', () => {
      expect(result['realExecFileSync']).to.deep.equal(thrownSync(spawnError('spawnSync', 'nonexistent-cmd-xyz', 'ENOENT', -2, ['hi'])));
      expect(result['execFileSync']).to.deep.equal(thrownSync(spawnError('spawnSync', 'echo', 'ENOENT', -2, ['hi'])));
      expect(result['execSync']).to.deep.equal(thrownSync(spawnError('spawnSync', '/bin/sh', 'EAGAIN', -11, ['-c', 'echo hi'])));
    });
  });

  describe('when the errno knob is set', () => {
    let result: Record<string, unknown>;
    before(() => {
      result = scriptResults(
        runArmedScript(
          `${SPAWN_HELPERS}
main(async () => {
  arm({ ...ARMED, 'fail_spawn/errno': 'EACCES' });
  out({ eacces: await childEvents(cp.spawn('echo', ['hi'])) });
  arm({ 'fail_spawn/errno': 'ENOMEM' });
  out({ enomem: thrown(() => cp.spawn('echo', ['hi'])), enomemSync: syncResult(cp.spawnSync('echo', ['hi'])) });
  out({ unknown: thrown(() => core.debugfs.write('fail_spawn/errno', 'ENOPE')), kept: core.debugfs.read('fail_spawn/errno') });
});
`,
          { capabilities: 'fail_spawn' },
        ),
      );
    });

    it('should emit spawn echo EACCES (errno -13) for EACCES', () => {
      // Assert
      expect(result['eacces']).to.deep.equal([['error', spawnError('spawn', 'echo', 'EACCES', -13, ['hi'])], ['close', -13, null]]);
    });

    it('should make spawn() throw ENOMEM, as Node throws every errno it does not report as an event', () => {
      expect(result['enomem']).to.deep.equal({ class: 'Error', message: 'spawn ENOMEM', fields: [['errno', -12], ['code', 'ENOMEM'], ['syscall', 'spawn']] });
      expect(result['enomemSync']).to.deep.equal(failedSync(spawnError('spawnSync', 'echo', 'ENOMEM', -12, ['hi'])));
    });

    it('should refuse an errno Node does not know with EINVAL naming it, keeping the one set', () => {
      const unknown = result['unknown'] as Shape;
      expect(unknown.message).to.equal(
        `debugfs fail_spawn/errno: cannot write "ENOPE" (EINVAL: not accepted); accepted: an errno name Node describes on ${process.platform} (ENOENT, EACCES, ENOSPC, EIO, ...); empty for each operation's own`,
      );
      expect(unknown.fields.slice(0, 2)).to.deep.equal([
        ['code', 'EINVAL'],
        ['errno', -22],
      ]);
      expect(result['kept']).to.equal('ENOMEM\n');
    });
  });

  describe('when ops and path-filter choose the calls', () => {
    let result: Record<string, unknown>;
    before(() => {
      result = scriptResults(
        runArmedScript(
          `${SPAWN_HELPERS}
const fate = (result) => result.error ? result.error.code : result.status;
const started = async (child) => (await childEvents(child)).map(([event]) => event).join(' ');
const execFate = (command) => calledBack((callback) => cp.exec(command, callback)).then(({ error, stdout }) => error ? error.fields.find(([key]) => key === 'code')[1] : stdout);
main(async () => {
  arm({ ...ARMED, 'fail_spawn/ops': 'spawnSync' });
  out({ opsSpawnSync: fate(cp.spawnSync('echo', ['hi'])), opsSpawn: await started(cp.spawn('echo', ['hi'])) });
  arm({ 'fail_spawn/ops': '', 'fail_spawn/path-filter': 'echo' });
  out({ echo: fate(cp.spawnSync('echo')), binEcho: fate(cp.spawnSync('/bin/echo')), execEcho: await execFate('echo hi'), trueCommand: fate(cp.spawnSync('true')), execTrue: await execFate('true') });
  arm({ 'fail_spawn/path-filter': '*ru*' });
  out({ globTrue: fate(cp.spawnSync('/bin/true')), globEcho: fate(cp.spawnSync('echo')) });
});
`,
          { capabilities: 'fail_spawn' },
        ),
      );
    });

    it('should fail only spawnSync for ops=spawnSync', () => {
      // Assert
      expect(result['opsSpawnSync']).to.equal('ENOENT');
      expect(result['opsSpawn']).to.equal('spawn exit close');
    });

    it('should match echo to spawn echo, /bin/echo and exec of a line whose first word is echo', () => {
      expect([result['echo'], result['binEcho'], result['execEcho'], result['trueCommand'], result['execTrue']]).to.deep.equal(['ENOENT', 'ENOENT', 'EAGAIN', 0, '']);
    });

    it('should match glob patterns', () => {
      expect([result['globTrue'], result['globEcho']]).to.deep.equal(['ENOENT', 0]);
    });
  });

  describe('when a call is faulted', () => {
    it('should start no process: the command never runs', () => {
      // Act
      let markers: string[] = [];
      const result = scriptResults(
        runArmedScript(
          `${SPAWN_HELPERS}
main(async () => {
  arm(ARMED);
  const faulted = [cp.spawnSync('sh', ['-c', 'touch SYNC']).error.code, (await childEvents(cp.spawn('sh', ['-c', 'touch ASYNC'])))[0][0], (await calledBack((callback) => cp.exec('touch EXEC', callback))).error.message];
  arm({ 'fail_spawn/probability': 0 });
  cp.spawnSync('sh', ['-c', 'touch REAL']);
  out({ faulted });
});
`,
          { capabilities: 'fail_spawn', inspect: (dir) => (markers = readdirSync(dir)) },
        ),
      );

      // Assert
      expect(result['faulted']).to.deep.equal(['ENOENT', 'error', 'spawn /bin/sh EAGAIN']);
      expect(markers.sort()).to.deep.equal(['REAL', 'script.js']);
    });
  });

  describe('when fail-nth counts the calls', () => {
    let result: Record<string, unknown>;
    before(() => {
      result = scriptResults(
        runArmedScript(
          `${SPAWN_HELPERS}
const fate = (result) => result.error ? 'failed' : 'ran';
const nth = (n, calls) => {
  core.procfs.write('self/fail-nth', String(n));
  const fates = calls();
  const left = core.procfs.read('self/fail-nth');
  core.procfs.write('self/fail-nth', '0');
  return [fates, left];
};
const three = () => [fate(cp.spawnSync('true')), fate(cp.spawnSync('echo', ['x'])), fate(cp.spawnSync('sh', ['-c', 'true']))];
main(async () => {
  arm({ 'fail_spawn/verbose': 0 });
  out({ sweep: [1, 2, 3, 4].map((n) => nth(n, three)) });
  const execThenSpawn = async () => {
    core.procfs.write('self/fail-nth', '2');
    const exec = await calledBack((callback) => cp.exec('true', callback));
    const execFile = await calledBack((callback) => cp.execFile('true', callback));
    const spawned = fate(cp.spawnSync('true'));
    const left = core.procfs.read('self/fail-nth');
    core.procfs.write('self/fail-nth', '0');
    return [exec.error === null ? 'ran' : 'failed', execFile.error === null ? 'ran' : 'failed', spawned, left];
  };
  out({ nested: await execThenSpawn() });
  out({ nestedSync: nth(2, () => [thrown(() => cp.execSync('true'))[0], fate(cp.spawnSync('true'))]) });
});
`,
          { capabilities: 'fail_spawn' },
        ),
      );
    });

    it('should count exactly 3 fault points in a script that starts 3 commands', () => {
      // Assert: fail-nth N fails the N-th; 4 fails none and is left at 1.
      expect(result['sweep']).to.deep.equal([
        [['failed', 'ran', 'ran'], '0\n'],
        [['ran', 'failed', 'ran'], '0\n'],
        [['ran', 'ran', 'failed'], '0\n'],
        [['ran', 'ran', 'ran'], '1\n'],
      ]);
    });

    it('should count exec once though it calls execFile and spawn, and execSync once though it calls spawnSync', () => {
      // Assert: with fail-nth 2, exec is the first point and execFile the second.
      expect(result['nested']).to.deep.equal(['ran', 'failed', 'ran', '0\n']);
      expect(result['nestedSync']).to.deep.equal([['returned', 'failed'], '0\n']);
    });
  });
});
