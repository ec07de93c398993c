import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { childEnv } from '../support/childEnv';
import { cliDir, EI_CTL, FAILCMD, root, runBin } from './cliBins';

/** The conventions every Node.js CLI follows, kept by failcmd, ei-ctl and ei-lint alike. */

const lintDir = path.dirname(require.resolve('@errinject/lint/package.json'));
const EI_LINT = path.join(lintDir, 'bin', 'ei-lint.js');
const ESC = '\u001b[';

/** A shell word. */
const sh = (word: string): string => `'${word.replace(/'/g, "'\\''")}'`;

/** The tests' environment (no colour forced, none turned off) with these variables. */
const withEnv = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({ ...childEnv({ NODE_DISABLE_COLORS: '' }), ...env });

/**
 * Runs a bin on a terminal of its own (a pseudo-terminal that util-linux `script` opens), as a user
 * at a terminal runs it.
 *
 * @returns what the terminal showed
 */
function onTerminal(bin: string, args: readonly string[], env: NodeJS.ProcessEnv): string {
  const command = [process.execPath, bin, ...args].map(sh).join(' ');
  const result = spawnSync('script', ['-qc', command, '/dev/null'], { cwd: root, encoding: 'utf8', env: withEnv(env) });
  expect(result.status, result.stderr).to.equal(0);
  return result.stdout;
}

/** Runs a bin off a terminal (its stdout a pipe). */
function offTerminal(bin: string, args: readonly string[], env: NodeJS.ProcessEnv): string {
  return spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: withEnv(env) }).stdout;
}

/** The colour codes of a text, without the progress bar's cursor controls. */
const colours = (text: string): string[] => text.match(/\u001b\[\d+m/g) ?? [];

describe('the CLI conventions', () => {
  describe('when asked for --version or -V', () => {
    it('should print the package version and exit 0, in every bin', () => {
      const cliVersion = (JSON.parse(readFileSync(path.join(cliDir, 'package.json'), 'utf8')) as { version: string }).version;
      const lintVersion = (JSON.parse(readFileSync(path.join(lintDir, 'package.json'), 'utf8')) as { version: string }).version;
      for (const [bin, flag, version] of [[FAILCMD, '--version', cliVersion], [EI_CTL, '-V', cliVersion], [EI_LINT, '--version', lintVersion]] as const) {
        expect(runBin(bin, [flag]), `${path.basename(bin)} ${flag}`).to.deep.include({ status: 0, stdout: `${version}\n`, stderr: '' });
      }
    });
  });

  describe('when failcmd draws a sweep\'s table on a terminal', () => {
    const sweep = ['--sweep', '--max', '1', '--', 'node', 'examples/dist/socketpair/once.js'];

    it('should colour it, unless FORCE_COLOR=0 (regression: it coloured) or --no-color says not to', () => {
      expect(colours(onTerminal(FAILCMD, sweep, {}))).to.not.deep.equal([]);
      // NO_COLOR, NODE_DISABLE_COLORS and TERM=dumb: the unit tests of the core's useColor, which
      // every bin calls (@errinject/core/color).
      for (const [args, env] of [
        [sweep, { FORCE_COLOR: '0' }],
        [['--no-color', ...sweep], { FORCE_COLOR: '3' }],
      ] as const) {
        expect(colours(onTerminal(FAILCMD, args, env)), JSON.stringify(env)).to.deep.equal([]);
      }
    });

    it('should colour it off a terminal with FORCE_COLOR=1 or --color', () => {
      expect(offTerminal(FAILCMD, sweep, { FORCE_COLOR: '1' })).to.contain(ESC);
      expect(offTerminal(FAILCMD, ['--color', ...sweep], { NO_COLOR: '1' })).to.contain(ESC);
    });
  });

  describe('when ei-lint prints its findings on a terminal', () => {
    it('should follow the same rules as failcmd: no colour with FORCE_COLOR=0', () => {
      // A run lints a project (seconds): a terminal's colours, the flags and the other variables are
      // in ei-lint's own tests.
      const shown = onTerminal(EI_LINT, ['-p', 'examples/buggy-cache'], { FORCE_COLOR: '0' });
      expect(shown).to.contain('ei/unchecked-call');
      expect(colours(shown)).to.deep.equal([]);
    });
  });
});
