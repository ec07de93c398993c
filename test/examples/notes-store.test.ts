import { expect } from 'chai';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { childEnv } from '../support/childEnv';
import { FAILCMD, root } from '../cli/cliBins';

interface Run {
  n: number;
  function: string | null;
  site: string | null;
  exitCode: number | null;
  crashed: boolean;
  stderr: string;
  check: { ok: boolean; output: string } | null;
  badState: boolean;
}

interface Report {
  runs: Run[];
  faultPoints: number;
  crashed: number;
  badState: number;
  complete: boolean;
}

const examples = path.dirname(require.resolve('@errinject/examples/package.json'));
const main = path.join(examples, 'dist', 'notes-store', 'main.js');

/**
 * The environment of a sweep of notes: the store and its seed in `dir`, saved the way `save` says.
 * Under c8 it keeps NODE_V8_COVERAGE, with which Node reads each module's source map as it loads it:
 * those reads are the loader's, never fault points.
 */
function notesEnv(dir: string, save: string): NodeJS.ProcessEnv {
  return childEnv({ NOTES_FILE: path.join(dir, 'notes.json'), NOTES_SEED: path.join(dir, 'seed.json'), NOTES_DIR: dir, NOTES_SAVE: save });
}

/** A seed store of two notes, made by notes itself. */
function seed(env: NodeJS.ProcessEnv): void {
  for (const args of [['init'], ['add', 'eggs'], ['add', 'bread']]) execFileSync(process.execPath, [main, ...args], { env });
  renameSync(env['NOTES_FILE'] as string, env['NOTES_SEED'] as string);
}

// As scripts/sweep-notes.sh runs it, with a check that also refuses a temporary file left behind.
const COMMAND = ['sh', '-c', 'cp "$NOTES_SEED" "$NOTES_FILE" && exec node dist/notes-store/main.js add milk'];
const CHECK = 'node dist/notes-store/check.js && if ls -A "$NOTES_DIR" | grep "\\.tmp$"; then echo "left a temporary file"; exit 1; fi';

function sweepNotes(env: NodeJS.ProcessEnv): { status: number | null; report: Report } {
  const run = spawnSync(process.execPath, [FAILCMD, '--type', 'fail_fs', '--sweep', '--json', '--check', CHECK, '--', ...COMMAND], { cwd: examples, encoding: 'utf8', env });
  expect(run.stderr).to.equal('');
  return { status: run.status, report: JSON.parse(run.stdout) as Report };
}

describe('examples/notes-store', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'notes-store-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when failcmd sweeps a save in place', () => {
    it('should find the one run that leaves the store empty: the failed write of fs.promises.writeFile', () => {
      // Arrange
      const env = notesEnv(dir, 'in-place');
      seed(env);

      // Act
      const { status, report } = sweepNotes(env);

      // Assert: a failed read changes nothing (n = 1); writeFile truncates the store and then fails
      // to write it, as on a full disk, and the program says so and exits 1 (n = 2)
      expect(report.runs.map((run) => [run.n, run.function, run.exitCode, run.crashed, run.badState])).to.deep.equal([
        [1, 'fs.promises.readFile', 1, false, false],
        [2, 'fs.promises.writeFile', 1, false, true],
        [3, null, 0, false, false],
      ]);
      expect(report.runs[1]?.site).to.match(/notes-store[/\\]saveInPlace\.(js|ts):\d+:\d+$/);
      expect(report.runs[1]?.stderr).to.match(/^notes: cannot save .*notes\.json, which may now be damaged: ENOSPC: no space left on device, write\n$/);
      expect(report.runs[1]?.check?.output).to.equal('notes.json is empty\n');
      expect(report).to.include({ faultPoints: 2, crashed: 0, badState: 1, complete: true });
      expect(status).to.equal(1);
    });
  });

  describe('when failcmd sweeps an atomic save', () => {
    it('should find every run failing with a message and none leaving a bad state or a temporary file', () => {
      // Arrange
      const env = notesEnv(dir, 'atomic');
      seed(env);

      // Act
      const { status, report } = sweepNotes(env);

      // Assert: read; open, write, sync and close the temporary file; rename it; open, sync and close
      // the directory.
      expect(report.runs.map((run) => [run.n, run.function, run.exitCode, run.crashed, run.badState])).to.deep.equal([
        [1, 'fs.promises.readFile', 1, false, false],
        [2, 'fs.promises.open', 1, false, false],
        [3, 'FileHandle.writeFile', 1, false, false],
        [4, 'FileHandle.sync', 1, false, false],
        [5, 'FileHandle.close', 1, false, false],
        [6, 'fs.promises.rename', 1, false, false],
        [7, 'fs.promises.open', 1, false, false],
        [8, 'FileHandle.sync', 1, false, false],
        [9, 'FileHandle.close', 1, false, false],
        [10, null, 0, false, false],
      ]);
      // Each faulted run says what happened to the store, on one line: untouched before the rename,
      // saved but maybe not durable after it.
      const untouched = /^notes: cannot save \S+notes\.json, which still holds its previous contents: E[A-Z]+: .*\n$/;
      const notDurable = /^notes: saved \S+notes\.json, but cannot sync its directory \S+, so a power cut may undo it: E[A-Z]+: .*\n$/;
      const expected = [/^notes: \S+notes\.json does not exist \(create it with init\)\n$/, untouched, untouched, untouched, untouched, untouched, notDurable, notDurable, notDurable];
      report.runs.slice(0, -1).forEach((run, i) => expect(run.stderr).to.match(expected[i] as RegExp, `run ${run.n}`));
      expect(report).to.include({ faultPoints: 9, crashed: 0, badState: 0, complete: true });
      expect(status).to.equal(0);
      // The last run, without a fault, saved the note; nothing else is left in the directory.
      const store = JSON.parse(readFileSync(env['NOTES_FILE'] as string, 'utf8')) as { notes: Array<{ text: string }> };
      expect(store.notes.map((note) => note.text)).to.deep.equal(['eggs', 'bread', 'milk']);
      expect(readdirSync(dir).sort()).to.deep.equal(['notes.json', 'seed.json']);
    });
  });

  describe('when npm start runs scripts/sweep-notes.sh', () => {
    it('should exit 1 for the save in place and 0 for the atomic save, with the summaries the README shows', () => {
      const env = childEnv({ PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${process.env['PATH'] ?? ''}` });
      const sweep = (save: string): { status: number | null; stdout: string } => spawnSync('sh', [path.join(examples, 'scripts', 'sweep-notes.sh'), save], { encoding: 'utf8', env });

      const inPlace = sweep('in-place');
      const atomic = sweep('atomic');

      expect([inPlace.status, inPlace.stdout.trimEnd().split('\n').pop()]).to.deep.equal([1, '2 fault points in 3 runs, 0 crashed, 1 left a bad state']);
      expect(inPlace.stdout).to.match(/\n2 +Y +fs\.promises\.writeFile +src\/notes-store\/saveInPlace\.ts:\d+:\d+ +1 +bad: exit 1: notes\.json is empty\n/);
      expect([atomic.status, atomic.stdout.trimEnd().split('\n').pop()]).to.deep.equal([0, '9 fault points in 10 runs, 0 crashed, 0 left a bad state']);
    });
  });
});
