import type { Finding } from '../../src/finding/Finding';

/** The working directory the format tests print relative to. */
export const CWD = '/work/project';

/** Source text of the files the findings are in. */
export const SOURCES: Readonly<Record<string, string>> = {
  '/work/project/src/store.ts': 'export class Store {\n\tconst fd = this.open(path);\n  x!.y;\n}\n',
  '/work/project/src/user.ts': 'store.open(p);\n',
};

/** Three findings in two files, as the engine gives them: sorted, absolute file names. */
export const FINDINGS: readonly Finding[] = [
  {
    ruleId: 'ei/unchecked-call',
    severity: 'error',
    file: '/work/project/src/store.ts',
    line: 2,
    column: 13,
    endLine: 2,
    endColumn: 28,
    message: 'the result of Store.open is used before its failure is checked',
  },
  {
    ruleId: 'ei/release-function',
    severity: 'warning',
    file: '/work/project/src/store.ts',
    line: 3,
    column: 3,
    endLine: 4,
    endColumn: 2,
    message: 'release functions should not be error-injectable',
  },
  {
    ruleId: 'ei/suppression',
    severity: 'error',
    file: '/work/project/src/user.ts',
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 15,
    message: 'a 100% bad, message:\nwith, two lines\r',
  },
];
