import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { childEnv } from '../support/childEnv';

/** The package's directory, found the way a user's tooling finds it. */
export const lintDir = path.dirname(require.resolve('@errinject/lint/package.json'));

/** The repository root, where the runs start by default (as CI's do). */
export const root = path.resolve(lintDir, '..', '..');

/** The package's version. */
export const version = (JSON.parse(readFileSync(path.join(lintDir, 'package.json'), 'utf8')) as { version: string }).version;

const bin = path.join(lintDir, 'bin', 'ei-lint.js');

/** What a run of the bin gave. */
export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** One finding of `--format json`. */
export interface JsonFinding {
  readonly ruleId: string;
  readonly severity: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/**
 * Runs the real bin, `packages/lint/bin/ei-lint.js`, in a child process without forced colours.
 *
 * @param args - its arguments
 * @param cwd - where it runs (default: the repository root)
 * @returns its exit status and output
 */
export function eiLint(args: readonly string[], cwd = root): Run {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: childEnv() });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
