import ts from 'typescript';

/** The error types the benchmark marks methods with, by the core's constant names. */
export type MarkType = 'EI_TYPE_TRUE' | 'EI_TYPE_ERRNO' | 'EI_TYPE_ERRNO_NULL' | 'EI_TYPE_NULL';

/** A file with its methods marked. */
export interface MarkedFile {
  /** The new text: the original with an import of the core and one decorator per marked method. */
  readonly text: string;
  /** How many methods were marked with each error type. */
  readonly marks: Readonly<Record<MarkType, number>>;
}

function isNullOrUndefined(type: ts.TypeNode): 'null' | 'undefined' | undefined {
  if (type.kind === ts.SyntaxKind.UndefinedKeyword) return 'undefined';
  if (ts.isLiteralTypeNode(type) && type.literal.kind === ts.SyntaxKind.NullKeyword) return 'null';
  return undefined;
}

/**
 * The error type a method is marked with, by its declared return type: `boolean` TRUE, `number`
 * ERRNO, a union with `number` and `null` ERRNO_NULL, any other union with `null` or `undefined`
 * NULL (where only `undefined` is there, `ei/type-mismatch` has a finding to report, as it would
 * in a real codebase that marked such a method). Anything else is left alone.
 *
 * @param type - the declared return type
 * @returns the error type, or `undefined`
 */
function markTypeOf(type: ts.TypeNode): MarkType | undefined {
  if (type.kind === ts.SyntaxKind.BooleanKeyword) return 'EI_TYPE_TRUE';
  if (type.kind === ts.SyntaxKind.NumberKeyword) return 'EI_TYPE_ERRNO';
  if (!ts.isUnionTypeNode(type)) return undefined;
  const empties = type.types.map(isNullOrUndefined);
  if (empties.every((empty) => empty === undefined) || empties.every((empty) => empty !== undefined)) return undefined;
  const hasNumber = type.types.some((member) => member.kind === ts.SyntaxKind.NumberKeyword);
  return hasNumber && empties.includes('null') ? 'EI_TYPE_ERRNO_NULL' : 'EI_TYPE_NULL';
}

/**
 * Marks methods of a TypeScript file as error-injectable, so that the linter has marks to check and
 * calls to follow: every class method with a body, a name that is not `#private`, and a declared
 * return type that `markTypeOf` maps to an error type gets `@AllowErrorInjection(EI_TYPE_…)`, and
 * the file imports what it uses from `@errinject/core`. Files without such a method are returned
 * unchanged.
 *
 * @param fileName - the file's name (for the parser)
 * @param text - its text
 * @returns the new text and how many methods were marked
 */
export function markMethods(fileName: string, text: string): MarkedFile {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const marks: Record<MarkType, number> = { EI_TYPE_TRUE: 0, EI_TYPE_ERRNO: 0, EI_TYPE_ERRNO_NULL: 0, EI_TYPE_NULL: 0 };
  const insertions: { at: number; type: MarkType }[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isMethodDeclaration(node) &&
      ts.isClassLike(node.parent) &&
      node.body !== undefined &&
      node.type !== undefined &&
      !ts.isPrivateIdentifier(node.name)
    ) {
      const type = markTypeOf(node.type);
      if (type !== undefined) {
        insertions.push({ at: node.getStart(file), type });
        marks[type]++;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  if (insertions.length === 0) return { text, marks };
  let marked = text;
  for (const { at, type } of [...insertions].sort((a, b) => b.at - a.at)) {
    marked = `${marked.slice(0, at)}@AllowErrorInjection(${type}) ${marked.slice(at)}`;
  }
  const used = (Object.keys(marks) as MarkType[]).filter((type) => marks[type] > 0);
  return { text: `import { AllowErrorInjection, ${used.join(', ')} } from '@errinject/core';\n${marked}`, marks };
}
