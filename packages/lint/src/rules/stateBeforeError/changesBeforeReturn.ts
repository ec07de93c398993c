import { ts } from '@ts-morph/common';
import type { ChangeScanner } from './ChangeScanner';
import type { StateChange } from './StateChange';
import { terminates } from './terminates';

const contains = (outer: ts.Node, inner: ts.Node): boolean => inner.pos >= outer.pos && inner.end <= outer.end;

/**
 * Walks the paths from the start of a function to its first error return and collects the
 * changes of state made on them and not undone before that return.
 *
 * What is on the paths: the statements before the return in each block that encloses it, with the
 * conditions and loop headers evaluated on the way; inside those statements, every branch that can
 * complete normally (a branch that ends in `return` or `throw` does not reach the error return, so
 * what it changes does not count); in an enclosing loop, the whole body and the update as well (an
 * earlier iteration ran them); in an enclosing switch, the clauses that fall through into the one
 * that holds the return; in an enclosing `try`, its `finally` block (which runs before the return
 * completes) and, for a return in `catch`, the `try` block.
 *
 * An undoing statement (`ChangeScanner.restoreOf`) cancels the changes pending on the straight
 * path: one that runs on every path from the change to the return (a statement of the block that
 * holds the change or of a block enclosing the return, after the change). An undo inside a branch
 * cancels only the changes of that same branch: the branch may not run.
 *
 * @param body - the function's body
 * @param errorReturn - its first error return
 * @param scanner - finds changes and undos
 * @returns the changes not undone, in evaluation order; none when the return is dead code
 */
export function changesBeforeReturn(body: ts.Block, errorReturn: ts.ReturnStatement, scanner: ChangeScanner): StateChange[] {
  const pending: StateChange[] = [];
  const walker = new PathWalker(scanner, errorReturn);
  walker.descend(body, pending);
  return walker.unreachable ? [] : pending;
}

class PathWalker {
  /** Set when a statement before the error return always returns or throws: no path reaches it. */
  unreachable = false;

  constructor(
    private readonly scanner: ChangeScanner,
    private readonly target: ts.ReturnStatement,
  ) {}

  /** Walks a statement that holds the error return, up to it. */
  descend(statement: ts.Statement, pending: StateChange[]): void {
    if (statement === this.target) return;
    if (ts.isBlock(statement)) {
      this.descendList(statement.statements, pending);
    } else if (ts.isIfStatement(statement)) {
      this.scanner.scan(statement.expression, pending);
      this.descend(contains(statement.thenStatement, this.target) ? statement.thenStatement : statement.elseStatement!, pending);
    } else if (ts.isLabeledStatement(statement)) {
      this.descend(statement.statement, pending);
    } else if (ts.isIterationStatement(statement, false)) {
      this.descendLoop(statement, pending);
    } else if (ts.isSwitchStatement(statement)) {
      this.descendSwitch(statement, pending);
    } else if (ts.isTryStatement(statement)) {
      this.descendTry(statement, pending);
    }
  }

  private descendList(statements: readonly ts.Statement[], pending: StateChange[]): void {
    for (const statement of statements) {
      if (contains(statement, this.target)) {
        this.descend(statement, pending);
        return;
      }
      if (terminates(statement)) {
        this.unreachable = true;
        return;
      }
      this.apply(statement, pending);
    }
  }

  private descendLoop(loop: ts.IterationStatement, pending: StateChange[]): void {
    this.scanHeader(loop, pending);
    // Earlier iterations ran the whole body, and the update.
    pending.push(...this.branch(loop.statement));
    if (ts.isForStatement(loop) && loop.incrementor !== undefined) this.scanner.scan(loop.incrementor, pending);
    this.descend(loop.statement, pending);
  }

  private descendSwitch(statement: ts.SwitchStatement, pending: StateChange[]): void {
    this.scanner.scan(statement.expression, pending);
    const clauses = statement.caseBlock.clauses;
    const index = clauses.findIndex((clause) => contains(clause, this.target));
    let first = index;
    // Clauses that fall through into the return's clause ran before it.
    while (first > 0 && !clauses[first - 1]!.statements.some((s) => terminates(s) || ts.isBreakStatement(s) || ts.isContinueStatement(s))) first--;
    for (let i = 0; i <= index; i++) {
      const clause = clauses[i]!;
      if (ts.isCaseClause(clause)) this.scanner.scan(clause.expression, pending);
    }
    for (let i = first; i < index; i++) this.applyList(clauses[i]!.statements, pending);
    this.descendList(clauses[index]!.statements, pending);
  }

