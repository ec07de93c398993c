import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { expect } from 'chai';
import { formatSarif, SARIF_SCHEMA } from '../../src/format/formatSarif';
import { RULE_IDS } from '../../src/finding/Finding';
import { CWD, FINDINGS } from './findings';
import { assertSarifShape } from './sarifShape';

const VERSION = (JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as { version: string }).version;

interface Log {
  runs: {
    tool: { driver: { name: string; version: string; informationUri: string; rules: { id: string; defaultConfiguration: { level: string }; help: { text: string; markdown: string }; helpUri: string }[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: unknown } }[] }[];
  }[];
}

describe('formatSarif', () => {
  describe('when findings are printed', () => {
    const log = JSON.parse(formatSarif(FINDINGS, { cwd: CWD })) as Log;

    it('should write a log of the shape SARIF 2.1.0 and GitHub code scanning require', () => {
      // Assert
      assertSarifShape(log);
      expect(log).to.include({ $schema: SARIF_SCHEMA, version: '2.1.0' });
    });

    it('should describe ei-lint and every rule, the suppression comments too', () => {
      // Arrange
      const driver = log.runs[0]!.tool.driver;

      // Assert
      expect(driver).to.include({ name: 'ei-lint', version: VERSION, informationUri: 'https://www.npmjs.com/package/@errinject/lint' });
      expect(driver.rules.map((r) => r.id)).to.deep.equal([...RULE_IDS, 'ei/suppression']);
      expect(driver.rules.map((r) => r.defaultConfiguration.level)).to.deep.equal(['error', 'error', 'error', 'warning', 'error', 'error', 'error']);
      expect(driver.rules[1]!.helpUri).to.equal('https://www.npmjs.com/package/@errinject/lint#eiunchecked-call');
    });

    it('should give one result a finding, located relative to %SRCROOT%, the working directory', () => {
      // Arrange
      const run = log.runs[0]!;

      // Assert
      expect(run.originalUriBaseIds).to.deep.equal({ '%SRCROOT%': { uri: 'file:///work/project/' } });
      expect(run.results.map((r) => [r.ruleId, r.ruleIndex, r.level, r.message.text])).to.deep.equal([
        ['ei/unchecked-call', 1, 'error', FINDINGS[0]!.message],
        ['ei/release-function', 3, 'warning', FINDINGS[1]!.message],
        ['ei/suppression', 6, 'error', FINDINGS[2]!.message],
      ]);
      expect(run.results[1]!.locations).to.deep.equal([
        {
          physicalLocation: {
            artifactLocation: { uri: 'src/store.ts', uriBaseId: '%SRCROOT%' },
            region: { startLine: 3, startColumn: 3, endLine: 4, endColumn: 2 },
          },
        },
      ]);
    });

    it('should percent-encode file names into URI references', () => {
      // Act
      const encoded = JSON.parse(formatSarif([{ ...FINDINGS[0]!, file: '/work/project/my src/a#1.ts' }], { cwd: '/work/project/' })) as Log;

      // Assert
      assertSarifShape(encoded);
      expect(encoded.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).to.equal('my%20src/a%231.ts');
    });
  });

  describe('when GitHub code scanning shows a rule\'s help', () => {
    const rules = (JSON.parse(formatSarif([], { cwd: CWD })) as Log).runs[0]!.tool.driver.rules;

    it('should give every rule help in text and markdown, naming it and linking its section', () => {
      // Assert
      for (const rule of rules) {
        const anchor = rule.id.replace('/', '');
        expect(rule.helpUri, rule.id).to.equal(`https://www.npmjs.com/package/@errinject/lint#${anchor}`);
        expect(rule.help.text, rule.id).to.contain(rule.id).and.contain(rule.helpUri);
        expect(rule.help.markdown, rule.id).to.contain(`**${rule.id}**`).and.contain(`](${rule.helpUri})`);
      }
    });

    it('should tell how to suppress a rule\'s finding, and that ei/suppression cannot be', () => {
      // Assert
      for (const rule of rules.slice(0, -1)) expect(rule.help.markdown, rule.id).to.contain(`// ei-lint-disable-next-line ${rule.id} -- <reason>`);
      expect(rules.at(-1)!.help.text).to.contain('cannot be configured or suppressed').and.not.contain('ei-lint-disable-next-line ei/suppression');
    });

    it('should link sections the README has', () => {
      // Arrange: GitHub's and npm's anchors of the README's headings, `### \`ei/unchecked-call\``
      const readme = readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
      const anchors = new Set([...readme.matchAll(/^#+ (.+)$/gm)].map((m) => m[1]!.toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-')));

      // Assert
      for (const rule of rules) expect(anchors, rule.id).to.include(rule.helpUri.split('#')[1]);
    });
  });

  describe('when nothing was found', () => {
    it('should still write a whole log, with no result', () => {
      // Act
      const log = JSON.parse(formatSarif([], { cwd: CWD })) as Log;

      // Assert
      assertSarifShape(log);
      expect(log.runs[0]!.results).to.deep.equal([]);
    });
  });

  describe('when the shape check is given a broken log', () => {
    it('should refuse it, so that it can catch a broken formatter', () => {
      // Arrange
      const good = (): Log & Record<string, unknown> => JSON.parse(formatSarif(FINDINGS, { cwd: CWD })) as Log & Record<string, unknown>;
      const noDriverName = good();
      noDriverName.runs[0]!.tool.driver.name = '';
      const badIndex = good();
      badIndex.runs[0]!.results[0]!.ruleIndex = 0;
      const extra = good();
      extra['runId'] = 1;
      const noRegion = good();
      delete (noRegion.runs[0]!.results[0]!.locations[0]!.physicalLocation as { region?: unknown }).region;
      const noHelp = good();
      delete (noHelp.runs[0]!.tool.driver.rules[2] as { help?: unknown }).help;
      const noMarkdown = good();
      noMarkdown.runs[0]!.tool.driver.rules[0]!.help.markdown = '';

      // Act, assert
      for (const broken of [noDriverName, badIndex, extra, noRegion, noHelp, noMarkdown]) expect(() => assertSarifShape(broken)).to.throw();
    });
  });
});
