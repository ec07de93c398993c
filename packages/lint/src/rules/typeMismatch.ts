import { ts } from '@ts-morph/common';
import type { Injectable } from '../model/Injectable';
import { createRule, type RuleContext } from '../rule/Rule';
import { markDisplayName } from './shared/markDisplayName';
import { markSignatures } from './shared/markSignatures';
import { readOption } from './shared/readOption';
import { coreErrPtrSymbol } from './typeMismatch/coreErrPtrSymbol';
import { judgeReturnType, type MarkFailure, type Misfit } from './typeMismatch/judgeReturnType';
import { printForUnion } from './typeMismatch/printForUnion';

type MessageId = Misfit['kind'] | 'undefinedNotNull' | 'errnoAsObject';

const FAILURE: Readonly<Record<MarkFailure['type'], string>> = {
  NULL: 'null',
  ERRNO: 'a negative errno',
  ERRNO_NULL: 'a negative errno or null',
  TRUE: 'true',
};

/** What a message suggests in place of the return type, awaited; `Promise<…>` is added around it. */
function suggestion(misfit: Misfit, failure: MarkFailure, awaited: ts.Type, checker: ts.TypeChecker, at: ts.Node): string {
  const whole = printForUnion(awaited, checker, at);
  const orNull = failure.type === 'ERRNO_NULL' ? ' | null' : '';
  switch (misfit.kind) {
    case 'nullMissing':
      return `${printForUnion(awaited, checker, at, ts.TypeFlags.Undefined | ts.TypeFlags.Void)} | null`;
    case 'errnoMissing':
      if (!misfit.objectLike) return `number${orNull}`;
      return failure.type === 'ERRNO_NULL' ? `${printForUnion(awaited, checker, at, ts.TypeFlags.Null | ts.TypeFlags.Undefined)} | ErrPtr | null` : `${whole} | ErrPtr`;
    case 'errPtrNotInType':
      return `${whole} | ErrPtr${misfit.nullMissing ? ' | null' : ''}`;
    case 'unverifiable':
      if (failure.type === 'NULL') return 'T | null';
      if (failure.type === 'TRUE') return 'boolean';
      return failure.errPtr === true ? `T | ErrPtr${orNull}` : `number${orNull}`;
    default:
      return 'boolean';
  }
}

function messageIdOf(misfit: Misfit): MessageId {
  if (misfit.kind === 'nullMissing' && misfit.undefinedOnly) return 'undefinedNotNull';
  if (misfit.kind === 'errnoMissing' && misfit.objectLike) return 'errnoAsObject';
  return misfit.kind;
}

/** The type a Promise-returning function resolves to; the type itself for anything that is not thenable. */
function awaitedType(returnType: ts.Type, checker: ts.TypeChecker): ts.Type {
  const thenable = (returnType.isUnion() ? returnType.types : [returnType]).some((member) => member.getProperty('then') !== undefined);
  return thenable ? (checker.getAwaitedType(returnType) ?? returnType) : returnType;
}

function checkMark(mark: Injectable, failure: MarkFailure, context: RuleContext<MessageId>, errPtr: ts.Symbol | undefined): void {
  const { checker } = context;
  const signatures = markSignatures(mark, checker);
  for (const signature of signatures) {
    const returnType = checker.getReturnTypeOfSignature(signature);
    const awaited = awaitedType(returnType, checker);
    const declared = signature.getDeclaration() as ts.SignatureDeclaration | undefined;
    const misfit = judgeReturnType(awaited, failure, checker, errPtr, declared !== undefined && declared.type === undefined);
    if (misfit === undefined) continue;
    const at = mark.declaration ?? mark.marker;
    const fit = suggestion(misfit, failure, awaited, checker, at);
    const isPromise = awaited !== returnType;
    context.report({
      node: mark.marker,
      messageId: messageIdOf(misfit),
      data: {
        fn: signatures.length > 1 ? `the overload \`${checker.signatureToString(signature, at)}\` of ${markDisplayName(mark)}` : markDisplayName(mark),
        type: failure.type,
        failure: FAILURE[failure.type],
        returnType: checker.typeToString(returnType, at),
        awaited: isPromise ? ` (awaited: \`${checker.typeToString(awaited, at)}\`)` : '',
        fit: isPromise ? `Promise<${fit}>` : fit,
      },
    });
    return;
  }
}

