import * as path from 'node:path';
import { expect } from 'chai';
import { Project, ts } from 'ts-morph';
import { resolveConfig } from '../../src/config/resolveConfig';
import { lintProgram } from '../../src/engine/lintProgram';
import { dedent, lintCase, ruleTester } from '../support/ruleTester';

const IMPORTS =
  "import { AllowErrorInjection, allowErrorInjection, EI_TYPE_NULL, EI_TYPE_ERRNO, EI_TYPE_ERRNO_NULL, EI_TYPE_TRUE, errPtr, type ErrPtr } from '@errinject/core';";
const LEGACY = { experimentalDecorators: true };

ruleTester('ei/type-mismatch', {
  valid: [
    {
      name: 'NULL on a declared `T | null`',
      code: `
        ${IMPORTS}
        export class Slab {
          @AllowErrorInjection(EI_TYPE_NULL)
          static alloc(size: number): Buffer | null { return Buffer.alloc(size); }
        }
      `,
    },
    {
      name: 'NULL on an inferred `T | null`',
      code: `
        ${IMPORTS}
        export class Cache {
          private readonly map = new Map<string, Buffer>();
          @AllowErrorInjection(EI_TYPE_NULL)
          get(key: string) { return this.map.get(key) ?? null; }
        }
      `,
    },
    {
      name: 'NULL on a `T | null | undefined`',
      code: `
        ${IMPORTS}
        export class Cache {
          @AllowErrorInjection(EI_TYPE_NULL)
          get(key: string): string | null | undefined { return key; }
        }
      `,
    },
    {
      name: 'NULL on a plain `null` type',
      code: `
        ${IMPORTS}
        export const nothing = allowErrorInjection(EI_TYPE_NULL, function nothing(): null { return null; });
      `,
    },
    {
      name: 'NULL on an async method resolving to `T | null`',
      code: `
        ${IMPORTS}
        export class Client {
          @AllowErrorInjection(EI_TYPE_NULL)
          async fetch(url: string): Promise<string | null> { return url; }
        }
      `,
    },
    {
      name: 'NULL on an inferred async method resolving to `T | null`',
      code: `
        ${IMPORTS}
        export class Client {
          @AllowErrorInjection(EI_TYPE_NULL)
          async fetch(url: string) { return url === '' ? null : url; }
        }
      `,
    },
    {
      name: 'NULL on a wrapped function declared elsewhere in the file',
      code: `
        ${IMPORTS}
        function lookup(key: string): object | null { return key === '' ? null : {}; }
        export const find = allowErrorInjection(EI_TYPE_NULL, lookup);
      `,
    },
    {
      name: 'NULL on a generic `T | null`',
      code: `
        ${IMPORTS}
        export const first = allowErrorInjection(EI_TYPE_NULL, function first<T>(items: readonly T[]): T | null { return items[0] ?? null; });
      `,
    },
    {
      name: 'NULL on a union through a type alias',
      code: `
        ${IMPORTS}
        type Maybe<T> = T | null;
        export class Pool {
          @AllowErrorInjection(EI_TYPE_NULL)
          take(): Maybe<Buffer> { return null; }
        }
      `,
    },
    {
      name: 'ERRNO on a declared number',
      code: `
        ${IMPORTS}
        export class Store {
          @AllowErrorInjection(EI_TYPE_ERRNO)
          open(path: string): number { return path.length; }
        }
      `,
    },
    {
      name: 'ERRNO on an inferred number',
      code: `
        ${IMPORTS}
        export const close = allowErrorInjection(EI_TYPE_ERRNO, (fd: number) => (fd < 0 ? -9 : 0), { name: 'closeFd' });
      `,
    },
    {
      name: 'ERRNO on a numeric enum is judged by assignability',
      code: `
        ${IMPORTS}
        enum Status { Ok = 0, Busy = 1 }
        export const status = allowErrorInjection(EI_TYPE_ERRNO, function status(): Status | number { return Status.Ok; });
      `,
    },
    {
      name: 'ERRNO on a branded number, which callers compare as a number',
      code: `
        ${IMPORTS}
        type Fd = number & { readonly __fd: true };
        export const openFd = allowErrorInjection(EI_TYPE_ERRNO, function openFd(): Fd { return 3 as Fd; });
      `,
    },
    {
      name: 'ERRNO on an inferred literal number, judged widened',
      code: `
        ${IMPORTS}
        export const sync = allowErrorInjection(EI_TYPE_ERRNO, function sync() { return 0 as const; });
      `,
    },
    {
      name: 'ERRNO on `number | object` (the caller tells them apart)',
      code: `
        ${IMPORTS}
        export class Store {
          @AllowErrorInjection(EI_TYPE_ERRNO)
          read(): Buffer | number { return 0; }
        }
      `,
    },
    {
      name: 'ERRNO with `{ errPtr: true }` on `T | ErrPtr`',
      code: `
        ${IMPORTS}
        interface Config { readonly path: string }
        export class Loader {
          @AllowErrorInjection(EI_TYPE_ERRNO, { errPtr: true })
          load(path: string): Config | ErrPtr { return path === '' ? errPtr(-22) : { path }; }
        }
      `,
    },
    {
      name: 'ERRNO with `{ errPtr: true }` on an inferred `T | ErrPtr`',
      code: `
        ${IMPORTS}
        export const login = allowErrorInjection(EI_TYPE_ERRNO, function login(user: string) { return user === '' ? errPtr(-13) : { user }; }, { errPtr: true });
      `,
    },
    {
      name: 'ERRNO with `{ errPtr: true }` on a Promise of `T | ErrPtr`',
      code: `
        ${IMPORTS}
        export class Client {
          @AllowErrorInjection(EI_TYPE_ERRNO, { errPtr: true })
          async connect(): Promise<{ fd: number } | ErrPtr> { return { fd: 3 }; }
        }
      `,
    },
    {
      name: 'ERRNO with an unseen errPtr option on `T | ErrPtr`',
      code: `
        ${IMPORTS}
        declare const options: { errPtr: boolean };
        export class Loader {
          @AllowErrorInjection(EI_TYPE_ERRNO, options)
          load(): { a: 1 } | ErrPtr { return { a: 1 }; }
        }
      `,
    },
    {
      name: 'ERRNO on an async method resolving to a number',
      code: `
        ${IMPORTS}
        export class Disk {
          @AllowErrorInjection(EI_TYPE_ERRNO)
          async sync(): Promise<number> { return 0; }
        }
      `,
    },
    {
      name: 'ERRNO on a static method, standard decorators',
      code: `
        ${IMPORTS}
        export class Fd {
          @AllowErrorInjection(EI_TYPE_ERRNO)
          static getUnused(): number { return 3; }
        }
      `,
    },
    {
      name: 'ERRNO on a static method, legacy decorators',
      compilerOptions: LEGACY,
      code: `
        ${IMPORTS}
        export class Fd {
          @AllowErrorInjection(EI_TYPE_ERRNO)
          static getUnused(): number { return 3; }
        }
      `,
    },
    {
      name: 'ERRNO_NULL on `number | null`',
      code: `
        ${IMPORTS}
        export class Table {
          @AllowErrorInjection(EI_TYPE_ERRNO_NULL)
          slot(): number | null { return null; }
        }
      `,
    },
    {
      name: 'ERRNO_NULL with `{ errPtr: true }` on `T | ErrPtr | null`',
      code: `
        ${IMPORTS}
        interface Entry { readonly key: string }
        export class Table {
          @AllowErrorInjection(EI_TYPE_ERRNO_NULL, { errPtr: true })
          find(key: string): Entry | ErrPtr | null { return key === '' ? null : { key }; }
        }
      `,
    },
    {
      name: 'ERRNO_NULL with `{ errPtr: true }` on an async, inferred `T | ErrPtr | null`, legacy decorators',
      compilerOptions: LEGACY,
      code: `
        ${IMPORTS}
        export class Table {
          @AllowErrorInjection(EI_TYPE_ERRNO_NULL, { errPtr: true })
          async find(key: string) { return key === '' ? null : key === '?' ? errPtr(-2) : { key }; }
        }
      `,
    },
    {
      name: 'TRUE on a declared boolean',
      code: `
        ${IMPORTS}
        export class Lock {
          @AllowErrorInjection(EI_TYPE_TRUE)
          isBusy(): boolean { return false; }
        }
      `,
    },
    {
      name: 'TRUE on an inferred boolean, legacy decorators',
      compilerOptions: LEGACY,
      code: `
        ${IMPORTS}
        export class Lock {
          private held = 0;
          @AllowErrorInjection(EI_TYPE_TRUE)
          isBusy() { return this.held > 0; }
        }
      `,
    },
    {
      name: 'TRUE on a Promise of a boolean, wrapped',
      code: `
        ${IMPORTS}
        export const busy = allowErrorInjection(EI_TYPE_TRUE, async function busy(): Promise<boolean> { return false; });
      `,
    },
    {
      name: 'TRUE on the literal type `true | undefined`',
      code: `
        ${IMPORTS}
        export const flagged = allowErrorInjection(EI_TYPE_TRUE, function flagged(): true | undefined { return undefined; });
      `,
    },
    {
      name: 'every overload of a method admits null',
      code: `
        ${IMPORTS}
        export class Repo {
          get(id: number): string | null;
          get(id: string): Buffer | null;
          @AllowErrorInjection(EI_TYPE_NULL)
          get(id: number | string): string | Buffer | null { return String(id); }
        }
      `,
    },
    {
      name: 'a namespace import of the core',
      code: `
        import * as ei from '@errinject/core';
        export class Store {
          @ei.AllowErrorInjection(ei.EI_TYPE_ERRNO, { errPtr: true })
          load(): { a: 1 } | ei.ErrPtr { return { a: 1 }; }
        }
      `,
    },
    {
      name: 'an `import = require` of the core, after another import',
      code: `
        import * as path from 'node:path';
        import ei = require('@errinject/core');
        export class Loader {
          @ei.AllowErrorInjection(ei.EI_TYPE_ERRNO, { errPtr: true })
          load(file: string): { base: string } | ei.ErrPtr { return { base: path.basename(file) }; }
        }
      `,
    },
    {
      name: 'a method of a class expression, returned from a factory',
      code: `
        ${IMPORTS}
        export function makeStore() {
          return class {
            @AllowErrorInjection(EI_TYPE_ERRNO_NULL)
            find(): number | null { return null; }
          };
        }
      `,
    },
    {
      name: 'without strictNullChecks every type admits null',
      compilerOptions: { strict: false },
      code: `
        ${IMPORTS}
        export class Slab {
          @AllowErrorInjection(EI_TYPE_NULL)
          static alloc(size: number): Buffer { return Buffer.alloc(size); }
        }
      `,
    },
    {
      name: 'a type that is not a constant is left to ei/bad-usage',
      code: `
        ${IMPORTS}
        declare const type: 1 | 2;
        export class Store {
          @AllowErrorInjection(type)
          open(): string { return ''; }
        }
      `,
    },
    {
      name: 'a decorator on a getter is left to ei/bad-usage',
      code: `
        ${IMPORTS}
        export class Store {
          @AllowErrorInjection(EI_TYPE_NULL)
          get size(): number { return 0; }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'NULL on a number',
      code: `
        ${IMPORTS}
        export class Store {
          @AllowErrorInjection(EI_TYPE_NULL)
          open(path: string): number { return path.length; }
        }
      `,
      errors: [{ line: 3, column: 3 }],
    },
    {
      name: 'NULL on `T | undefined`: undefined is not null',
      code: `
        ${IMPORTS}
        export class Cache {
          @AllowErrorInjection(EI_TYPE_NULL)
          get(key: string): string | undefined { return key; }
        }
      `,
      errors: [{ line: 3, column: 3 }],
    },
    {
      name: 'NULL on an inferred `T | undefined`',
      code: `
        ${IMPORTS}
        export class Cache {
          private readonly map = new Map<string, Buffer>();
          @AllowErrorInjection(EI_TYPE_NULL)
          get(key: string) { return this.map.get(key); }
        }
      `,
      errors: [{ line: 4, column: 3 }],
    },
    {
      name: 'NULL on an optional-returning wrapped arrow',
      code: `
        ${IMPORTS}
        export const pick = allowErrorInjection(EI_TYPE_NULL, (items: string[]): string | undefined => items[0], { name: 'pick' });
      `,
      errors: [{ line: 2, column: 21 }],
    },
    {
      name: 'NULL on void',
      code: `
        ${IMPORTS}
        export function flush(): void {}
        export const flushAll = allowErrorInjection(EI_TYPE_NULL, flush);
      `,
      errors: [{ line: 3, column: 25 }],
    },
    {
      name: 'NULL on an async method resolving to a non-null object',
      code: `
        ${IMPORTS}
        export class Client {
          @AllowErrorInjection(EI_TYPE_NULL)
          async fetch(url: string): Promise<string> { return url; }
        }
      `,
      errors: [{ line: 3, column: 3 }],
    },
    {
      name: 'NULL on a Promise-returning function whose awaited type lacks null',
      code: `
        ${IMPORTS}
        export const read = allowErrorInjection(EI_TYPE_NULL, async function read(): Promise<Buffer> { return Buffer.alloc(0); });
      `,
      errors: [{ line: 2, column: 21 }],
    },
    {
      name: 'NULL on a generic T',
      code: `
        ${IMPORTS}
        export const identity = allowErrorInjection(EI_TYPE_NULL, function identity<T>(value: T): T { return value; });
      `,
      errors: [{ line: 2, column: 25 }],
    },
    {
      name: 'NULL on one overload of two that lacks null',
      code: `
        ${IMPORTS}
        export class Repo {
          get(id: number): string | null;
          get(id: string): Buffer;
          @AllowErrorInjection(EI_TYPE_NULL)
          get(id: number | string): string | Buffer | null { return String(id); }
        }
      `,
      errors: [{ line: 5, column: 3 }],
    },
    {
      name: 'NULL on a static method, legacy decorators',
      compilerOptions: LEGACY,
      code: `
        ${IMPORTS}
        export class Slab {
          @AllowErrorInjection(EI_TYPE_NULL)
          static alloc(size: number): Buffer { return Buffer.alloc(size); }
        }
      `,
      errors: [{ line: 3, column: 3 }],
    },
    {
      name: 'ERRNO on an object: the caller would use an errno as an object',
      code: `
        ${IMPORTS}
        interface Config { readonly path: string }
        export class Loader {
          @AllowErrorInjection(EI_TYPE_ERRNO)
          load(path: string): Config { return { path }; }
        }
      `,
      errors: [{ line: 4, column: 3 }],
    },
    {
      name: 'ERRNO on an inferred object',
      code: `
        ${IMPORTS}
        export class Loader {
          @AllowErrorInjection(EI_TYPE_ERRNO)
          load(path: string) { return { path }; }
        }
      `,
      errors: [{ line: 3, column: 3 }],
    },
    {
      name: 'ERRNO on `T | null`',
      code: `
        ${IMPORTS}
        export const alloc = allowErrorInjection(EI_TYPE_ERRNO, function alloc(): Buffer | null { return null; });
      `,
      errors: [{ line: 2, column: 22 }],
    },
    {
      name: 'ERRNO on a string',
      code: `
        ${IMPORTS}
        export class Store {
          @AllowErrorInjection(EI_TYPE_ERRNO)
          name(): string { return ''; }
        }
      `,
      errors: [{ line: 3, column: 3 }],
    },
    {
      name: 'ERRNO on a literal `0`: -22 is not 0',
      code: `
        ${IMPORTS}
        export class Store {
          @AllowErrorInjection(EI_TYPE_ERRNO)
          sync(): 0 { return 0; }
        }
      `,
      errors: [{ line: 3, column: 3 }],
    },
    {
      name: 'ERRNO on `T | ErrPtr` without `{ errPtr: true }`: the failure is a bare number',
      code: `
        ${IMPORTS}
        interface Config { readonly path: string }
        export class Loader {
          @AllowErrorInjection(EI_TYPE_ERRNO)
          load(path: string): Config | ErrPtr { return path === '' ? errPtr(-22) : { path }; }
        }
      `,
      errors: [{ line: 4, column: 3 }],
    },
    {
      name: 'ERRNO with `{ errPtr: true }` on an object type without ErrPtr',
      code: `
        ${IMPORTS}
        interface Config { readonly path: string }
        export class Loader {
          @AllowErrorInjection(EI_TYPE_ERRNO, { errPtr: true })
          load(path: string): Config { return { path }; }
        }
      `,
      errors: [{ line: 4, column: 3 }],
    },
    {
      name: 'ERRNO with `{ errPtr: true }` on a number',
      code: `
        ${IMPORTS}
        export const open = allowErrorInjection(EI_TYPE_ERRNO, function open(): number { return 3; }, { errPtr: true });
      `,
      errors: [{ line: 2, column: 21 }],
    },
    {
      name: 'ERRNO on an async method resolving to an object',
      code: `
        ${IMPORTS}
        export class Client {
          @AllowErrorInjection(EI_TYPE_ERRNO)
          async connect(): Promise<{ fd: number }> { return { fd: 3 }; }
        }
      `,
      errors: [{ line: 3, column: 3 }],
    },
    {
      name: 'ERRNO on a non-async function returning a Promise of an object',
      code: `
        ${IMPORTS}
        export const connect = allowErrorInjection(EI_TYPE_ERRNO, (): Promise<object> => Promise.resolve({}), { name: 'connect', async: true });
      `,
      errors: [{ line: 2, column: 24 }],
    },
    {
      name: 'ERRNO on a static object-returning method, standard decorators',
      code: `
        ${IMPORTS}
        export class Sock {
          @AllowErrorInjection(EI_TYPE_ERRNO)
          static create(): Sock { return new Sock(); }
        }
      `,
      errors: [{ line: 3, column: 3 }],
    },
    {
      name: 'ERRNO on a static object-returning method, legacy decorators',
      compilerOptions: LEGACY,
      code: `
        ${IMPORTS}
        export class Sock {
          @AllowErrorInjection(EI_TYPE_ERRNO)
          static create(): Sock { return new Sock(); }
        }
      `,
      errors: [{ line: 3, column: 3 }],
    },
    {
      name: 'ERRNO with an unseen errPtr option on an object without ErrPtr',
      code: `
        ${IMPORTS}
        declare const errPtrOption: boolean;
        export class Loader {
          @AllowErrorInjection(EI_TYPE_ERRNO, { errPtr: errPtrOption })
          load(): { a: 1 } { return { a: 1 }; }
        }
      `,
      errors: [{ line: 4, column: 3 }],
    },
    {
      name: 'ERRNO_NULL on a number without null',
      code: `
        ${IMPORTS}
        export class Table {
          @AllowErrorInjection(EI_TYPE_ERRNO_NULL)
          slot(): number { return 0; }
        }
      `,
      errors: [{ line: 3, column: 3 }],
    },
    {
      name: 'ERRNO_NULL on `T | null` without the errno form',
      code: `
        ${IMPORTS}
        export class Table {
          @AllowErrorInjection(EI_TYPE_ERRNO_NULL)
          find(): { key: string } | null { return null; }
        }
      `,
      errors: [{ line: 3, column: 3 }],
    },
    {
      name: 'ERRNO_NULL on `T | ErrPtr | null` without `{ errPtr: true }`',
      code: `
        ${IMPORTS}
        export class Table {
          @AllowErrorInjection(EI_TYPE_ERRNO_NULL)
          find(): { key: string } | ErrPtr | null { return null; }
        }
      `,
      errors: [{ line: 3, column: 3 }],
    },
    {
      name: 'ERRNO_NULL with `{ errPtr: true }` on `T | ErrPtr` without null',
      code: `
        ${IMPORTS}
        export class Table {
          @AllowErrorInjection(EI_TYPE_ERRNO_NULL, { errPtr: true })
          find(): { key: string } | ErrPtr { return errPtr(-2); }
        }
      `,
      errors: [{ line: 3, column: 3 }],
    },
    {
      name: 'ERRNO_NULL with `{ errPtr: true }` on `T | null` without ErrPtr, legacy decorators',
      compilerOptions: LEGACY,
      code: `
        ${IMPORTS}
        export class Table {
          @AllowErrorInjection(EI_TYPE_ERRNO_NULL, { errPtr: true })
          find(): { key: string } | null { return null; }
        }
      `,
      errors: [{ line: 3, column: 3 }],
    },
    {
      name: 'ERRNO_NULL on an async function resolving to `number | undefined`',
      code: `
        ${IMPORTS}
        export const next = allowErrorInjection(EI_TYPE_ERRNO_NULL, async function next(): Promise<number | undefined> { return 0; });
      `,
      errors: [{ line: 2, column: 21 }],
    },
    {
      name: 'TRUE on a number',
      code: `
        ${IMPORTS}
        export class Lock {
          @AllowErrorInjection(EI_TYPE_TRUE)
          holders(): number { return 0; }
        }
      `,
      errors: [{ line: 3, column: 3 }],
    },
    {
      name: 'TRUE on the literal type `false`',
      code: `
        ${IMPORTS}
        export const never = allowErrorInjection(EI_TYPE_TRUE, function never(): false { return false; });
      `,
      errors: [{ line: 2, column: 22 }],
    },
    {
      name: 'TRUE on an async method resolving to void, legacy decorators',
      compilerOptions: LEGACY,
      code: `
        ${IMPORTS}
        export class Lock {
          @AllowErrorInjection(EI_TYPE_TRUE)
          async wait(): Promise<void> {}
        }
      `,
      errors: [{ line: 3, column: 3 }],
    },
    {
      name: 'TRUE on a static method returning a string',
      code: `
        ${IMPORTS}
        export class Lock {
          @AllowErrorInjection(EI_TYPE_TRUE)
          static owner(): string { return ''; }
        }
      `,
      errors: [{ line: 3, column: 3 }],
    },
    {
      name: 'an `any` return type cannot be verified',
      code: `
        ${IMPORTS}
        export class Store {
          @AllowErrorInjection(EI_TYPE_ERRNO)
          open(path: any): any { return path; }
        }
      `,
      errors: [{ line: 3, column: 3 }],
    },
    {
      name: 'an `unknown` return type cannot be verified',
      code: `
        ${IMPORTS}
        export const parse = allowErrorInjection(EI_TYPE_NULL, function parse(text: string): unknown { return JSON.parse(text); });
      `,
      errors: [{ line: 2, column: 22 }],
    },
    {
      name: 'a `Promise<any>` return type cannot be verified',
      code: `
        ${IMPORTS}
        export class Client {
          @AllowErrorInjection(EI_TYPE_TRUE)
          async poll(): Promise<any> { return 1; }
        }
      `,
      errors: [{ line: 3, column: 3 }],
    },
    {
      name: 'an inferred `any` from JSON.parse cannot be verified',
      code: `
        ${IMPORTS}
        export class Store {
          @AllowErrorInjection(EI_TYPE_NULL)
          parse(text: string) { return JSON.parse(text); }
        }
      `,
      errors: [{ line: 3, column: 3 }],
    },
    {
      name: 'a function wrapped through a variable, the variable typed wrongly',
      code: `
        ${IMPORTS}
        const lookup = (key: string): string => key;
        export const find = allowErrorInjection(EI_TYPE_NULL, lookup, { name: 'find' });
      `,
      errors: [{ line: 3, column: 21 }],
    },
    {
      name: 'a function wrapped through a property, judged on the property\'s type',
      code: `
        ${IMPORTS}
        declare const lib: { read(fd: number): Buffer };
        export const read = allowErrorInjection(EI_TYPE_NULL, lib.read, { name: 'read' });
      `,
      errors: [{ line: 3, column: 21 }],
    },
    {
      name: 'an anonymous arrow (ei/bad-usage reports the missing name)',
      code: `
        ${IMPORTS}
        export const anon = allowErrorInjection(EI_TYPE_NULL, (): number => 0);
      `,
      errors: [{ line: 2, column: 21 }],
    },
    {
      name: 'a method of an anonymous class expression',
      code: `
        ${IMPORTS}
        export const Store = [class {
          @AllowErrorInjection(EI_TYPE_TRUE)
          busy(): number { return 0; }
        }];
      `,
      errors: [{ line: 3, column: 3 }],
    },
    {
      name: 'an `any` return type with `{ errPtr: true }` cannot be verified',
      code: `
        ${IMPORTS}
        export class Loader {
          @AllowErrorInjection(EI_TYPE_ERRNO, { errPtr: true })
          load(): any { return {}; }
        }
      `,
      errors: [{ line: 3, column: 3 }],
    },
    {
      name: 'the core does not resolve: every type from it is any, nothing can be verified',
      compilerOptions: { noResolve: true },
      code: `
        ${IMPORTS}
        export class Loader {
          @AllowErrorInjection(EI_TYPE_ERRNO, { errPtr: true })
          load(): { a: 1 } | ErrPtr { return { a: 1 }; }
        }
      `,
      errors: [{ line: 3, column: 3 }],
    },
    {
      name: 'a method reached through a namespace import',
      code: `
        import * as ei from '@errinject/core';
        export class Store {
          @ei.AllowErrorInjection(ei.EI_TYPE_ERRNO)
          load(): { a: 1 } | ei.ErrPtr { return { a: 1 }; }
        }
      `,
      errors: [{ line: 3, column: 3 }],
    },
    {
      name: 'two marks in one file, each reported where it is',
      code: `
        ${IMPORTS}
        export class Store {
          @AllowErrorInjection(EI_TYPE_TRUE) a(): number { return 0; }
          @AllowErrorInjection(EI_TYPE_NULL) b(): number { return 0; }
        }
      `,
      errors: [
        { line: 3, column: 3 },
        { line: 4, column: 3 },
      ],
    },
  ],
});

describe('ei/type-mismatch messages', () => {
  describe('when ERRNO marks an object-returning function', () => {
    it('should name the function, the type, the return type and the errPtr form', () => {
      // Arrange
      const code = `
        ${IMPORTS}
        interface Config { readonly path: string }
        export class Loader {
          @AllowErrorInjection(EI_TYPE_ERRNO)
          load(path: string): Config { return { path }; }
        }
      `;

      // Act
      const [finding] = lintCase('ei/type-mismatch', { name: 'message', code });

      // Assert
      expect(finding?.message).to.equal(
        'Loader.load is marked ERRNO but returns `Config`, an object type: an injected failure returns a bare errno, and the caller would ' +
          'use an errno as an object; mark it `{ errPtr: true }` and return `Config | ErrPtr`',
      );
    });
  });

  describe('when NULL marks a function returning undefined', () => {
    it('should say that undefined is not null, on the awaited type', () => {
      // Arrange
      const code = `
        ${IMPORTS}
        export class Client {
          @AllowErrorInjection(EI_TYPE_NULL)
          async fetch(url: string): Promise<string | undefined> { return url; }
        }
      `;

      // Act
      const [finding] = lintCase('ei/type-mismatch', { name: 'message', code });

      // Assert
      expect(finding?.message).to.equal(
        'Client.fetch is marked NULL, which fails with null, but returns `Promise<string | undefined>` (awaited: `string | undefined`): ' +
          'undefined is not null, and callers testing for undefined miss the failure; return `Promise<string | null>`',
      );
    });
  });

  describe('when errPtr is set on a type without ErrPtr', () => {
    it('should say that the caller cannot check isErr type-safely', () => {
      // Arrange
      const code = `
        ${IMPORTS}
        export const open = allowErrorInjection(EI_TYPE_ERRNO_NULL, function open(): { fd: number } { return { fd: 3 }; }, { errPtr: true });
      `;

      // Act
      const [finding] = lintCase('ei/type-mismatch', { name: 'message', code });

      // Assert
      expect(finding?.message).to.equal(
        'open is marked ERRNO_NULL with `{ errPtr: true }`, so an injected failure returns errPtr(-errno), but returns `{ fd: number; }`, which does not ' +
          'include ErrPtr: the caller cannot check the failure with `isErr` type-safely; return `{ fd: number; } | ErrPtr | null`',
      );
    });
  });

  describe('when the return type includes ErrPtr but the mark lacks { errPtr: true }', () => {
    it('should say that the failure is a bare errno that isErr misses', () => {
      // Arrange
      const code = `
        ${IMPORTS}
        export class Table {
          @AllowErrorInjection(EI_TYPE_ERRNO_NULL)
          find(): { key: string } | ErrPtr | null { return null; }
        }
      `;

      // Act
      const [finding] = lintCase('ei/type-mismatch', { name: 'message', code });

      // Assert
      expect(finding?.message).to.equal(
        'Table.find is marked ERRNO_NULL without `{ errPtr: true }` but returns `{ key: string; } | ErrPtr | null`: an injected failure returns ' +
          'a bare errno, not errPtr(-errno), so `isErr` misses it and the caller would use an errno as an object; add `{ errPtr: true }`',
      );
    });
  });

  describe('when the suggestion is built from the return type', () => {
    it('should leave undefined out, keep boolean and generics whole, and parenthesise function types', () => {
      // Arrange
      const code = `
        ${IMPORTS}
        export class Box<T> {
          @AllowErrorInjection(EI_TYPE_NULL) a(): T | undefined { return undefined; }
          @AllowErrorInjection(EI_TYPE_NULL) b(): boolean | undefined { return undefined; }
          @AllowErrorInjection(EI_TYPE_NULL) c(): (() => void) | undefined { return undefined; }
          @AllowErrorInjection(EI_TYPE_ERRNO, { errPtr: true }) d(): () => number { return () => 1; }
          @AllowErrorInjection(EI_TYPE_ERRNO_NULL) e(): { a: 1 } | undefined { return undefined; }
          @AllowErrorInjection(EI_TYPE_NULL) f(): void | undefined { return undefined; }
        }
      `;

      // Act
      const findings = lintCase('ei/type-mismatch', { name: 'message', code });

      // Assert
      expect(findings.map((f) => /return `([^`]*)`$/.exec(f.message)?.[1])).to.deep.equal([
        'T | null',
        'boolean | null',
        '(() => void) | null',
        '(() => number) | ErrPtr',
        '{ a: 1; } | ErrPtr | null',
        'never | null',
      ]);
    });
  });

  describe('when the return type is any', () => {
    it('should say it cannot be verified and suggest a type', () => {
      // Arrange
      const code = `
        ${IMPORTS}
        export const parse = allowErrorInjection(EI_TYPE_ERRNO_NULL, (text: string): any => JSON.parse(text), { name: 'parse' });
      `;

      // Act
      const [finding] = lintCase('ei/type-mismatch', { name: 'message', code });

      // Assert
      expect(finding?.message).to.equal(
        'parse returns `any`, so the linter cannot verify that ERRNO_NULL, which fails with a negative errno or null, fits it: ' +
          'declare a return type such as `number | null`',
      );
    });
  });

  describe('when TRUE marks a string-returning function', () => {
    it('should suggest boolean', () => {
      // Arrange
      const code = `
        ${IMPORTS}
        export const owner = allowErrorInjection(EI_TYPE_TRUE, function owner(): string { return ''; });
      `;

      // Act
      const findings = lintCase('ei/type-mismatch', { name: 'message', code });

      // Assert
      expect(findings.map((f) => [f.severity, f.message])).to.deep.equal([
        ['error', 'owner is marked TRUE, which fails with true, but returns `string`, which does not admit true: return `boolean`'],
      ]);
    });
  });
});

