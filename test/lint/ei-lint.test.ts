import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { eiLint, root, version } from './eiLint';

describe('ei-lint', () => {
  describe('when run on examples/', () => {
    it('should find nothing and exit 0, in the stylish and json formats', () => {
      // Act
      const stylish = eiLint(['-p', 'examples']);
      const json = eiLint(['-p', 'examples/tsconfig.json', '--format', 'json', '--max-warnings', '0']);

      // Assert
      expect(stylish, stylish.stdout).to.deep.equal({ status: 0, stdout: '', stderr: '' });
      expect(json, json.stdout).to.deep.equal({ status: 0, stdout: '[]\n', stderr: '' });
    });
  });

  describe('when warnings are limited', () => {
    it('should exit 1 past --max-warnings even without errors', () => {
      // Arrange: a project whose only finding is the warning for a suppression that suppresses nothing
      const dir = mkdtempSync(path.join(os.tmpdir(), 'ei-lint-e2e-'));
      try {
        writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, types: [] }, files: ['a.ts'] }));
        writeFileSync(path.join(dir, 'a.ts'), '// ei-lint-disable-next-line ei/bad-usage -- nothing here\nexport const a = 1;\n');

        // Act
        const unlimited = eiLint(['-p', dir]);
        const limited = eiLint(['-p', dir, '--max-warnings', '0']);

        // Assert
        expect(unlimited.status).to.equal(0);
        expect(unlimited.stdout).to.contain('✖ 1 problem (0 errors, 1 warning)');
        expect(limited.status).to.equal(1);
        expect(limited.stderr).to.equal('ei-lint: 1 warning, more than --max-warnings 0 allows\n');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('when it cannot run', () => {
    it('should exit 2 without a tsconfig, saying where it looked', () => {
      // Act
      const result = eiLint(['-p', 'test/fixtures/no-such-project']);

      // Assert
      expect(result.status).to.equal(2);
      expect(result.stdout).to.equal('');
      expect(result.stderr).to.equal(`ei-lint: no tsconfig at "${path.join(root, 'test/fixtures/no-such-project')}"; give one with -p <tsconfig.json or directory>\n`);
    });

    it('should exit 2 on a bad flag or a bad value, naming it', () => {
      // Act
      const flag = eiLint(['-p', 'examples', '--fix']);
      const negative = eiLint(['-p', 'examples', '--max-warnings', '-1']);
      const format = eiLint(['-p', 'examples', '--format', 'checkstyle']);

      // Assert
      expect(flag.status).to.equal(2);
      expect(flag.stderr).to.match(/^ei-lint: Unknown option '--fix'/);
      expect(negative).to.deep.equal({ status: 2, stdout: '', stderr: 'ei-lint: --max-warnings is "-1"; accepted: a non-negative integer (0, 1, 2, ...)\n' });
      expect(format).to.deep.equal({ status: 2, stdout: '', stderr: 'ei-lint: --format is "checkstyle"; accepted: stylish, json, sarif, github\n' });
    });

    it('should exit 2 on a bad configuration, naming the file, the key and the value', () => {
      // Arrange
      const dir = mkdtempSync(path.join(os.tmpdir(), 'ei-lint-e2e-'));
      try {
        writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { noEmit: true, types: [] }, files: ['a.ts'] }));
        writeFileSync(path.join(dir, 'a.ts'), 'export const a = 1;\n');
        writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'x', 'ei-lint': { rules: { 'ei/unchecked-calls': 'error' } } }));

        // Act
        const result = eiLint(['-p', dir]);

        // Assert
        expect(result.status).to.equal(2);
        expect(result.stdout).to.equal('');
        expect(result.stderr).to.equal(
          `ei-lint: ${path.join(dir, 'package.json')}: "ei-lint".rules has an unknown rule "ei/unchecked-calls"; accepted: ei/type-mismatch, ei/unchecked-call, ei/state-before-error, ei/release-function, ei/bad-usage, ei/captured-method\n`,
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('when asked for its version or help', () => {
    it('should print them and exit 0', () => {
      // Act
      const v = eiLint(['--version']);
      const help = eiLint(['--help']);

      // Assert
      expect(v).to.deep.equal({ status: 0, stdout: `${version}\n`, stderr: '' });
      expect(help.status).to.equal(0);
      expect(help.stdout).to.match(/^Usage: ei-lint \[-p tsconfig\.json\]/);
    });
  });
});