/**
 * `ei/type-mismatch`: the error type of a mark must fit the function's return type, declared or
 * inferred, as the type checker reports it (a Promise-returning function is judged on its awaited
 * type; an overloaded one on each overload callers see):
 *
 * - NULL: `null` is in the type (`undefined` is not null);
 * - ERRNO: a number is, or with `{ errPtr: true }` the core's `ErrPtr` is. An object type without
 *   either is the kernel's classic crash, the caller using an errno as an object; `ErrPtr` in the
 *   type without `{ errPtr: true }` is the same crash, since the failure is then a bare number;
 *   `{ errPtr: true }` without `ErrPtr` in the type leaves callers unable to test with `isErr`;
 * - ERRNO_NULL: the errno form as for ERRNO, and `null`;
 * - TRUE: `true` is in the type.
 *
 * `any` and `unknown` return types are reported: nothing about them can be verified. Marks whose
 * type is not a constant, or that are not on a function, are `ei/bad-usage`'s. Findings point at
 * the decorator or the `allowErrorInjection` call. The checker is asked about the marks only.
 */
export const typeMismatch = createRule<MessageId>({
  id: 'ei/type-mismatch',
  description: "the error type of an error-injectable function must fit its return type, declared or inferred",
  messages: {
    nullMissing: '{{fn}} is marked {{type}}, which fails with {{failure}}, but returns `{{returnType}}`{{awaited}}, which does not admit null: return `{{fit}}`',
    undefinedNotNull:
      '{{fn}} is marked {{type}}, which fails with {{failure}}, but returns `{{returnType}}`{{awaited}}: undefined is not null, and callers testing for undefined miss the failure; return `{{fit}}`',
    errnoMissing: '{{fn}} is marked {{type}}, which fails with {{failure}}, but returns `{{returnType}}`{{awaited}}, which does not admit a number: return `{{fit}}`',
    errnoAsObject:
      '{{fn}} is marked {{type}} but returns `{{returnType}}`{{awaited}}, an object type: an injected failure returns a bare errno, and the caller would use an errno as an object; mark it `{ errPtr: true }` and return `{{fit}}`',
    errPtrOptionMissing:
      '{{fn}} is marked {{type}} without `{ errPtr: true }` but returns `{{returnType}}`{{awaited}}: an injected failure returns a bare errno, not errPtr(-errno), so `isErr` misses it and the caller would use an errno as an object; add `{ errPtr: true }`',
    errPtrNotInType:
      '{{fn}} is marked {{type}} with `{ errPtr: true }`, so an injected failure returns errPtr(-errno), but returns `{{returnType}}`{{awaited}}, which does not include ErrPtr: the caller cannot check the failure with `isErr` type-safely; return `{{fit}}`',
    trueMissing: '{{fn}} is marked {{type}}, which fails with {{failure}}, but returns `{{returnType}}`{{awaited}}, which does not admit true: return `{{fit}}`',
    unverifiable:
      '{{fn}} returns `{{returnType}}`{{awaited}}, so the linter cannot verify that {{type}}, which fails with {{failure}}, fits it: declare a return type such as `{{fit}}`',
  },
  check(context) {
    const errPtrByFile = new Map<ts.SourceFile, ts.Symbol | undefined>();
    for (const mark of context.injectables.all) {
      if (mark.type === undefined || !mark.called || !context.isLinted(mark.marker)) continue;
      const file = mark.marker.getSourceFile();
      if (!errPtrByFile.has(file)) errPtrByFile.set(file, coreErrPtrSymbol(file, context.checker));
      const option = readOption(mark.optionsArgument, 'errPtr');
      const errPtr = option.kind === 'absent' ? false : option.kind === 'literal' ? option.value === true : 'unseen';
      checkMark(mark, { type: mark.type, errPtr }, context, errPtrByFile.get(file));
    }
  },
});
