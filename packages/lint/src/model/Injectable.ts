import type { ts } from '@ts-morph/common';

/** The four error types, by the names `fail_function/injectable` prints. */
export type ErrorTypeName = 'NULL' | 'ERRNO' | 'ERRNO_NULL' | 'TRUE';

/** The kernel's numbers for the error types (`EI_TYPE_NULL` is 1 …). */
export const ERROR_TYPE_BY_NUMBER: Readonly<Record<number, ErrorTypeName>> = { 1: 'NULL', 2: 'ERRNO', 3: 'ERRNO_NULL', 4: 'TRUE' };

/** What a mark's options literal says, where it says it with constants. */
export interface MarkOptions {
  readonly name?: string;
  readonly errPtr?: boolean;
  readonly async?: boolean;
}

/**
 * One mark of a function as error-injectable found in the source: an `@AllowErrorInjection(...)`
 * decorator, or an `allowErrorInjection(...)` call.
 */
export interface Injectable {
  /** A decorator on a method, or the wrapper call of a plain function. */
  readonly kind: 'method' | 'function';
  /** The decorator, or the `allowErrorInjection(...)` call: where findings about the mark point. */
  readonly marker: ts.Decorator | ts.CallExpression;
  /** `@AllowErrorInjection` used without calling it: a mistake `ei/bad-usage` reports. */
  readonly called: boolean;
  /** The first argument, when there is one. */
  readonly typeArgument: ts.Expression | undefined;
  /** The error type, when the first argument is one of the constants; `undefined` otherwise. */
  readonly type: ErrorTypeName | undefined;
  /** The options argument, when there is one. */
  readonly optionsArgument: ts.Expression | undefined;
  /** What the options say with constants. */
  readonly options: MarkOptions;
  /**
   * The name it is registered under (`Class.method`, the function's name, or `options.name`), when
   * the source shows it; `undefined` for anonymous classes and functions or computed names.
   */
  readonly name: string | undefined;
  /**
   * The decorated node (a method, or anything a decorator was put on), or the wrapped function
   * expression or declaration.
   */
  readonly target: ts.Node;
  /**
   * The function whose body runs: the method, or the wrapped function; `undefined` when the
   * decorator is not on a method or the wrapped value is not a function the source shows.
   */
  readonly declaration: ts.SignatureDeclaration | undefined;
  /** Where callers reach it: the method's name, or the name the wrapper is stored under. */
  readonly callee: ts.Declaration | undefined;
}
