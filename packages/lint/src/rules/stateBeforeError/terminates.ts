import { ts } from '@ts-morph/common';

/**
 * Tells whether a statement never completes normally: it returns or throws on every path. Loops
 * never count (a `break` may leave them), nor do `break` and `continue` (the code after the loop or
 * switch runs next).
 *
 * @param statement - a statement
 * @returns whether control never passes to the statement after it
 */
export function terminates(statement: ts.Statement): boolean {
  if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement)) return true;
  if (ts.isBlock(statement)) return statement.statements.some(terminates);
  if (ts.isIfStatement(statement)) return statement.elseStatement !== undefined && terminates(statement.thenStatement) && terminates(statement.elseStatement);
  if (ts.isLabeledStatement(statement)) return terminates(statement.statement);
  if (ts.isTryStatement(statement)) {
    const body = terminates(statement.tryBlock) && (statement.catchClause === undefined || terminates(statement.catchClause.block));
    return body || (statement.finallyBlock !== undefined && terminates(statement.finallyBlock));
  }
  if (ts.isSwitchStatement(statement)) {
    const clauses = statement.caseBlock.clauses;
    const last = clauses[clauses.length - 1];
    return (
      clauses.some(ts.isDefaultClause) &&
      last !== undefined &&
      last.statements.length > 0 &&
      clauses.every((clause) => clause.statements.length === 0 || clause.statements.some(terminates))
    );
  }
  return false;
}
