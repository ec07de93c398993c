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

/**
 * A rule's help, as GitHub code scanning shows it beside an alert (`help.text` is required there,
 * `help.markdown` recommended): what the rule checks, how to silence one finding or configure the
 * rule, and where it is documented.
 */
function helpOf(id: string, description: string, configurable: boolean): { text: string; markdown: string } {
  const uri = helpUri(id);
  const what = description.endsWith('.') ? description : `${description}.`;
  const text = [
    `${id}: ${what}`,
    configurable
      ? `Fix the code, or suppress one finding with a comment on the line before it: // ei-lint-disable-next-line ${id} -- <reason>. The rule's setting ("off", "warn" or "error") is in .eilintrc.json or the "ei-lint" key of package.json.`
      : 'It cannot be configured or suppressed: fix the comment.',
    `Documentation: ${uri}`,
  ];
  const markdown = [
    `**${id}**: ${what}`,
    configurable
      ? `Fix the code, or suppress one finding with a comment on the line before it:\n\n\`\`\`ts\n// ei-lint-disable-next-line ${id} -- <reason>\n\`\`\`\n\nThe rule's setting (\`"off"\`, \`"warn"\` or \`"error"\`) is in \`.eilintrc.json\` or the \`"ei-lint"\` key of \`package.json\`.`
      : 'It cannot be configured or suppressed: fix the comment.',
    `[Documentation of ${id}](${uri})`,
  ];
  return { text: text.join('\n\n'), markdown: markdown.join('\n\n') };
}

function descriptor(id: string, description: string, level: 'error' | 'warning' | 'none', configurable: boolean): ReportingDescriptor {
  return {
    id,
    shortDescription: { text: firstSentence(description) },
    fullDescription: { text: description },
    defaultConfiguration: { level },
    help: helpOf(id, description, configurable),
    helpUri: helpUri(id),
    properties: { tags: ['correctness', 'error-handling'], 'problem.severity': level === 'error' ? 'error' : 'warning' },
  };
}

/** Every rule, then the suppression comments' id, as `tool.driver.rules`. */
function descriptors(): ReportingDescriptor[] {
  const levels = { error: 'error', warn: 'warning', off: 'none' } as const;
  return [
    ...RULES.map((rule) => descriptor(rule.id, rule.description, levels[DEFAULT_CONFIG.rules[rule.id]], true)),
    descriptor(SUPPRESSION_RULE_ID, SUPPRESSION_DESCRIPTION, 'error', false),
  ];
}

/** A relative file name as a URI reference: each part percent-encoded. */
function uriOf(file: string, cwd: string): string {
  return relativePath(file, cwd).split('/').map(encodeURIComponent).join('/');
}

/**
 * SARIF 2.1.0, as GitHub code scanning accepts it: one run of `ei-lint` that describes every rule
 * (descriptions, default level, `help` in text and markdown, `helpUri`, tags) and gives one result a
 * finding, located relative to `%SRCROOT%` (the working directory).
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
