import { expect } from 'chai';
import { parseCliArgs } from '../../src/cli/parseCliArgs';
import { LintError } from '../../src/errors/LintError';

function refusal(argv: readonly string[]): LintError {
  try {
    parseCliArgs(argv);
  } catch (error) {
    expect(error).to.be.instanceOf(LintError);
    return error as LintError;
  }
  throw new Error(`${JSON.stringify(argv)} was accepted`);
}

describe('parseCliArgs', () => {
  describe('when nothing is given', () => {
    it('should lint ./tsconfig.json in the stylish format with no warning limit', () => {
      // Act, assert
      expect(parseCliArgs([])).to.deep.equal({ project: 'tsconfig.json', format: 'stylish', maxWarnings: undefined, quiet: false, outputFile: undefined, help: false, version: false, color: undefined, paths: [] });
    });
  });

  describe('when every option is given', () => {
    it('should read long and short forms, values after = or as the next argument, and paths', () => {
      // Act, assert
      expect(parseCliArgs(['-p', 'examples', '--format', 'json', '--max-warnings', '0', 'src/a.ts', 'src/b'])).to.deep.equal({
        project: 'examples',
        format: 'json',
        maxWarnings: 0,
        quiet: false,
        outputFile: undefined,
        help: false,
        version: false,
        color: undefined,
        paths: ['src/a.ts', 'src/b'],
      });
      expect(parseCliArgs(['--project=x/tsconfig.json', '--format=sarif', '--max-warnings=12', '--quiet', '--output-file=out/report.sarif', '-h', '-v'])).to.deep.equal({
        project: 'x/tsconfig.json',
        format: 'sarif',
        maxWarnings: 12,
        quiet: true,
        outputFile: 'out/report.sarif',
        help: true,
        version: true,
        color: undefined,
        paths: [],
      });
    });

    it('should take every argument after -- as a path', () => {
      // Act, assert
      expect(parseCliArgs(['--format', 'github', '--', '-odd.ts', '--help', '-V']).paths).to.deep.equal(['-odd.ts', '--help', '-V']);
    });

    it('should take -V for the version, as failcmd and ei-ctl do', () => {
      expect(parseCliArgs(['-V']).version).to.equal(true);
    });

    it('should read -o as --output-file', () => {
      expect(parseCliArgs(['-o', 'report.txt']).outputFile).to.equal('report.txt');
      expect(parseCliArgs(['-oreport.txt']).outputFile).to.equal('report.txt');
    });

    it('should let the last of --color and --no-color count', () => {
      expect(parseCliArgs(['--color']).color).to.equal(true);
      expect(parseCliArgs(['--no-color']).color).to.equal(false);
      expect(parseCliArgs(['--no-color', 'src', '--color']).color).to.equal(true);
      expect(parseCliArgs(['--color', '--no-color']).color).to.equal(false);
    });
  });

  describe('when an option is unknown or misses its value', () => {
    it('should refuse it with ERR_USAGE and point at --help', () => {
      // Act
      const unknown = refusal(['--fix']);
      const missing = refusal(['--format']);

      // Assert
      expect(unknown.code).to.equal('ERR_USAGE');
      expect(unknown.message).to.match(/Unknown option '--fix'.*\(see ei-lint --help\)$/s);
      expect(missing.code).to.equal('ERR_USAGE');
      expect(missing.message).to.contain("'--format <value>' argument missing");
    });
  });

  describe('when a value is not accepted', () => {
    it('should name the option, the value and what is accepted', () => {
      // Act, assert
      expect(refusal(['--format', 'xml']).message).to.equal('--format is "xml"; accepted: stylish, json, sarif, github');
      expect(refusal(['--format=']).message).to.equal('--format is ""; accepted: stylish, json, sarif, github');
      expect(refusal(['--project=']).message).to.equal('--project is ""; accepted: a tsconfig.json or the directory that holds one');
      expect(refusal(['--output-file=']).message).to.equal('--output-file is ""; accepted: a file to write the report to');
      expect(refusal(['-o', '--quiet']).message).to.equal('-o is "--quiet"; accepted: a file to write the report to');
      expect(refusal(['--quiet=yes']).code).to.equal('ERR_USAGE');
      for (const value of ['abc', '1.5', '1e3', '+1', ' 1', '', '99999999999999999999']) {
        const error = refusal([`--max-warnings=${value}`]);
        expect(error.code).to.equal('ERR_INVALID_ARG_VALUE');
        expect(error.message).to.equal(`--max-warnings is ${JSON.stringify(value)}; accepted: a non-negative integer (0, 1, 2, ...)`);
      }
    });

    it('should refuse a value that starts with - as a value, not read it as a flag', () => {
      // Act, assert
      expect(refusal(['--max-warnings', '-1']).message).to.equal('--max-warnings is "-1"; accepted: a non-negative integer (0, 1, 2, ...)');
      expect(refusal(['--max-warnings=-1']).message).to.equal('--max-warnings is "-1"; accepted: a non-negative integer (0, 1, 2, ...)');
      expect(refusal(['--format', '--help']).message).to.equal('--format is "--help"; accepted: stylish, json, sarif, github');
      expect(refusal(['-p', '-x']).message).to.equal('-p is "-x"; accepted: a tsconfig.json or the directory that holds one');
      expect(refusal(['--project', '-x']).code).to.equal('ERR_INVALID_ARG_VALUE');
    });

    it('should take - alone as a value', () => {
      // Act, assert
      expect(parseCliArgs(['-p', '-']).project).to.equal('-');
    });
  });
});
