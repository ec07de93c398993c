import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { expect } from 'chai';
import type { CliIo } from '../../src/cli/CliIo';
import { main } from '../../src/cli/main';
import { USAGE } from '../../src/cli/usage';
import { tempDir, type TempDir } from '../config/tempDir';

const VERSION = (JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as { version: string }).version;

/** Output captured from a run of `main`. */
interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(argv: readonly string[], cwd: string, options: { isTTY?: boolean; env?: Record<string, string> } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text), isTTY: options.isTTY ?? false },
    stderr: { write: (text: string) => (stderr += text) },
    cwd,
    env: options.env ?? {},
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

const TSCONFIG = { compilerOptions: { strict: true, noEmit: true, target: 'es2022', types: [] }, include: ['src'] };

/** Marks nothing, so no rule reports anything whatever the rules do; only directives make findings. */
const CLEAN = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n';
const UNUSED_DIRECTIVE = '// ei-lint-disable-next-line ei/unchecked-call -- nothing to suppress\nexport const a = 1;\n';
const NO_REASON = '// ei-lint-disable-next-line ei/unchecked-call\nexport const b = 2;\n';

describe('main', () => {
  let tmp: TempDir;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.remove());

  describe('when asked for help or the version', () => {
    it('should print the usage and exit 0', async () => {
      // Act
      const long = await run(['--help'], tmp.root);
      const short = await run(['-h', '--format', 'json'], tmp.root);

      // Assert
      expect(long).to.deep.equal({ code: 0, stdout: USAGE, stderr: '' });
      expect(short).to.deep.equal(long);
      expect(USAGE).to.contain('Usage: ei-lint [-p tsconfig.json] [--format stylish|json|sarif|github] [--max-warnings N] [paths...]');
    });

    it('should print the package\'s version and exit 0', async () => {
      // Act, assert
      expect(await run(['--version'], tmp.root)).to.deep.equal({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
      expect((await run(['-v'], tmp.root)).stdout).to.equal(`${VERSION}\n`);
      expect((await run(['-V'], tmp.root)).stdout).to.equal(`${VERSION}\n`);
    });
  });

  describe('when the project lints clean', () => {
    it('should print nothing in stylish, [] in json, and exit 0', async () => {
      // Arrange
      tmp.write('tsconfig.json', TSCONFIG);
      tmp.write('src/add.ts', CLEAN);

      // Act
      const stylish = await run([], tmp.root);
      const json = await run(['--format', 'json', '-p', '.'], tmp.root);

      // Assert
      expect(stylish).to.deep.equal({ code: 0, stdout: '', stderr: '' });
      expect(json).to.deep.equal({ code: 0, stdout: '[]\n', stderr: '' });
    });
  });

  describe('when there are errors', () => {
    it('should print them on stdout, relative to the working directory, and exit 1', async () => {
      // Arrange
      tmp.write('app/tsconfig.json', TSCONFIG);
      tmp.write('app/src/b.ts', NO_REASON);

      // Act
      const result = await run(['-p', 'app/tsconfig.json', '--format', 'json'], tmp.root);

      // Assert
      expect(result.code).to.equal(1);
      expect(result.stderr).to.equal('');
      expect((JSON.parse(result.stdout) as { ruleId: string; severity: string; file: string; line: number; column: number }[]).map((f) => [f.ruleId, f.severity, f.file, f.line, f.column])).to.deep.equal([
        ['ei/suppression', 'error', 'app/src/b.ts', 1, 1],
      ]);
    });

    it('should print code frames in the stylish format', async () => {
      // Arrange
      tmp.write('tsconfig.json', TSCONFIG);
      tmp.write('src/b.ts', NO_REASON);

      // Act
      const result = await run([], tmp.root);

      // Assert
      expect(result.code).to.equal(1);
      expect(result.stdout).to.contain('src/b.ts\n  1:1  error  ');
      expect(result.stdout).to.contain('    1 | // ei-lint-disable-next-line ei/unchecked-call\n      | ^^^^');
      expect(result.stdout).to.contain('✖ 1 problem (1 error, 0 warnings)');
    });
  });

  describe('when there are only warnings', () => {
    beforeEach(() => {
      tmp.write('tsconfig.json', TSCONFIG);
      tmp.write('src/a.ts', UNUSED_DIRECTIVE);
    });

    it('should exit 0 without --max-warnings', async () => {
      // Act
      const result = await run(['--format', 'github'], tmp.root);

      // Assert
      expect(result.code).to.equal(0);
      expect(result.stdout).to.match(/^::warning file=src\/a\.ts,line=1,col=30,/);
    });

    it('should exit 0 within --max-warnings and 1 past it, saying so on stderr', async () => {
      // Act
      const within = await run(['--max-warnings', '1', '--format', 'json'], tmp.root);
      const past = await run(['--max-warnings', '0', '--format', 'json'], tmp.root);

      // Assert
      expect(within.code).to.equal(0);
      expect(within.stderr).to.equal('');
      expect(past.code).to.equal(1);
      expect(past.stdout).to.equal(within.stdout);
      expect(past.stderr).to.equal('ei-lint: 1 warning, more than --max-warnings 0 allows\n');
    });

    it('should count every warning', async () => {
      // Arrange
      tmp.write('src/c.ts', UNUSED_DIRECTIVE);

      // Act
      const result = await run(['--max-warnings=1', '--format=sarif'], tmp.root);

      // Assert
      expect(result.code).to.equal(1);
      expect(result.stderr).to.equal('ei-lint: 2 warnings, more than --max-warnings 1 allows\n');
      expect((JSON.parse(result.stdout) as { runs: { results: unknown[] }[] }).runs[0]!.results).to.have.length(2);
    });
  });

  describe('when paths are given', () => {
    beforeEach(() => {
      tmp.write('tsconfig.json', TSCONFIG);
      tmp.write('src/a.ts', UNUSED_DIRECTIVE);
      tmp.write('src/clean/add.ts', CLEAN);
    });

    it('should lint only those files and directories', async () => {
      // Act
      const result = await run(['--format', 'json', 'src/clean'], tmp.root);

      // Assert
      expect(result).to.deep.equal({ code: 0, stdout: '[]\n', stderr: '' });
    });

    it('should exit 2 for a path that is not in the project', async () => {
      // Act
      const result = await run(['elsewhere.ts'], tmp.root);

      // Assert
      expect(result.code).to.equal(2);
      expect(result.stdout).to.equal('');
      expect(result.stderr).to.match(/^ei-lint: ".*\/elsewhere\.ts" is not a file or directory of the project/);
    });
  });

  describe('when output goes to a terminal', () => {
    beforeEach(() => {
      tmp.write('tsconfig.json', TSCONFIG);
      tmp.write('src/b.ts', NO_REASON);
    });

    it('should colour stylish output unless NO_COLOR is set', async () => {
      // Act
      const tty = await run([], tmp.root, { isTTY: true });
      const noColor = await run([], tmp.root, { isTTY: true, env: { NO_COLOR: '1' } });

      // Assert
      expect(tty.stdout).to.contain('\u001b[31m');
      expect(noColor.stdout).to.not.contain('\u001b[');
    });

    it('should not colour with FORCE_COLOR=0, TERM=dumb or --no-color, and colour a pipe with --color or FORCE_COLOR=1', async () => {
      // Act
      const off = [
        await run([], tmp.root, { isTTY: true, env: { FORCE_COLOR: '0' } }),
        await run([], tmp.root, { isTTY: true, env: { TERM: 'dumb' } }),
        await run(['--no-color'], tmp.root, { isTTY: true, env: { FORCE_COLOR: '1' } }),
      ];
      const on = [await run(['--color'], tmp.root, { env: { NO_COLOR: '1' } }), await run([], tmp.root, { env: { FORCE_COLOR: '1' } })];

      // Assert
      for (const result of off) expect(result.stdout).to.not.contain('\u001b[');
      for (const result of on) expect(result.stdout).to.contain('\u001b[31m');
    });
  });

  describe('when --quiet is given', () => {
    beforeEach(() => {
      tmp.write('tsconfig.json', TSCONFIG);
      tmp.write('src/a.ts', UNUSED_DIRECTIVE);
    });

    it('should neither print warnings nor count them toward --max-warnings', async () => {
      // Act
      const loud = await run(['--max-warnings', '0', '--format', 'json'], tmp.root);
      const quiet = await run(['--quiet', '--max-warnings', '0', '--format', 'json'], tmp.root);
      const stylish = await run(['--quiet', '--max-warnings', '0'], tmp.root);

      // Assert
      expect(loud.code).to.equal(1);
      expect(quiet).to.deep.equal({ code: 0, stdout: '[]\n', stderr: '' });
      expect(stylish).to.deep.equal({ code: 0, stdout: '', stderr: '' });
    });

    it('should still print and count the errors', async () => {
      // Arrange
      tmp.write('src/b.ts', NO_REASON);

      // Act
      const result = await run(['--quiet', '--format', 'json'], tmp.root);

      // Assert
      expect(result.code).to.equal(1);
      expect((JSON.parse(result.stdout) as { file: string; severity: string }[]).map((f) => [f.file, f.severity])).to.deep.equal([['src/b.ts', 'error']]);
    });
  });

  describe('when -o/--output-file is given', () => {
    beforeEach(() => {
      tmp.write('tsconfig.json', TSCONFIG);
      tmp.write('src/b.ts', NO_REASON);
    });

    it('should write the report there, creating its directory, and nothing on stdout', async () => {
      // Act
      const toStdout = await run(['--format', 'sarif'], tmp.root);
      const toFile = await run(['--format', 'sarif', '-o', 'reports/ei-lint.sarif'], tmp.root);

      // Assert
      expect(toFile).to.deep.equal({ code: 1, stdout: '', stderr: '' });
      expect(readFileSync(path.join(tmp.root, 'reports/ei-lint.sarif'), 'utf8')).to.equal(toStdout.stdout);
    });

    it('should write an empty report too, so that a later step finds the file', async () => {
      // Arrange
      tmp.write('src/b.ts', CLEAN);
      const file = path.join(tmp.root, 'out.txt');
      tmp.write('out.txt', 'an older report');

      // Act
      const result = await run(['--output-file', file], tmp.root);

      // Assert
      expect(result).to.deep.equal({ code: 0, stdout: '', stderr: '' });
      expect(readFileSync(file, 'utf8')).to.equal('');
    });

    it('should not colour a stylish report in a file unless --color or FORCE_COLOR says so', async () => {
      // Act
      await run(['-o', 'plain.txt'], tmp.root, { isTTY: true });
      await run(['-o', 'forced.txt', '--color'], tmp.root, { isTTY: true });

      // Assert
      expect(readFileSync(path.join(tmp.root, 'plain.txt'), 'utf8')).to.contain('✖ 1 problem').and.not.contain('\u001b[');
      expect(readFileSync(path.join(tmp.root, 'forced.txt'), 'utf8')).to.contain('\u001b[31m');
    });

    it('should exit 2 naming the path when the file cannot be written', async () => {
      // Arrange: a file where the report's directory should be
      tmp.write('taken', 'a file');

      // Act
      const result = await run(['-o', 'taken/report.json', '--format', 'json'], tmp.root);

      // Assert
      expect(result.code).to.equal(2);
      expect(result.stdout).to.equal('');
      expect(result.stderr).to.match(/^ei-lint: --output-file is "taken\/report\.json": \S+\/taken\/report\.json cannot be written \(.*\); accepted: a file that can be created or replaced\n$/);
      expect(result.stderr).to.contain(path.join(tmp.root, 'taken', 'report.json'));
      expect(existsSync(path.join(tmp.root, 'taken', 'report.json'))).to.equal(false);
    });

    it('should refuse a directory that cannot be made under /proc, rather than hang (regression: Node 20\'s recursive mkdir never returned there)', () => {
      // Arrange: the bin itself, in a process of its own, bounded in time
      tmp.write('tsconfig.json', TSCONFIG);
      tmp.write('src/a.ts', 'export const a = 1;\n');
      const bin = path.resolve(__dirname, '../../../bin/ei-lint.js');

      // Act
      const result = spawnSync(process.execPath, [bin, '-o', '/proc/errinject-no-such/dir/report.json'], { cwd: tmp.root, encoding: 'utf8', timeout: 20_000 });

      // Assert
      expect(result.signal, 'ei-lint did not return').to.equal(null);
      expect(result.status).to.equal(2);
      expect(result.stderr).to.match(/^ei-lint: --output-file is "\/proc\/errinject-no-such\/dir\/report\.json": \/proc\/errinject-no-such\/dir\/report\.json cannot be written \(.*\); accepted: a file that can be created or replaced\n$/);
    });

    it('should say on stderr where the report went and what it holds, for a terminal', async () => {
      // Act
      const result = await run(['-o', 'report.txt'], tmp.root, { isTTY: true });

      // Assert
      expect(result).to.deep.equal({ code: 1, stdout: '', stderr: '✖ 1 problem (1 error, 0 warnings); report in report.txt\n' });
    });
  });

  describe('when a stylish run on a terminal finds nothing', () => {
    beforeEach(() => {
      tmp.write('tsconfig.json', TSCONFIG);
      tmp.write('src/add.ts', CLEAN);
      tmp.write('src/more/add.ts', CLEAN);
    });

    it('should say so in one line on stderr, with the number of files linted', async () => {
      // Act
      const tty = await run([], tmp.root, { isTTY: true });
      const one = await run(['src/add.ts'], tmp.root, { isTTY: true });

      // Assert
      expect(tty).to.deep.equal({ code: 0, stdout: '', stderr: '✔ no problems (2 files)\n' });
      expect(one.stderr).to.equal('✔ no problems (1 file)\n');
    });

    it('should say nothing off a terminal or in another format', async () => {
      // Act
      const pipe = await run([], tmp.root);
      const json = await run(['--format', 'json'], tmp.root, { isTTY: true });

      // Assert
      expect(pipe.stderr).to.equal('');
      expect(json).to.deep.equal({ code: 0, stdout: '[]\n', stderr: '' });
    });

    it('should say how many warnings --quiet left out, and colour the mark as stderr allows', async () => {
      // Arrange
      tmp.write('src/a.ts', UNUSED_DIRECTIVE);

      // Act
      const quiet = await run(['--quiet'], tmp.root, { isTTY: true });
      const coloured = await run(['--color'], tmp.root, { isTTY: true, env: {} });
      const cleanColoured = await run(['--color', 'src/add.ts'], tmp.root, { isTTY: true });

      // Assert
      expect(quiet).to.deep.equal({ code: 0, stdout: '', stderr: '✔ no errors (3 files; --quiet left out 1 warning)\n' });
      expect(coloured.stderr).to.equal('');
      expect(cleanColoured.stderr).to.equal('\u001b[32m✔\u001b[39m no problems (1 file)\n');
    });
  });

  describe('when a configuration applies', () => {
    it('should look for it from the tsconfig\'s directory up, not from the working directory', async () => {
      // Arrange: a bad configuration above the project, a good one in the working directory
      const bad = tmp.write('a/.eilintrc.json', { guards: 'isFailure' });
      tmp.write('a/app/tsconfig.json', TSCONFIG);
      tmp.write('a/app/src/add.ts', CLEAN);
      tmp.write('b/.eilintrc.json', {});

      // Act
      const result = await run(['-p', '../a/app'], path.join(tmp.root, 'b'));

      // Assert
      expect(result.code).to.equal(2);
      expect(result.stderr).to.equal(`ei-lint: ${bad}: guards is "isFailure"; accepted: an array of function names such as "isFailure" or "Result.isFailure"\n`);
    });

    it('should lint with a valid configuration', async () => {
      // Arrange
      tmp.write('package.json', { 'ei-lint': { rules: { 'ei/unchecked-call': 'warn' }, guards: ['isFailure'] } });
      tmp.write('app/tsconfig.json', TSCONFIG);
      tmp.write('app/src/add.ts', CLEAN);

      // Act
      const result = await run(['-p', 'app/tsconfig.json'], tmp.root);

      // Assert
      expect(result).to.deep.equal({ code: 0, stdout: '', stderr: '' });
    });

    it('should exit 2 when the configuration is invalid, naming the file', async () => {
      // Arrange
      tmp.write('app/tsconfig.json', TSCONFIG);
      tmp.write('app/src/add.ts', CLEAN);
      const rc = tmp.write('app/.eilintrc.json', { rules: { 'ei/unchecked-call': 'warning' } });

      // Act
      const result = await run(['-p', 'app'], tmp.root);

      // Assert
      expect(result).to.deep.equal({
        code: 2,
        stdout: '',
        stderr: `ei-lint: ${rc}: rules["ei/unchecked-call"] is "warning"; accepted: "off", "warn", "error"\n`,
      });
    });
  });

  describe('when it cannot run', () => {
    it('should exit 2 without a tsconfig, saying where it looked', async () => {
      // Act
      const missing = await run([], tmp.root);
      const missingDir = await run(['-p', 'nowhere'], tmp.root);

      // Assert
      expect(missing.code).to.equal(2);
      expect(missing.stdout).to.equal('');
      expect(missing.stderr).to.contain(`ei-lint: no tsconfig at "${path.join(tmp.root, 'tsconfig.json')}"`);
      expect(missingDir.code).to.equal(2);
      expect(missingDir.stderr).to.contain(path.join(tmp.root, 'nowhere'));
    });

    it('should exit 2 on a bad flag or value, before reading anything', async () => {
      // Act
      const badFlag = await run(['--fix'], tmp.root);
      const negative = await run(['--max-warnings', '-1'], tmp.root);
      const format = await run(['--format', 'xml'], tmp.root);

      // Assert
      expect(badFlag.code).to.equal(2);
      expect(badFlag.stderr).to.match(/^ei-lint: Unknown option '--fix'/);
      expect(negative).to.deep.equal({ code: 2, stdout: '', stderr: 'ei-lint: --max-warnings is "-1"; accepted: a non-negative integer (0, 1, 2, ...)\n' });
      expect(format.stderr).to.equal('ei-lint: --format is "xml"; accepted: stylish, json, sarif, github\n');
    });

    it('should exit 2 on an unexpected failure, asking for a report', async () => {
      // Arrange
      tmp.write('tsconfig.json', TSCONFIG);
      tmp.write('src/add.ts', CLEAN);
      let stderr = '';
      const io: CliIo = {
        stdout: {
          write: () => {
            throw new TypeError('stdout is gone');
          },
        },
        stderr: { write: (text: string) => (stderr += text) },
        cwd: tmp.root,
        env: {},
      };

      // Act
      const code = await main(['--version'], io);

      // Assert
      expect(code).to.equal(2);
      expect(stderr).to.match(/^ei-lint: internal error, please report it: TypeError: stdout is gone\n {4}at /);
    });

    it('should report a thrown value that is not an Error as it is', async () => {
      // Arrange
      let stderr = '';
      const io: CliIo = {
        stdout: {
          write: () => {
            throw 'a string'; // as a careless dependency may
          },
        },
        stderr: { write: (text: string) => (stderr += text) },
        cwd: tmp.root,
        env: {},
      };

      // Act
      const code = await main(['--help'], io);

      // Assert
      expect(code).to.equal(2);
      expect(stderr).to.equal('ei-lint: internal error, please report it: a string\n');
    });
  });
});
