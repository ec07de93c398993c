import type { ts } from '@ts-morph/common';
import type { LintConfig } from '../config/LintConfig';
import type { Finding, Severity } from '../finding/Finding';
import { findingAt } from '../finding/findingAt';
import { InjectableIndex } from '../model/InjectableIndex';
import type { RuleContext, RuleReport } from '../rule/Rule';
import { RULES } from '../rules';
import { applySuppressions } from '../suppress/applySuppressions';
import { createLintChecker } from './createLintChecker';

function interpolate(template: string, data: Readonly<Record<string, string | number>> | undefined): string {
  if (data === undefined) return template;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}

/**
 * Compares findings by file, then position, then rule.
 *
 * @param a - a finding
 * @param b - another
 * @returns negative, zero or positive
 */
export function compareFindings(a: Finding, b: Finding): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

/**
 * Runs every rule that is not off over a program.
 *
 * @param program - the program
 * @param files - the files to lint, all of them in the program
 * @param config - the configuration
 * @returns the findings, sorted by file and position, and how many marks the program holds
 */
export function lintProgram(program: ts.Program, files: readonly ts.SourceFile[], config: LintConfig): { findings: Finding[]; injectableCount: number } {
  const programChecker = program.getTypeChecker();
  const injectables = new InjectableIndex(program, programChecker);
  const checker = createLintChecker(programChecker, injectables);
  const linted = new Set(files);
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const setting = config.rules[rule.id];
    if (setting === 'off') continue;
    // A finding a rule reports as a warning stays one unless the configuration gave the rule's setting.
    const given = config.configuredRules?.includes(rule.id) === true;
    const severityOf = (weight: Severity | undefined): Severity => (setting === 'warn' || (weight === 'warning' && !given) ? 'warning' : 'error');
    const context: RuleContext<string> = {
      program,
      checker,
      files,
      injectables,
      config,
      isLinted: (node) => linted.has(node.getSourceFile()),
      report: ({ node, messageId, data, severity }: RuleReport<string>) => {
        const file = node.getSourceFile();
        if (!linted.has(file)) return;
        findings.push(
          findingAt(file, node.getStart(file), node.getEnd(), {
            ruleId: rule.id,
            severity: severityOf(severity),
            message: interpolate(rule.messages[messageId] ?? messageId, data),
          }),
        );
      },
    };
    rule.check(context);
  }
  return { findings: applySuppressions(findings, files, config.rules).sort(compareFindings), injectableCount: injectables.all.length };
}