describe('ei/type-mismatch on a program linted in part', () => {
  describe('when a mismatched mark is in a file that is not linted', () => {
    it('should report only the marks of the linted files', () => {
      // Arrange
      const project = new Project({
        compilerOptions: { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, types: ['node'] },
      });
      const dir = path.resolve(__dirname, 'virtual');
      const mark = (name: string): string => dedent(`
        ${IMPORTS}
        export class ${name} {
          @AllowErrorInjection(EI_TYPE_NULL)
          open(): number { return 0; }
        }
      `);
      project.createSourceFile(path.join(dir, 'linted.ts'), mark('Linted'));
      project.createSourceFile(path.join(dir, 'other.ts'), mark('Other'));
      const program = project.getProgram().compilerObject;
      const linted = program.getSourceFile(path.join(dir, 'linted.ts'))!;
      const rules = { 'ei/unchecked-call': 'off', 'ei/state-before-error': 'off', 'ei/release-function': 'off', 'ei/bad-usage': 'off' } as const;

      // Act
      const { findings, injectableCount } = lintProgram(program, [linted], resolveConfig({ rules }));

      // Assert
      expect(injectableCount).to.equal(2);
      expect(findings.map((f) => [path.basename(f.file), f.line, f.column, f.ruleId])).to.deep.equal([['linted.ts', 3, 3, 'ei/type-mismatch']]);
    });
  });
});
