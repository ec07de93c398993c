import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { DEFAULT_CONFIG } from '../config/LintConfig';
import { SUPPRESSION_RULE_ID, type Finding } from '../finding/Finding';
import { RULES } from '../rules';
import type { FormatOptions } from './FormatOptions';
import { relativePath } from './relativePath';
import { helpUri, TOOL_INFO } from './toolInfo';

/** The schema GitHub code scanning and the SARIF tools validate against. */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** The URI base the results' locations are relative to: the root of the sources. */
const SRCROOT = '%SRCROOT%';

const SUPPRESSION_DESCRIPTION =
  'Suppression comments: an ei-lint-disable-next-line comment needs a reason after " -- " and existing rule ids (errors), and is reported when it suppresses nothing (a warning).';

function firstSentence(text: string): string {
  const end = text.search(/\.(\s|$)/);
  return end === -1 ? text : text.slice(0, end + 1);
}

function descriptor(id: string, description: string, level: 'error' | 'warning' | 'none'): ReportingDescriptor {
  return {
    id,
    shortDescription: { text: firstSentence(description) },
    fullDescription: { text: description },
    defaultConfiguration: { level },
    helpUri: helpUri(id),
  };
}

/** Every rule, then the suppression comments' id, as `tool.driver.rules`. */
function descriptors(): ReportingDescriptor[] {
  const levels = { error: 'error', warn: 'warning', off: 'none' } as const;
  return [
    ...RULES.map((rule) => descriptor(rule.id, rule.description, levels[DEFAULT_CONFIG.rules[rule.id]])),
    descriptor(SUPPRESSION_RULE_ID, SUPPRESSION_DESCRIPTION, 'error'),
  ];
}

/** A relative file name as a URI reference: each part percent-encoded. */
function uriOf(file: string, cwd: string): string {
  return relativePath(file, cwd).split('/').map(encodeURIComponent).join('/');
}

/**
 * SARIF 2.1.0, as GitHub code scanning accepts it: one run of `ei-lint` that describes every rule
 * and gives one result a finding, located relative to `%SRCROOT%` (the working directory).
 *
 * @param findings - the findings
 * @param options - the working directory
 * @returns the SARIF log, as indented JSON with a final newline
 */
export function formatSarif(findings: readonly Finding[], options: FormatOptions): string {
  const rules = descriptors();
  const indexOf = new Map(rules.map((rule, index) => [rule.id, index]));
  const results: Result[] = findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: indexOf.get(f.ruleId)!,
    level: f.severity,
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: uriOf(f.file, options.cwd), uriBaseId: SRCROOT },
          region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
        },
      },
    ],
  }));
  const cwd = pathToFileURL(options.cwd).href;
  const log: Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: TOOL_INFO.name, version: TOOL_INFO.version, semanticVersion: TOOL_INFO.version, informationUri: TOOL_INFO.informationUri, rules } },
        originalUriBaseIds: { [SRCROOT]: { uri: cwd.endsWith('/') ? cwd : `${cwd}/` } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
