import { ts } from '@ts-morph/common';
import type { RuleSetting } from '../config/LintConfig';
import { RULE_IDS, SUPPRESSION_RULE_ID, type Finding, type RuleId, type Severity } from '../finding/Finding';
import { findingAt } from '../finding/findingAt';
import { findDirectives } from './findDirectives';
import type { SourceText } from './SourceText';
import type { DirectivePart, SuppressionDirective } from './SuppressionDirective';

/** The one directive ei-lint knows. */
export const DISABLE_NEXT_LINE = 'ei-lint-disable-next-line';

const ACCEPTED_RULES = RULE_IDS.join(', ');

function isRuleId(text: string): text is RuleId {
  return (RULE_IDS as readonly string[]).includes(text);
}

/** The prototype of the source files the bundled compiler makes: a file that has it is parsed already. */
const SOURCE_FILE_PROTOTYPE: unknown = Object.getPrototypeOf(ts.createSourceFile('prototype.ts', '', ts.ScriptTarget.Latest));

/**
 * The file as the bundled compiler parsed it: itself when it is one of its source files (the engine's),
 * else parsed from its text (a plain `{ fileName, text }`, or a source file of another copy of the
 * compiler, whose syntax kinds may be numbered differently).
 */
function parsed(file: SourceText): ts.SourceFile {
  if (Object.getPrototypeOf(file) === SOURCE_FILE_PROTOTYPE) return file as ts.SourceFile;
  return ts.createSourceFile(file.fileName, file.text, ts.ScriptTarget.Latest, true);
}

function finding(file: ts.SourceFile, at: DirectivePart, severity: Severity, message: string): Finding {
  return findingAt(file, at.pos, at.end, { ruleId: SUPPRESSION_RULE_ID, severity, message });
}

/** What is wrong with a directive that makes it suppress nothing, as findings; none when it is valid. */
function problems(file: ts.SourceFile, directive: SuppressionDirective): Finding[] {
  if (directive.name.text !== DISABLE_NEXT_LINE) {
    return [finding(file, directive.name, 'error', `"${directive.name.text}" is not a directive of ei-lint; accepted: ${DISABLE_NEXT_LINE}`)];
  }
  const found: Finding[] = [];
  if (directive.rules.length === 0) {
    found.push(finding(file, directive.comment, 'error', `${DISABLE_NEXT_LINE} names no rule, so it suppresses nothing; accepted: one or more of ${ACCEPTED_RULES}, separated by commas`));
  }
  for (const rule of directive.rules) {
    if (!isRuleId(rule.text)) {
      found.push(finding(file, rule, 'error', `"${rule.text}" is not a rule of ei-lint, so this ${DISABLE_NEXT_LINE} suppresses nothing; accepted: ${ACCEPTED_RULES}`));
    }
  }
  if (directive.reason === undefined || directive.reason === '') {
    found.push(finding(file, directive.comment, 'error', `${DISABLE_NEXT_LINE} needs a reason after " -- " (${DISABLE_NEXT_LINE} <rule> -- <why the finding is wrong here>), so it suppresses nothing`));
  }
  return found;
}

/**
 * Applies the `// ei-lint-disable-next-line <rule>[, <rule>...] -- <reason>` comments of the
 * linted files. A directive suppresses the findings of the rules it names that start on the line
 * after its own (the next line, blank or not, as ESLint does). It is reported as
 * `ei/suppression`, and suppresses nothing, when it has no reason, names no rule or a rule that
 * does not exist, or is not `ei-lint-disable-next-line` (errors); and, as a warning, for each rule
 * it names that reports nothing on that line, unless that rule is off.
 *
 * @param findings - the rules' findings
 * @param files - the linted files: their names (as the findings give them) and text; the compiler's
 *   source files are used as they are, anything else is parsed
 * @param rules - each rule's setting (default: every rule on), so that a directive naming a rule
 *   that is off is not reported as unused
 * @returns the findings that remain, with the findings about the directives, unsorted
 */
export function applySuppressions(
  findings: readonly Finding[],
  files: readonly SourceText[],
  rules?: Readonly<Record<RuleId, RuleSetting>>,
): Finding[] {
  const suppressed = new Set<Finding>();
  const reported: Finding[] = [];
  for (const given of files) {
    if (!given.text.includes('ei-lint-')) continue;
    const file = parsed(given);
    const directives = findDirectives(file);
    if (directives.length === 0) continue;
    const inFile = findings.filter((f) => f.file === file.fileName);
    for (const directive of directives) {
      const invalid = problems(file, directive);
      if (invalid.length > 0) {
        reported.push(...invalid);
        continue;
      }
      const line = file.getLineAndCharacterOfPosition(directive.comment.pos).line + 2;
      for (const rule of directive.rules) {
        const matches = inFile.filter((f) => f.line === line && f.ruleId === rule.text);
        for (const match of matches) suppressed.add(match);
        if (matches.length === 0 && rules?.[rule.text as RuleId] !== 'off') {
          reported.push(finding(file, rule, 'warning', `${DISABLE_NEXT_LINE} names ${rule.text}, but ${rule.text} reports nothing on line ${line}; remove it from the directive`));
        }
      }
    }
  }
  return [...findings.filter((f) => !suppressed.has(f)), ...reported];
}
