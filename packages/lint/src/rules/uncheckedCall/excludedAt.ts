import { ts } from '@ts-morph/common';
import { Component } from './Component';
import { excludedWhen, type Subject } from './excludedWhen';
import { exits } from './exits';
import { narrowingPredicateOf } from './narrowingPredicateOf';
import { chainKey } from './Reference';

/**
 * The dataflow of ei/unchecked-call for what the checker's narrowing does not follow (errno
 * numbers, guards that are not type predicates): what the checks between a value's definition and
 * one of its reads exclude there. It walks up from the read to the definition through the syntax:
 * the branches of `if`, `?:`, `&&`, `||` and loops the read sits in, and the statements before it
 * that leave when a check fails (`if (r < 0) return r;`, `throw`, `break`, `continue`, a call that
 * returns `never`), or assert (`assert(r >= 0)`, a configured guard as a statement).
 */

/** What a statement that comes before a read says of the value on the paths that get past it. */
function factsAfter(statement: ts.Statement, subject: Subject): number {
  const checker = subject.env.checker;
  if (ts.isIfStatement(statement)) {
    // When both branches leave, nothing after is reached: either branch's facts will do.
    if (exits(statement.thenStatement, checker)) return excludedWhen(statement.expression, false, subject);
    if (statement.elseStatement !== undefined && exits(statement.elseStatement, checker)) return excludedWhen(statement.expression, true, subject);
    return 0;
  }
  // `while (r < 0) { …; return r; }`: past the loop, its condition is false.
  if (ts.isWhileStatement(statement) && exits(statement.statement, checker)) return excludedWhen(statement.expression, false, subject);
  if (ts.isExpressionStatement(statement) && ts.isCallExpression(statement.expression)) {
    const call = statement.expression;
    const name = chainKey(call.expression);
    const first = call.arguments[0];
    if ((name === 'assert' || name === 'assert.ok' || name === 'assert.strict') && first !== undefined) return excludedWhen(first, true, subject);
    if (first !== undefined && subject.matches(first) && subject.env.guardKindOf(call) === 'configured') return subject.model.failure;
    // An assertion function on the value (`assertNode(x)`): past it, its predicate holds.
    if (call.arguments.some((argument) => subject.matches(argument)) && narrowingPredicateOf(call, checker)?.asserts === true) return excludedWhen(call, true, subject);
  }
  return 0;
}

function contains(outer: ts.Node, inner: ts.Node): boolean {
  return outer.pos <= inner.pos && inner.end <= outer.end;
}

function statementsOf(node: ts.Node): readonly ts.Statement[] | undefined {
  if (ts.isBlock(node) || ts.isSourceFile(node) || ts.isModuleBlock(node) || ts.isCaseClause(node) || ts.isDefaultClause(node)) return node.statements;
  return undefined;
}

/** The statement, in a list of statements, that holds a node. */
function statementOf(node: ts.Node): ts.Statement {
  let current = node;
  while (statementsOf(current.parent) === undefined) current = current.parent;
  return current as ts.Statement;
}

/**
 * The statement that holds a block, when leaving the block leads straight to the statement's
 * end: a branch of `if`, a part of `try`, a bare block. Not a loop's body, a switch clause or a
 * function, where `break`, `continue` or `return` leave elsewhere.
 */
function joiningStatement(block: ts.Node): ts.Statement | undefined {
  const parent = block.parent;
  if (ts.isIfStatement(parent) || ts.isTryStatement(parent)) return parent;
  if (ts.isCatchClause(parent)) return parent.parent;
  if (ts.isBlock(block) && statementsOf(parent) !== undefined) return block;
  return undefined;
}

function inLoopOrClause(statement: ts.Statement): boolean {
  const list = statement.parent;
  return ts.isCaseOrDefaultClause(list) || (ts.isBlock(list) && ts.isIterationStatement(list.parent, false));
}

/**
 * What the statements after the definition say on the paths that get past them, in its own
 * block nested in `outer` and in the blocks around it up to `outer` where the branches join
 * (`if (a) { r = f(); if (r < 0) return r; } use(r)`; `if (a) { …; } else { r = f(); } if (r < 0)
 * return r;` inside an outer branch).
 */
function factsAfterDefinition(definition: ts.Node, outer: ts.Statement, subject: Subject): number {
  let statement: ts.Statement | undefined = statementOf(definition);
  if (statement === outer) return 0;
  let facts = ts.isIfStatement(statement) && contains(statement.expression, definition) ? factsAfter(statement, subject) : 0;
  while (statement !== undefined && statement !== outer) {
    const statements = statementsOf(statement.parent)!;
    for (let i = statements.indexOf(statement) + 1; i < statements.length; i += 1) facts |= factsAfter(statements[i]!, subject);
    // Up to the statement around this block, while its branches join right after it.
    const joining = joiningStatement(statement.parent);
    statement = joining === undefined ? undefined : statementOf(joining);
    // Not into a loop's body or a switch clause, whose `break` and `continue` leave past the checks.
    if (statement !== undefined && statement !== outer && inLoopOrClause(statement)) statement = undefined;
  }
  return facts;
}

/**
 * What the checks between a value's definition and a read of it exclude at that read.
 *
 * @param read - an expression that reads the value
 * @param definition - the declaration, parameter or assignment that gave the value
 * @param subject - the value under test
 * @returns a mask of `Component`s the value cannot be at the read
 */
export function excludedAt(read: ts.Node, definition: ts.Node, subject: Subject): number {
  let facts = 0;
  let node = read;
  while (node.parent !== undefined && !contains(node, definition)) {
    const parent = node.parent;
    if (ts.isIfStatement(parent) && node !== parent.expression) {
      facts |= excludedWhen(parent.expression, node === parent.thenStatement, subject);
    } else if (ts.isConditionalExpression(parent) && node !== parent.condition) {
      facts |= excludedWhen(parent.condition, node === parent.whenTrue, subject);
    } else if (ts.isBinaryExpression(parent) && node === parent.right) {
      const operator = parent.operatorToken.kind;
      if (operator === ts.SyntaxKind.AmpersandAmpersandToken) facts |= excludedWhen(parent.left, true, subject);
      if (operator === ts.SyntaxKind.BarBarToken) facts |= excludedWhen(parent.left, false, subject);
    } else if (ts.isCaseBlock(parent) && subject.matches(parent.parent.expression)) {
      // Inside a clause of `switch (r)`: the switch is the check.
      return Component.all;
    } else if ((ts.isWhileStatement(parent) || ts.isForStatement(parent)) && node === parent.statement) {
      const condition = ts.isWhileStatement(parent) ? parent.expression : parent.condition;
      if (condition !== undefined) facts |= excludedWhen(condition, true, subject);
    } else {
      const statements = statementsOf(parent);
      if (statements !== undefined) {
        for (let i = statements.indexOf(node as ts.Statement) - 1; i >= 0; i -= 1) {
          const before = statements[i]!;
          if (contains(before, definition)) {
            if (ts.isIfStatement(before) && contains(before.expression, definition)) facts |= factsAfter(before, subject);
            else facts |= factsAfterDefinition(definition, before, subject);
            return facts;
          }
          facts |= factsAfter(before, subject);
        }
      }
    }
    node = parent;
  }
  return facts;
}
