import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { childEnv } from '../support/childEnv';
import { root } from './cliBins';

/**
 * The README's CI recipes for a sharded sweep ("Sweeps on a CI matrix"), run as written: each shard
 * job's failcmd command with the matrix's values (GitHub's `matrix.shard`, GitLab's `CI_NODE_INDEX`
 * and `CI_NODE_TOTAL`), in a directory of its own as a job's checkout, then the merge job's command on
 * the reports, against the same sweep unsharded. `npm test`, the users' command, is the socketpair
 * example here.
 */

const ONCE = path.join(root, 'examples', 'dist', 'socketpair', 'once.js');
const COMMAND = `node ${ONCE}`;

/** The yaml blocks of the README's section on CI matrices. */
function recipes(): string[] {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Sweeps on a CI matrix'), readme.indexOf('## The repository'));
  return [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1] as string);
}

/** The shell commands of a recipe that run failcmd, as the jobs would run them. */
function failcmdLines(recipe: string): string[] {
  return recipe
    .split('\n')
    .map((line) => line.trim().replace(/^- (run: )?/, ''))
    .filter((line) => line.startsWith('npx failcmd'));
}

/**
 * A job's checkout: a project of its own whose node_modules are the repository's, so that npx finds
 * failcmd there and runs it in that directory, as in a job.
 *
 * @param dir - the directory to make
 */
function checkout(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{ "name": "job", "private": true }\n');
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
}

/** Runs a job's command in `dir` through the shell, with `npm test` standing for the socketpair example. */
function job(dir: string, command: string, env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync('sh', ['-c', command.replace('npm test', COMMAND)], { cwd: dir, encoding: 'utf8', env: childEnv(env) });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('the README\'s CI recipes for a sharded sweep', () => {
  const work = path.join(__dirname, 'shard-workflow');
  let whole: { status: number | null; stdout: string };

  before(() => {
    rmSync(work, { recursive: true, force: true });
    checkout(path.join(work, 'whole'));
    whole = job(path.join(work, 'whole'), `npx failcmd --sweep -- ${COMMAND}`);
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('should have the two recipes, each with a shard command and a merge command', () => {
    const [github, gitlab] = recipes().map(failcmdLines);
    expect(github).to.deep.equal([
      'npx failcmd --sweep --shard ${{ matrix.shard }}/4 --json -- npm test > sweep-${{ matrix.shard }}.json',
      'npx failcmd --merge sweep-*.json',
    ]);
    expect(gitlab).to.deep.equal([
      'npx failcmd --sweep --shard "$CI_NODE_INDEX/$CI_NODE_TOTAL" --json -- npm test > "sweep-$CI_NODE_INDEX.json"',
      'npx failcmd --merge sweep-*.json',
    ]);
    expect(whole.stdout).to.match(/13 fault points in 14 runs/);
  });

  it('should give, through GitHub\'s matrix, the table and the exit status of the whole sweep', () => {
    const [shard, merge] = failcmdLines(recipes()[0] as string) as [string, string];
    const dir = path.join(work, 'github');
    checkout(dir);
    for (const index of [1, 2, 3, 4]) job(dir, shard.replaceAll('${{ matrix.shard }}', String(index)));
    const merged = job(dir, merge);
    expect(merged.stderr).to.equal('');
    expect([merged.status, merged.stdout]).to.deep.equal([whole.status, whole.stdout]);
  });

  it('should give, through GitLab\'s parallel jobs, the table and the exit status of the whole sweep', () => {
    const [shard, merge] = failcmdLines(recipes()[1] as string) as [string, string];
    const dir = path.join(work, 'gitlab');
    checkout(dir);
    for (const index of [1, 2, 3, 4]) job(dir, shard, { CI_NODE_INDEX: String(index), CI_NODE_TOTAL: '4' });
    const merged = job(dir, merge);
    expect(merged.stderr).to.equal('');
    expect([merged.status, merged.stdout]).to.deep.equal([whole.status, whole.stdout]);
  });

  it('should name a shard whose job never ran, and say the sweep is incomplete', () => {
    const [shard, merge] = failcmdLines(recipes()[0] as string) as [string, string];
    const dir = path.join(work, 'missing');
    checkout(dir);
    for (const index of [1, 2, 4]) job(dir, shard.replaceAll('${{ matrix.shard }}', String(index)));
    const merged = job(dir, merge);
    expect(merged.stdout).to.contain('incomplete: no report of shard 3/4');
    expect(merged.status).to.equal(1);
  });
});
