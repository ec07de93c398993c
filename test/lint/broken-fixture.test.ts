import { expect } from 'chai';
import * as path from 'node:path';
import { eiLint, root, version, type JsonFinding, type Run } from './eiLint';

const BROKEN = 'test/fixtures/lint-broken';
const BROKEN_FILE = `${BROKEN}/src/device.ts`;

/** The findings `src/device.ts` is written to produce: one a rule, at the line its comment names. */
const EXPECTED = [
  { ruleId: 'ei/type-mismatch', severity: 'error', file: BROKEN_FILE, line: 8, column: 3 },
  { ruleId: 'ei/state-before-error', severity: 'error', file: BROKEN_FILE, line: 16, column: 5 },
  { ruleId: 'ei/release-function', severity: 'warning', file: BROKEN_FILE, line: 23, column: 3 },
  { ruleId: 'ei/bad-usage', severity: 'error', file: BROKEN_FILE, line: 36, column: 23 },
  { ruleId: 'ei/unchecked-call', severity: 'error', file: BROKEN_FILE, line: 42, column: 3 },
];

describe('ei-lint on test/fixtures/lint-broken', () => {
  describe('when run on a project that breaks every rule', () => {
    let json: Run;
    before(() => {
      json = eiLint(['-p', BROKEN, '--format', 'json']);
    });

    it('should exit 1 and print one finding a rule, where the fixture puts it, and honour the suppression', () => {
      // Act
      const findings = JSON.parse(json.stdout) as JsonFinding[];

      // Assert
      expect(json.status).to.equal(1);
      expect(json.stderr).to.equal('');
      expect(findings.map(({ ruleId, severity, file, line, column }) => ({ ruleId, severity, file, line, column })), json.stdout).to.deep.equal(
        [...EXPECTED].sort((a, b) => a.line - b.line),
      );
    });

    it('should print exactly the documented keys, with a message each', () => {
      // Act
      const findings = JSON.parse(json.stdout) as JsonFinding[];

      // Assert
      expect(findings).to.have.lengthOf(EXPECTED.length);
      for (const finding of findings) {
        expect(Object.keys(finding)).to.deep.equal(['ruleId', 'severity', 'file', 'line', 'column', 'message']);
        expect(finding.message).to.be.a('string').and.not.equal('');
      }
    });

    it('should print the same findings relative to another working directory', () => {
      // Act
      const fromFixture = eiLint(['--format', 'json'], path.join(root, BROKEN));

      // Assert
      expect(fromFixture.status).to.equal(1);
      expect((JSON.parse(fromFixture.stdout) as JsonFinding[]).map((f) => `${f.file}:${f.line}`)).to.deep.equal(
        (JSON.parse(json.stdout) as JsonFinding[]).map((f) => `src/device.ts:${f.line}`),
      );
    });

    it('should lint only the paths given', () => {
      // Act: src/clean.ts calls the same methods the right way
      const clean = eiLint(['-p', BROKEN, '--format', 'json', `${BROKEN}/src/clean.ts`]);

      // Assert
      expect(clean, clean.stdout).to.deep.equal({ status: 0, stdout: '[]\n', stderr: '' });
    });

    it('should exit 2 for a path that is not a file of the project', () => {
      // Act
      const outside = eiLint(['-p', BROKEN, `${BROKEN}/tsconfig.json`]);

      // Assert
      expect(outside.status).to.equal(2);
      expect(outside.stderr).to.equal(`ei-lint: "${root}/${BROKEN}/tsconfig.json" is not a file or directory of the project "${root}/${BROKEN}/tsconfig.json"\n`);
    });

    it('should print stylish output: the file, each finding with a code frame, and a summary', () => {
      // Act
      const stylish = eiLint(['-p', BROKEN]);

      // Assert
      expect(stylish.status).to.equal(1);
      const lines = stylish.stdout.split('\n');
      expect(lines[0]).to.equal(BROKEN_FILE);
      for (const finding of EXPECTED) {
        expect(stylish.stdout).to.match(new RegExp(`\\n  ${finding.line}:${finding.column} +${finding.severity} +.+  ${finding.ruleId}\\n    ${finding.line} \\| `));
      }
      expect(stylish.stdout).to.not.contain('\u001b[');
      expect(lines.filter((line) => /^ +\| +\^+$/.test(line))).to.have.length(EXPECTED.length);
      expect(stylish.stdout.endsWith('✖ 5 problems (4 errors, 1 warning)\n')).to.equal(true);
    });

    it('should print SARIF 2.1.0 with one result a finding, located relative to %SRCROOT%', () => {
      // Act
      const sarif = eiLint(['-p', BROKEN, '--format', 'sarif']);
      const log = JSON.parse(sarif.stdout) as {
        $schema: string;
        version: string;
        runs: {
          tool: { driver: { name: string; version: string; rules: { id: string }[] } };
          originalUriBaseIds: Record<string, { uri: string }>;
          results: { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; startColumn: number } } }[] }[];
        }[];
      };

      // Assert
      expect(sarif.status).to.equal(1);
      expect(log.version).to.equal('2.1.0');
      expect(log.$schema).to.match(/^https:\/\/.*sarif.*2\.1\.0.*\.json$/);
      expect(log.runs).to.have.length(1);
      const run = log.runs[0]!;
      expect(run.tool.driver).to.include({ name: 'ei-lint', version });
      expect(run.originalUriBaseIds['%SRCROOT%']!.uri).to.equal(`file://${root}/`);
      expect(
        run.results.map((r) => ({
          ruleId: r.ruleId,
          rule: run.tool.driver.rules[r.ruleIndex]!.id,
          level: r.level,
          uri: r.locations[0]!.physicalLocation.artifactLocation.uri,
          base: r.locations[0]!.physicalLocation.artifactLocation.uriBaseId,
          at: `${r.locations[0]!.physicalLocation.region.startLine}:${r.locations[0]!.physicalLocation.region.startColumn}`,
        })),
      ).to.deep.equal(
        [...EXPECTED]
          .sort((a, b) => a.line - b.line)
          .map((f) => ({ ruleId: f.ruleId, rule: f.ruleId, level: f.severity, uri: BROKEN_FILE, base: '%SRCROOT%', at: `${f.line}:${f.column}` })),
      );
    });

    it('should print one GitHub annotation a finding', () => {
      // Act
      const github = eiLint(['-p', BROKEN, '--format', 'github']);

      // Assert
      expect(github.status).to.equal(1);
      const lines = github.stdout.trimEnd().split('\n');
      expect(lines.map((line) => /^::(error|warning) file=([^,]+),line=(\d+),col=(\d+),endLine=\d+,endColumn=\d+,title=(ei\/[a-z-]+)::.+$/.exec(line)?.slice(1).join(' '))).to.deep.equal(
        [...EXPECTED].sort((a, b) => a.line - b.line).map((f) => `${f.severity} ${f.file} ${f.line} ${f.column} ${f.ruleId}`),
      );
    });
  });

});