  private descendTry(statement: ts.TryStatement, pending: StateChange[]): void {
    const { tryBlock, catchClause, finallyBlock } = statement;
    if (contains(tryBlock, this.target)) {
      this.descend(tryBlock, pending);
    } else if (catchClause !== undefined && contains(catchClause, this.target)) {
      // Whatever the try block changed before it threw.
      pending.push(...this.branch(tryBlock, true));
      this.descend(catchClause.block, pending);
    } else {
      pending.push(...this.branch(tryBlock));
      if (catchClause !== undefined) pending.push(...this.branch(catchClause.block));
      this.descend(finallyBlock!, pending);
      return;
    }
    // `finally` runs before the return completes.
    if (finallyBlock !== undefined) this.apply(finallyBlock, pending);
  }

  /** The changes of a branch that reach past it: none when it cannot complete normally. */
  private branch(statement: ts.Statement, evenIfItTerminates = false): StateChange[] {
    if (!evenIfItTerminates && terminates(statement)) return [];
    const changes: StateChange[] = [];
    this.apply(statement, changes);
    return changes;
  }

  private applyList(statements: readonly ts.Statement[], pending: StateChange[]): void {
    for (const statement of statements) {
      if (terminates(statement)) return;
      this.apply(statement, pending);
    }
  }

  /** Walks a statement that does not hold the error return, on the straight path of `pending`. */
  private apply(statement: ts.Statement, pending: StateChange[]): void {
    if (ts.isBlock(statement)) {
      this.applyList(statement.statements, pending);
    } else if (ts.isExpressionStatement(statement)) {
      const restore = this.scanner.restoreOf(statement);
      if (restore !== undefined && (cancel(pending, restore.matches, restore.all) || restore.silent)) return;
      this.scanner.scan(statement.expression, pending);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (declaration.initializer !== undefined) this.scanner.scan(declaration.initializer, pending);
      }
    } else if (ts.isIfStatement(statement)) {
      this.scanner.scan(statement.expression, pending);
      pending.push(...this.branch(statement.thenStatement));
      if (statement.elseStatement !== undefined) pending.push(...this.branch(statement.elseStatement));
    } else if (ts.isLabeledStatement(statement)) {
      this.apply(statement.statement, pending);
    } else if (ts.isIterationStatement(statement, false)) {
      this.scanHeader(statement, pending);
      pending.push(...this.branch(statement.statement));
      if (ts.isForStatement(statement) && statement.incrementor !== undefined) this.scanner.scan(statement.incrementor, pending);
    } else if (ts.isSwitchStatement(statement)) {
      this.scanner.scan(statement.expression, pending);
      for (const clause of statement.caseBlock.clauses) {
        if (ts.isCaseClause(clause)) this.scanner.scan(clause.expression, pending);
        if (!clause.statements.some(terminates)) {
          const changes: StateChange[] = [];
          this.applyList(clause.statements, changes);
          pending.push(...changes);
        }
      }
    } else if (ts.isTryStatement(statement)) {
      pending.push(...this.branch(statement.tryBlock, true));
      if (statement.catchClause !== undefined) pending.push(...this.branch(statement.catchClause.block));
      if (statement.finallyBlock !== undefined) this.apply(statement.finallyBlock, pending);
    }
    // Declarations of functions and classes, break, continue, and the rest change nothing here.
  }

  private scanHeader(loop: ts.IterationStatement, pending: StateChange[]): void {
    if (ts.isForStatement(loop)) {
      if (loop.initializer !== undefined) this.scanner.scan(loop.initializer, pending);
      if (loop.condition !== undefined) this.scanner.scan(loop.condition, pending);
    } else if (ts.isForOfStatement(loop) || ts.isForInStatement(loop)) {
      this.scanner.scan(loop.expression, pending);
    } else {
      this.scanner.scan((loop as ts.WhileStatement | ts.DoStatement).expression, pending);
    }
  }
}

/**
 * Removes the changes an undo matches: the last one, or all of them.
 *
 * @returns whether any was removed
 */
function cancel(pending: StateChange[], matches: (change: StateChange) => boolean, all: boolean): boolean {
  let removed = false;
  for (let i = pending.length - 1; i >= 0; i--) {
    if (!matches(pending[i]!)) continue;
    pending.splice(i, 1);
    removed = true;
    if (!all) break;
  }
  return removed;
}
