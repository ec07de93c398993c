import { expect } from 'chai';
import { lintCase, ruleTester, type InvalidCase, type ValidCase } from '../support/ruleTester';

/**
 * The injectable functions the cases call, in a file of their own (`./store`): methods of every
 * error type, reached directly, through an interface and through a base class, wrapped functions,
 * and plain guards.
 */
const STORE = `
  import { AllowErrorInjection, allowErrorInjection, EI_TYPE_ERRNO, EI_TYPE_ERRNO_NULL, EI_TYPE_NULL, EI_TYPE_TRUE, errno, errPtr, type ErrPtr } from '@errinject/core';

  export interface Config { readonly port: number }
  export interface Entry { readonly name: string }
  export interface Data { readonly size: number }
  export interface Opener { open(path: string): number }
  export abstract class Device { abstract open(path: string): number }

  export class Store extends Device implements Opener {
    @AllowErrorInjection(EI_TYPE_ERRNO) open(path: string): number { return path.length; }
    @AllowErrorInjection(EI_TYPE_NULL) static alloc(size: number): Buffer | null { return Buffer.alloc(size); }
    @AllowErrorInjection(EI_TYPE_ERRNO, { errPtr: true }) load(): Config | ErrPtr { return { port: 80 }; }
    @AllowErrorInjection(EI_TYPE_ERRNO_NULL) find(name: string): Entry | ErrPtr | null { return name === '' ? errPtr(-errno.EINVAL) : { name }; }
    @AllowErrorInjection(EI_TYPE_ERRNO_NULL) lookup(key: string): number | null { return key.length; }
    @AllowErrorInjection(EI_TYPE_TRUE) isBusy(): boolean { return false; }
    @AllowErrorInjection(EI_TYPE_NULL) async fetch(): Promise<Data | null> { return { size: 1 }; }
  }

  export const alloc = allowErrorInjection(EI_TYPE_NULL, function alloc(size: number): Buffer | null { return Buffer.alloc(size); });
  export const openFile = allowErrorInjection(EI_TYPE_ERRNO, (path: string): number => path.length, { name: 'openFile' });
  export function isFailure(value: unknown): boolean { return value === null || (typeof value === 'number' && value < 0); }
  export const Result = { isFailure };
  export function read(fd: number): number { return fd; }
`;

const LEGACY = { experimentalDecorators: true };
const GUARDS = { guards: ['isFailure', 'Result.isFailure'] };

function valid(testCase: ValidCase): ValidCase {
  return { ...testCase, files: { 'store.ts': STORE, ...testCase.files } };
}

function invalid(testCase: InvalidCase): InvalidCase {
  return { ...testCase, files: { 'store.ts': STORE, ...testCase.files } };
}

ruleTester('ei/unchecked-call', {
  valid: [
    // ERRNO, numbers
    valid({
      name: 'ERRNO compared < 0 with an early return',
      code: `
        import { Store, read } from './store';
        export function size(store: Store, path: string): number {
          const fd = store.open(path);
          if (fd < 0) return fd;
          return read(fd) + 1;
        }
      `,
    }),
    valid({
      name: 'ERRNO propagated: returned from a function declared to return a number',
      code: `
        import { Store } from './store';
        export function openConfig(store: Store): number {
          return store.open('/etc/app.conf');
        }
      `,
    }),
    valid({
      name: 'ERRNO returned from an injectable of the same type through this (the kernel pattern)',
      code: `
        import { AllowErrorInjection, EI_TYPE_ERRNO } from '@errinject/core';
        export class Mount {
          @AllowErrorInjection(EI_TYPE_ERRNO) open(path: string): number { return path.length; }
          @AllowErrorInjection(EI_TYPE_ERRNO) reopen(path: string) { return this.open(path); }
        }
      `,
    }),
    valid({
      name: "ERRNO tested for truthiness, the kernel's `if (ret) return ret;`",
      code: `
        import { Store } from './store';
        export function sync(store: Store): number {
          const ret = store.open('/journal');
          if (ret) return ret;
          return 0;
        }
      `,
    }),
    valid({
      name: 'ERRNO compared < 0 where it is made',
      code: `
        import { errno } from '@errinject/core';
        import { Store } from './store';
        export function touch(store: Store, path: string): number {
          if (store.open(path) < 0) return -errno.EIO;
          return 0;
        }
      `,
    }),
    valid({
      name: 'ERRNO thrown in the failure branch, the errno named in the message',
      code: `
        import { Store, read } from './store';
        export function mustOpen(store: Store, path: string): number {
          const fd = store.open(path);
          if (fd < 0) throw new Error(\`cannot open \${path}: \${fd}\`);
          return read(fd);
        }
      `,
    }),
    valid({
      name: 'ERRNO used only in the branch of >= 0, returned in the other',
      code: `
        import { Store, read } from './store';
        export function first(store: Store): number {
          const fd = store.open('/first');
          if (fd >= 0) {
            return read(fd);
          } else {
            return fd;
          }
        }
      `,
    }),
    valid({
      name: 'ERRNO through an interface the marked method implements, checked',
      code: `
        import type { Opener } from './store';
        export function probe(opener: Opener): boolean {
          const fd = opener.open('/dev/null');
          return fd >= 0;
        }
      `,
    }),
    valid({
      name: 'ERRNO through a base class, checked with !== 0 and thrown',
      code: `
        import { read, type Device } from './store';
        export function attach(device: Device): number {
          const ret = device.open('/dev/sda');
          if (ret !== 0) throw new Error(\`attach failed: \${ret}\`);
          return read(ret);
        }
      `,
    }),
    valid({
      name: 'a wrapped function, assigned in a condition and compared < 0',
      code: `
        import { openFile, read } from './store';
        export function cat(path: string): number {
          let fd: number;
          if ((fd = openFile(path)) < 0) return fd;
          return read(fd);
        }
      `,
    }),
    valid({
      name: 'ERRNO in a loop: continue on failure',
      code: `
        import { Store, read } from './store';
        export function openAny(store: Store, paths: string[]): number {
          for (const path of paths) {
            const fd = store.open(path);
            if (fd < 0) continue;
            return read(fd);
          }
          return -1;
        }
      `,
    }),
    valid({
      name: 'ERRNO checked, then used in a closure',
      code: `
        import { Store, read } from './store';
        export function later(store: Store): number {
          const fd = store.open('/log');
          if (fd < 0) return fd;
          setImmediate(() => read(fd));
          return 0;
        }
      `,
    }),
    valid({
      name: 'ERRNO in a conditional expression: the errno on one side, the value on the other',
      code: `
        import { Store } from './store';
        export function next(store: Store): number {
          const fd = store.open('/next');
          return fd < 0 ? fd : fd + 1;
        }
      `,
    }),
    valid({
      name: 'ERRNO copied to another variable that is checked',
      code: `
        import { Store } from './store';
        export function copy(store: Store): number {
          const fd = store.open('/copy');
          const ret = fd;
          if (ret < 0) return ret;
          return ret + 1;
        }
      `,
    }),
    valid({
      name: 'ERRNO kept in a property and checked there',
      code: `
        import { Store } from './store';
        export class Session {
          private fd = -1;
          constructor(private readonly store: Store) {}
          start(): number {
            this.fd = this.store.open('/session');
            if (this.fd < 0) return this.fd;
            return this.fd + 1;
          }
        }
      `,
    }),
    valid({
      name: 'ERRNO: a loop that returns while the result is negative',
      code: `
        import { Store } from './store';
        export function retry(store: Store): number {
          const fd = store.open('/retry');
          while (fd < 0) {
            return fd;
          }
          return fd + 1;
        }
      `,
    }),
    valid({
      name: 'ERRNO asserted >= 0 with assert',
      code: `
        import assert from 'node:assert';
        import { Store } from './store';
        export function strict(store: Store): number {
          const fd = store.open('/strict');
          assert(fd >= 0);
          return fd + 1;
        }
      `,
    }),
    valid({
      name: 'ERRNO switched on',
      code: `
        import { errno } from '@errinject/core';
        import { Store } from './store';
        export function explain(store: Store): string {
          switch (store.open('/x')) {
            case -errno.ENOENT: return 'missing';
            default: return 'other';
          }
        }
      `,
    }),
    // NULL
    valid({
      name: 'NULL tested for truthiness with an early return (a static method)',
      code: `
        import { Store } from './store';
        export function fill(size: number): number {
          const buf = Store.alloc(size);
          if (!buf) return -12;
          buf.fill(0);
          return buf.length;
        }
      `,
    }),
    valid({
      name: 'NULL with ?. and ??',
      code: `
        import { Store } from './store';
        export function capacity(size: number): number {
          return Store.alloc(size)?.length ?? 0;
        }
      `,
    }),
    valid({
      name: 'NULL compared === null, then thrown',
      code: `
        import { Store } from './store';
        export function mustAlloc(size: number): Buffer {
          const buf = Store.alloc(size);
          if (buf === null) throw new RangeError(\`cannot allocate \${size} bytes\`);
          return buf;
        }
      `,
    }),
    valid({
      name: 'NULL from a wrapped function, compared == null',
      code: `
        import { alloc } from './store';
        export function header(): number {
          const buf = alloc(16);
          if (buf == null) return 0;
          return buf.writeUInt32LE(7, 0);
        }
      `,
    }),
    valid({
      name: 'NULL propagated: returned from a function declared to return Buffer | null',
      code: `
        import { alloc } from './store';
        export function page(): Buffer | null {
          return alloc(4096);
        }
      `,
    }),
    valid({
      name: 'NULL with || as a default',
      code: `
        import { alloc } from './store';
        export function scratch(): number {
          const buf = alloc(64) || Buffer.alloc(0);
          return buf.length;
        }
      `,
    }),
    valid({
      name: 'NULL kept in a class field whose type holds null',
      code: `
        import { Store } from './store';
        export class Cache {
          private readonly buf = Store.alloc(1024);
          size(): number { return this.buf?.length ?? 0; }
        }
      `,
    }),
    // ErrPtr, ERRNO_NULL
    valid({
      name: 'the errPtr form tested with isErr, its errno returned with ptrErr',
      code: `
        import { isErr, ptrErr } from '@errinject/core';
        import { Store } from './store';
        export function port(store: Store): number {
          const config = store.load();
          if (isErr(config)) return ptrErr(config);
          return config.port;
        }
      `,
    }),
    valid({
      name: 'ERRNO_NULL tested with isErrOrNull',
      code: `
        import { isErrOrNull } from '@errinject/core';
        import { Store } from './store';
        export function nameOf(store: Store, key: string): string {
          const entry = store.find(key);
          if (isErrOrNull(entry)) return '';
          return entry.name;
        }
      `,
    }),
    valid({
      name: 'ERRNO_NULL compared with null, then tested with isErr',
      code: `
        import { errno, isErr, ptrErr } from '@errinject/core';
        import { Store } from './store';
        export function nameLength(store: Store, key: string): number {
          const entry = store.find(key);
          if (entry === null) return -errno.ENOENT;
          if (isErr(entry)) return ptrErr(entry);
          return entry.name.length;
        }
      `,
    }),
    valid({
      name: 'ERRNO_NULL as numbers: === null || < 0',
      code: `
        import { errno } from '@errinject/core';
        import { Store } from './store';
        export function slot(store: Store, key: string): number {
          const n = store.lookup(key);
          if (n === null || n < 0) return n ?? -errno.ENOENT;
          return n * 2;
        }
      `,
    }),
    // TRUE
    valid({
      name: 'TRUE tested as a boolean',
      code: `
        import { errno } from '@errinject/core';
        import { Store } from './store';
        export function start(store: Store): number {
          if (store.isBusy()) return -errno.EBUSY;
          return 0;
        }
      `,
    }),
    valid({
      name: 'TRUE compared === false: the other branch is the failure',
      code: `
        import { Store } from './store';
        export function tryStart(store: Store, run: () => void): void {
          if (store.isBusy() === false) run();
        }
      `,
    }),
    valid({
      name: 'TRUE in a variable, tested in a conditional expression',
      code: `
        import { errno } from '@errinject/core';
        import { Store } from './store';
        export function status(store: Store): number {
          const busy = store.isBusy();
          return busy ? -errno.EBUSY : 0;
        }
      `,
    }),
    // Promises
    valid({
      name: 'an async injectable awaited, then compared with null',
      code: `
        import { Store } from './store';
        export async function total(store: Store): Promise<number> {
          const data = await store.fetch();
          if (data === null) return 0;
          return data.size;
        }
      `,
    }),
    valid({
      name: 'an async injectable returned from a function whose Promise keeps null',
      code: `
        import { Store, type Data } from './store';
        export function refresh(store: Store): Promise<Data | null> {
          return store.fetch();
        }
      `,
    }),
    valid({
      name: 'an async injectable handled in .then',
      code: `
        import { Store } from './store';
        export function sizeLater(store: Store): Promise<number> {
          return store.fetch().then((data) => data?.size ?? 0);
        }
      `,
    }),
    valid({
      name: 'an async injectable kept in a variable, awaited, with .catch on the way',
      code: `
        import { Store } from './store';
        export async function settle(store: Store): Promise<number> {
          const pending = store.fetch();
          const data = await pending.catch(() => null);
          return data ? data.size : -1;
        }
      `,
    }),
    valid({
      name: 'Promise.all: the results are left to the code that reads them',
      code: `
        import { Store } from './store';
        export async function both(store: Store): Promise<number> {
          const [a, b] = await Promise.all([store.fetch(), store.fetch()]);
          return (a?.size ?? 0) + (b?.size ?? 0);
        }
      `,
    }),
    // Guards
    valid({
      name: 'a configured guard, with an early return',
      config: GUARDS,
      code: `
        import { Store, isFailure } from './store';
        export function guarded(store: Store): number {
          const fd = store.open('/guarded');
          if (isFailure(fd)) return -1;
          return fd + 1;
        }
      `,
    }),
    valid({
      name: 'a configured guard named with its object, as a statement that asserts',
      config: { guards: ['Result.isFailure', 'assertOpen'] },
      code: `
        import { Result, Store } from './store';
        declare function assertOpen(fd: number): void;
        export function checked(store: Store): number {
          const fd = store.open('/a');
          if (Result.isFailure(fd)) return -1;
          const other = store.open('/b');
          assertOpen(other);
          return fd + other;
        }
      `,
    }),
    // More shapes of checks and of propagation
    valid({
      name: 'ERRNO compared the other way round: 0 > fd, and fd <= -1',
      code: `
        import { Store, read } from './store';
        export function both(store: Store): number {
          const a = store.open('/a');
          if (0 > a) return a;
          const b = store.open('/b');
          if (b <= -1) return b;
          return read(a) + read(b);
        }
      `,
    }),
    valid({
      name: 'ERRNO compared === 0 where it is made (0 or -errno)',
      code: `
        import { Store } from './store';
        export function countOpen(store: Store, paths: string[]): number {
          let opened = 0;
          for (const path of paths) if (store.open(path) === 0) opened++;
          return opened;
        }
      `,
    }),
    valid({
      name: 'ERRNO switched on in a variable',
      code: `
        import { errno } from '@errinject/core';
        import { Store } from './store';
        export function explainCode(store: Store): string {
          const ret = store.open('/x');
          switch (ret) {
            case 0: return 'ok';
            case -errno.EACCES: return 'denied';
            default: return \`error \${ret}\`;
          }
        }
      `,
    }),
    valid({
      name: 'ERRNO: process.exit, which returns never, leaves',
      code: `
        import { Store, read } from './store';
        export function cli(store: Store): number {
          const fd = store.open(process.argv[2] ?? '-');
          if (fd < 0) process.exit(1);
          return read(fd);
        }
      `,
    }),
    valid({
      name: 'ERRNO: a failure branch whose if and else both leave',
      code: `
        import { errno } from '@errinject/core';
        import { Store, read } from './store';
        export function optional(store: Store): number {
          const fd = store.open('/optional');
          if (fd < 0) {
            if (fd === -errno.ENOENT) return 0;
            else throw new Error(\`open: \${fd}\`);
          }
          return read(fd);
        }
      `,
    }),
    valid({
      name: 'ERRNO: the else branch leaves',
      code: `
        import { Store, read } from './store';
        export function verbose(store: Store): number {
          const fd = store.open('/v');
          if (fd >= 0) console.log('opened', fd);
          else return fd;
          return read(fd);
        }
      `,
    }),
    valid({
      name: 'ERRNO assigned and checked inside a branch, read after it',
      code: `
        import { Store } from './store';
        export function maybe(store: Store, path: string): number {
          let fd = -1;
          if (path !== '') {
            fd = store.open(path);
            if (fd < 0) return fd;
          }
          return fd + 1;
        }
      `,
    }),
    valid({
      name: 'ERRNO checked on the left of || and &&, read on the right',
      code: `
        import { Store, read } from './store';
        export function healthy(store: Store): boolean {
          const fd = store.open('/health');
          if (fd < 0 || read(fd) !== 0) return false;
          const again = store.open('/health');
          return again >= 0 && read(again) === 0;
        }
      `,
    }),
    valid({
      name: 'ERRNO in a for loop that reads while the result is >= 0',
      code: `
        import { openFile, read } from './store';
        export function drain(path: string): number {
          let total = 0;
          for (let fd = openFile(path); fd >= 0; fd = openFile(path)) total += read(fd);
          return total;
        }
      `,
    }),
    valid({
      name: 'ERRNO: one errno turned into success, the rest returned',
      code: `
        import { errno } from '@errinject/core';
        import { Store } from './store';
        export function unlinkQuiet(store: Store): number {
          let ret = store.open('/stale');
          if (ret === -errno.ENOENT) ret = 0;
          return ret;
        }
      `,
    }),
    valid({
      name: 'ERRNO checked, then copied',
      code: `
        import { Store } from './store';
        export function copyAfter(store: Store): number {
          const fd = store.open('/c');
          if (fd < 0) return fd;
          const copy = fd;
          return copy + 1;
        }
      `,
    }),
    valid({
      name: 'ERRNO returned from a function whose return type is inferred',
      code: `
        import { Store } from './store';
        export function openLog(store: Store) {
          return store.open('/var/log/app');
        }
      `,
    }),
    valid({
      name: 'ERRNO kept in a property and left for the other methods',
      code: `
        import { Store } from './store';
        export class Session {
          private fd = -1;
          constructor(private readonly store: Store) {}
          begin(): void {
            this.fd = this.store.open('/session');
          }
          ok(): boolean { return this.fd >= 0; }
        }
      `,
    }),
    valid({
      name: 'NULL through && into a variable that is then tested',
      code: `
        import { Store } from './store';
        export function maybeFill(enabled: boolean): number {
          const buf = enabled && Store.alloc(32);
          if (!buf) return 0;
          return buf.fill(1).length;
        }
      `,
    }),
    valid({
      name: 'NULL as the fallback of ??, into a variable that is then tested',
      code: `
        import { alloc } from './store';
        export function reuse(cached: Buffer | undefined): number {
          const buf = cached ?? alloc(16);
          if (!buf) return 0;
          return buf.length;
        }
      `,
    }),
    valid({
      name: 'NULL from a method of a generic class, compared with null',
      code: `
        import { AllowErrorInjection, EI_TYPE_NULL } from '@errinject/core';
        export class Pool<T> {
          constructor(private readonly items: T[]) {}
          @AllowErrorInjection(EI_TYPE_NULL) take(): T | null { return this.items.pop() ?? null; }
        }
        export function next(pool: Pool<string>): string {
          const item = pool.take();
          if (item === null) return '';
          return item.toUpperCase();
        }
      `,
    }),
    valid({
      name: 'NULL on a method that declares undefined instead: ?. in a condition narrows it',
      code: `
        import { AllowErrorInjection, EI_TYPE_NULL } from '@errinject/core';
        export class Ring {
          constructor(private readonly lines: string[]) {}
          @AllowErrorInjection(EI_TYPE_NULL) at(index: number): string | undefined { return this.lines[index]; }
        }
        export function wrapped(ring: Ring): boolean {
          const line = ring.at(1);
          return line?.endsWith('\\\\') === true && line.length > 1;
        }
      `,
    }),
    valid({
      name: 'NULL cast to a type that keeps null',
      code: `
        import { alloc } from './store';
        export function view(): Uint8Array | null {
          return alloc(8) as Uint8Array | null;
        }
      `,
    }),
    valid({
      name: 'NULL stored in an array whose element type holds null, directly and from a variable',
      code: `
        import { alloc } from './store';
        export function reserve(slots: Array<Buffer | null>): void {
          slots[0] = alloc(64);
          const spare = alloc(64);
          slots[1] = spare;
        }
      `,
    }),
    valid({
      name: 'NULL tested with instanceof',
      code: `
        import { alloc } from './store';
        export function bytes(): number {
          const buf = alloc(8);
          if (!(buf instanceof Buffer)) return 0;
          return buf.length;
        }
      `,
    }),
    valid({
      name: 'NULL compared != undefined',
      code: `
        import { alloc } from './store';
        export function length(): number {
          const buf = alloc(8);
          if (buf != undefined) return buf.length;
          return 0;
        }
      `,
    }),
    valid({
      name: 'NULL in an exported variable: its importers check it',
      code: `
        import { alloc } from './store';
        export const scratch = alloc(4096);
      `,
    }),
    valid({
      name: 'TRUE compared === true with an early return',
      code: `
        import { errno } from '@errinject/core';
        import { Store } from './store';
        export function claim(store: Store, log: (busy: boolean) => void): number {
          const busy = store.isBusy();
          if (busy === true) return -errno.EBUSY;
          log(busy);
          return 0;
        }
      `,
    }),
    valid({
      name: 'TRUE polled in a for condition, after another test',
      code: `
        import { Store } from './store';
        export function waitIdle(store: Store, wait: () => void): void {
          for (let tries = 0; tries < 3 && store.isBusy(); tries++) wait();
        }
      `,
    }),
    valid({
      name: 'an async injectable in a variable, handled in .then',
      code: `
        import { Store } from './store';
        export function sizeSoon(store: Store): Promise<number> {
          const pending = store.fetch();
          return pending.then((data) => data?.size ?? 0);
        }
      `,
    }),
    valid({
      name: 'an async injectable in a variable, returned',
      code: `
        import { Store, type Data } from './store';
        export function started(store: Store): Promise<Data | null> {
          const pending = store.fetch();
          console.log('fetching');
          return pending;
        }
      `,
    }),
    // experimentalDecorators
    valid({
      name: 'experimentalDecorators: this.open compared < 0',
      compilerOptions: LEGACY,
      code: `
        import { AllowErrorInjection, EI_TYPE_ERRNO } from '@errinject/core';
        export class Volume {
          @AllowErrorInjection(EI_TYPE_ERRNO) open(path: string): number { return path.length; }
          mount(path: string): number {
            const ret = this.open(path);
            if (ret < 0) return ret;
            return ret + 1;
          }
        }
      `,
    }),
    valid({
      name: 'experimentalDecorators: a static NULL method checked with ?.',
      compilerOptions: LEGACY,
      code: `
        import { AllowErrorInjection, EI_TYPE_NULL } from '@errinject/core';
        export class Arena {
          @AllowErrorInjection(EI_TYPE_NULL) static grab(size: number): Uint8Array | null { return new Uint8Array(size); }
          static first(): number { return Arena.grab(8)?.[0] ?? -1; }
        }
      `,
    }),
  ],
  invalid: [
    // ERRNO
    invalid({
      name: 'ERRNO discarded',
      code: `
        import { Store } from './store';
        export function close(store: Store): void {
          store.open('/tmp/lock');
        }
      `,
      errors: [{ line: 3, column: 3 }],
    }),
    invalid({
      name: 'ERRNO discarded with void',
      code: `
        import { Store } from './store';
        export function poke(store: Store): void {
          void store.open('/tmp/poke');
        }
      `,
      errors: [{ line: 3, column: 8 }],
    }),
    invalid({
      name: 'ERRNO in a variable never read',
      code: `
        import { Store } from './store';
        export function init(store: Store): void {
          const fd = store.open('/init');
        }
      `,
      errors: [{ line: 3, column: 14 }],
    }),
    invalid({
      name: 'ERRNO used in arithmetic before any check',
      code: `
        import { Store } from './store';
        export function next(store: Store): number {
          const fd = store.open('/next');
          return fd + 1;
        }
      `,
      errors: [{ line: 3, column: 14 }],
    }),
    invalid({
      name: 'ERRNO used before the check that follows',
      code: `
        import { Store, read } from './store';
        export function late(store: Store): number {
          const fd = store.open('/late');
          const n = read(fd);
          if (fd < 0) return fd;
          return n;
        }
      `,
      errors: [{ line: 3, column: 14 }],
    }),
    invalid({
      name: 'ERRNO checked, but the failure branch does not leave',
      code: `
        import { Store, read } from './store';
        export function careless(store: Store): number {
          const fd = store.open('/careless');
          if (fd < 0) console.error('open failed', fd);
          return read(fd);
        }
      `,
      errors: [{ line: 3, column: 14 }],
    }),
    invalid({
      name: 'ERRNO compared > 0 where it is made',
      code: `
        import { Store } from './store';
        export function count(store: Store, paths: string[]): number {
          let opened = 0;
          for (const path of paths) if (store.open(path) > 0) opened++;
          return opened;
        }
      `,
      errors: [{ line: 4, column: 33 }],
    }),
    invalid({
      name: 'ERRNO compared > 0, then used as if it succeeded',
      code: `
        import { Store, read } from './store';
        export function positive(store: Store): number {
          const ret = store.open('/p');
          if (ret > 0) return ret;
          return read(ret);
        }
      `,
      errors: [{ line: 3, column: 15 }],
    }),
    invalid({
      name: 'ERRNO compared > 0 and passed on only in that branch: the errno is swallowed',
      code: `
        import { Store } from './store';
        export function positive(store: Store): number {
          const ret = store.open('/p');
          if (ret > 0) return ret;
          return 0;
        }
      `,
      errors: [{ line: 3, column: 15 }],
    }),
    invalid({
      name: 'ERRNO compared with null, which it never returns',
      code: `
        import { Store, read } from './store';
        export function wrongKind(store: Store): number {
          const fd = store.open('/w');
          if (fd === null) return -1;
          return read(fd);
        }
      `,
      errors: [{ line: 3, column: 14 }],
    }),
    invalid({
      name: 'ERRNO through an interface, used directly',
      code: `
        import type { Opener } from './store';
        export function name(opener: Opener): string {
          return opener.open('/dev/tty').toString(16);
        }
      `,
      errors: [{ line: 3, column: 10 }],
    }),
    invalid({
      name: 'ERRNO through a base class, passed as an argument',
      code: `
        import { read, type Device } from './store';
        export function dump(device: Device): number {
          return read(device.open('/dev/mem'));
        }
      `,
      errors: [{ line: 3, column: 15 }],
    }),
    invalid({
      name: 'ERRNO through this, in a template literal',
      code: `
        import { AllowErrorInjection, EI_TYPE_ERRNO } from '@errinject/core';
        export class Port {
          @AllowErrorInjection(EI_TYPE_ERRNO) bind(port: number): number { return port; }
          describe(): string { return \`bound to \${this.bind(80)}\`; }
        }
      `,
      errors: [{ line: 4, column: 43 }],
    }),
    invalid({
      name: 'a wrapped function discarded',
      code: `
        import { openFile } from './store';
        export function warm(): void {
          openFile('/cache');
        }
      `,
      errors: [{ line: 3, column: 3 }],
    }),
    invalid({
      name: 'ERRNO returned from a callback whose return type is void',
      code: `
        import { Store } from './store';
        export function openAll(store: Store, paths: string[]): void {
          paths.forEach((path) => store.open(path));
        }
      `,
      errors: [{ line: 3, column: 27 }],
    }),
    invalid({
      name: 'ERRNO in a property, used before any check',
      code: `
        import { Store } from './store';
        export class Session {
          private fd = -1;
          constructor(private readonly store: Store) {}
          start(): number {
            this.fd = this.store.open('/session');
            return this.fd * 2;
          }
        }
      `,
      errors: [{ line: 6, column: 15 }],
    }),
    invalid({
      name: 'ERRNO copied to another variable that is used unchecked',
      code: `
        import { Store } from './store';
        export function copy(store: Store): number {
          const fd = store.open('/copy');
          const ret = fd;
          return ret * 2;
        }
      `,
      errors: [{ line: 3, column: 14 }],
    }),
    invalid({
      name: 'ERRNO read in a closure made before the check',
      code: `
        import { Store, read } from './store';
        export function early(store: Store): number {
          const fd = store.open('/early');
          setImmediate(() => read(fd));
          if (fd < 0) return fd;
          return 0;
        }
      `,
      errors: [{ line: 3, column: 14 }],
    }),
    // NULL
    invalid({
      name: 'NULL asserted with ! where it is made',
      code: `
        import { Store } from './store';
        export function zeroed(size: number): Buffer {
          return Store.alloc(size)!.fill(0);
        }
      `,
      errors: [{ line: 3, column: 10 }],
    }),
    invalid({
      name: 'NULL cast with as',
      code: `
        import { alloc } from './store';
        export function block(): Buffer {
          return alloc(512) as Buffer;
        }
      `,
      errors: [{ line: 3, column: 10 }],
    }),
    invalid({
      name: 'NULL in a variable, asserted with ! later',
      code: `
        import { alloc } from './store';
        export function word(): number {
          const buf = alloc(4);
          return buf!.readUInt32LE(0);
        }
      `,
      errors: [{ line: 3, column: 15 }],
    }),
    invalid({
      name: 'NULL tested with === undefined, which misses null',
      code: `
        import { alloc } from './store';
        export function len(): number {
          const buf = alloc(4);
          if (buf === undefined) return 0;
          return buf!.length;
        }
      `,
      errors: [{ line: 3, column: 15 }],
    }),
    // ErrPtr, ERRNO_NULL
    invalid({
      name: 'the errPtr form tested for truthiness, which never catches an ErrPtr',
      code: `
        import { Store } from './store';
        export function show(store: Store): void {
          const config = store.load();
          if (!config) return;
          console.log(config);
        }
      `,
      errors: [{ line: 3, column: 18 }],
    }),
    invalid({
      name: 'ERRNO_NULL compared only with null',
      code: `
        import { Store } from './store';
        export function print(store: Store, key: string): void {
          const entry = store.find(key);
          if (entry === null) return;
          console.log(entry);
        }
      `,
      errors: [{ line: 3, column: 17 }],
    }),
    invalid({
      name: 'ERRNO_NULL tested only for the errno',
      code: `
        import { isErr } from '@errinject/core';
        import { Store } from './store';
        export function log(store: Store, key: string): void {
          const entry = store.find(key);
          if (isErr(entry)) return;
          console.log(entry);
        }
      `,
      errors: [{ line: 4, column: 17 }],
    }),
    invalid({
      name: 'ERRNO_NULL as numbers, compared only with null',
      code: `
        import { errno } from '@errinject/core';
        import { Store } from './store';
        export function double(store: Store, key: string): number {
          const n = store.lookup(key);
          if (n === null) return -errno.ENOENT;
          return n * 2;
        }
      `,
      errors: [{ line: 4, column: 13 }],
    }),
    invalid({
      name: 'ERRNO_NULL tested for truthiness where it is made: only null',
      code: `
        import { Store } from './store';
        export function exists(store: Store, key: string): boolean {
          if (!store.find(key)) return false;
          return true;
        }
      `,
      errors: [{ line: 3, column: 8 }],
    }),
    invalid({
      name: 'ERRNO_NULL with ??: only null',
      code: `
        import { Store } from './store';
        export function slot(store: Store, key: string): number {
          return store.lookup(key) ?? 0;
        }
      `,
      errors: [{ line: 3, column: 10 }],
    }),
    invalid({
      name: 'ERRNO_NULL with ?.: only null',
      code: `
        import { Store } from './store';
        export function hex(store: Store, key: string): string {
          return store.lookup(key)?.toString(16) ?? '';
        }
      `,
      errors: [{ line: 3, column: 10 }],
    }),
    // TRUE
    invalid({
      name: 'TRUE discarded',
      code: `
        import { Store } from './store';
        export function ping(store: Store): void {
          store.isBusy();
        }
      `,
      errors: [{ line: 3, column: 3 }],
    }),
    invalid({
      name: 'TRUE passed on as an argument',
      code: `
        import { Store } from './store';
        export function report(store: Store, send: (busy: boolean) => void): void {
          send(store.isBusy());
        }
      `,
      errors: [{ line: 3, column: 8 }],
    }),
    invalid({
      name: 'TRUE with ??, which tests for null',
      code: `
        import { Store } from './store';
        export function idle(store: Store): boolean {
          const busy = store.isBusy() ?? false;
          return !busy;
        }
      `,
      errors: [{ line: 3, column: 16 }],
    }),
    // Promises
    invalid({
      name: 'a floating promise of an async injectable',
      code: `
        import { Store } from './store';
        export async function prefetch(store: Store): Promise<void> {
          store.fetch();
        }
      `,
      errors: [{ line: 3, column: 3 }],
    }),
    invalid({
      name: 'a promise kept in a variable, never awaited',
      code: `
        import { Store } from './store';
        export function start(store: Store): void {
          const pending = store.fetch();
        }
      `,
      errors: [{ line: 3, column: 19 }],
    }),
    invalid({
      name: 'an async injectable awaited, then asserted with !',
      code: `
        import { Store } from './store';
        export async function size(store: Store): Promise<number> {
          return (await store.fetch())!.size;
        }
      `,
      errors: [{ line: 3, column: 17 }],
    }),
    invalid({
      name: 'an async injectable awaited from a variable, then used unchecked',
      code: `
        import { Store } from './store';
        export async function show(store: Store): Promise<void> {
          const pending = store.fetch();
          const data = await pending;
          console.log(data.size);
        }
      `,
      errors: [{ line: 3, column: 19 }],
    }),
    invalid({
      name: 'an async injectable whose value .then ignores',
      code: `
        import { Store } from './store';
        export function kick(store: Store, done: () => void): Promise<void> {
          return store.fetch().then(() => done());
        }
      `,
      errors: [{ line: 3, column: 10 }],
    }),
    invalid({
      name: 'an async injectable whose value .then passes to a function',
      code: `
        import { Store, type Data } from './store';
        export function render(store: Store, draw: (data: Data | null) => void): Promise<void> {
          return store.fetch().then(draw);
        }
      `,
      errors: [{ line: 3, column: 10 }],
    }),
    // Guards
    invalid({
      name: 'a guard that is not configured does not count',
      code: `
        import { Store, isFailure } from './store';
        export function unguarded(store: Store): number {
          const fd = store.open('/u');
          if (isFailure(fd)) return -1;
          return fd + 1;
        }
      `,
      errors: [{ line: 3, column: 14 }],
    }),
    // More shapes
    invalid({
      name: 'ERRNO compared === -1 only, as in C',
      code: `
        import { Store, read } from './store';
        export function cStyle(store: Store): number {
          const fd = store.open('/c');
          if (fd === -1) return -1;
          return read(fd);
        }
      `,
      errors: [{ line: 3, column: 14 }],
    }),
    invalid({
      name: 'ERRNO put in an object literal',
      code: `
        import { Store } from './store';
        export function handle(store: Store): { fd: number } {
          const fd = store.open('/h');
          return { fd };
        }
      `,
      errors: [{ line: 3, column: 14 }],
    }),
    invalid({
      name: 'ERRNO updated with += before any check',
      code: `
        import { Store } from './store';
        export function header(store: Store): number {
          let written = store.open('/h');
          written += 4;
          return written;
        }
      `,
      errors: [{ line: 3, column: 17 }],
    }),
    invalid({
      name: 'ERRNO returned into forEach from a block',
      code: `
        import { Store } from './store';
        export function touchAll(store: Store, paths: string[]): void {
          paths.forEach((path) => {
            const fd = store.open(path);
            return fd;
          });
        }
      `,
      errors: [{ line: 4, column: 16 }],
    }),
    invalid({
      name: 'ERRNO reassigned in one branch: the read after sees either result',
      code: `
        import { Store, read } from './store';
        export function twice(store: Store, retry: boolean): number {
          let fd = store.open('/t');
          if (retry) fd = store.open('/t');
          return read(fd);
        }
      `,
      errors: [
        { line: 3, column: 12 },
        { line: 4, column: 19 },
      ],
    }),
    invalid({
      name: 'NULL from a wrapped function the source does not show, asserted with !',
      code: `
        import { allowErrorInjection, EI_TYPE_NULL } from '@errinject/core';
        declare function makeAllocator(): (size: number) => Uint8Array | null;
        export const grab = allowErrorInjection(EI_TYPE_NULL, makeAllocator(), { name: 'grab' });
        export function first(): number {
          return grab(4)![0]!;
        }
      `,
      errors: [{ line: 5, column: 10 }],
    }),
    invalid({
      name: 'NULL on a method that declares undefined instead, cast to drop it',
      code: `
        import { AllowErrorInjection, EI_TYPE_NULL } from '@errinject/core';
        export class Ring {
          constructor(private readonly lines: string[]) {}
          @AllowErrorInjection(EI_TYPE_NULL) at(index: number): string | undefined { return this.lines[index]; }
        }
        export function width(ring: Ring): number {
          return (ring.at(0) as string).length;
        }
      `,
      errors: [{ line: 7, column: 11 }],
    }),
    invalid({
      name: 'NULL in a variable, cast with as',
      code: `
        import { alloc } from './store';
        export function must(): Buffer {
          const buf = alloc(8);
          return buf as Buffer;
        }
      `,
      errors: [{ line: 3, column: 15 }],
    }),
    invalid({
      name: 'ERRNO_NULL in a variable with ??: only null',
      code: `
        import { Store } from './store';
        export function slotOf(store: Store, key: string): number {
          const n = store.lookup(key);
          return n ?? 0;
        }
      `,
      errors: [{ line: 3, column: 13 }],
    }),
    invalid({
      name: 'ERRNO_NULL checked only for null, and the errno dropped',
      code: `
        import { Store } from './store';
        export function has(store: Store, key: string): boolean {
          const entry = store.find(key);
          if (entry === null) return false;
          return true;
        }
      `,
      errors: [{ line: 3, column: 17 }],
    }),
    invalid({
      name: 'an async injectable cast to a Promise without null',
      code: `
        import { Store, type Data } from './store';
        export function sure(store: Store): Promise<Data> {
          return store.fetch() as Promise<Data>;
        }
      `,
      errors: [{ line: 3, column: 10 }],
    }),
    invalid({
      name: 'a promise in a variable, passed to a function',
      code: `
        import { Store } from './store';
        export function watch(store: Store, track: (pending: Promise<unknown>) => void): void {
          const pending = store.fetch();
          track(pending);
        }
      `,
      errors: [{ line: 3, column: 19 }],
    }),
    // experimentalDecorators
    invalid({
      name: 'experimentalDecorators: this.open discarded',
      compilerOptions: LEGACY,
      code: `
        import { AllowErrorInjection, EI_TYPE_ERRNO } from '@errinject/core';
        export class Volume {
          @AllowErrorInjection(EI_TYPE_ERRNO) open(path: string): number { return path.length; }
          remount(path: string): void {
            this.open(path);
          }
        }
      `,
      errors: [{ line: 5, column: 5 }],
    }),
    invalid({
      name: 'experimentalDecorators: a static NULL method asserted with !',
      compilerOptions: LEGACY,
      code: `
        import { AllowErrorInjection, EI_TYPE_NULL } from '@errinject/core';
        export class Arena {
          @AllowErrorInjection(EI_TYPE_NULL) static grab(size: number): Uint8Array | null { return new Uint8Array(size); }
          static first(): number { return Arena.grab(8)![0]!; }
        }
      `,
      errors: [{ line: 4, column: 35 }],
    }),
    invalid({
      name: 'experimentalDecorators: an async method awaited and cast',
      compilerOptions: LEGACY,
      code: `
        import { AllowErrorInjection, EI_TYPE_NULL } from '@errinject/core';
        export class Feed {
          @AllowErrorInjection(EI_TYPE_NULL) async next(): Promise<string | null> { return 'item'; }
          async head(): Promise<number> { return (await this.next() as string).length; }
        }
      `,
      errors: [{ line: 4, column: 49 }],
    }),
  ],
});

describe('ei/unchecked-call messages', () => {
  describe('when a result is used before it is checked', () => {
    it('should name the function, its error type and the check that is missing', () => {
      // Arrange
      const testCase = valid({
        name: 'message',
        code: `
          import { Store } from './store';
          export function next(store: Store): number {
            const fd = store.open('/next');
            return fd + 1;
          }
        `,
      });

      // Act
      const [finding] = lintCase('ei/unchecked-call', testCase);

      // Assert
      expect(finding?.message).to.equal(
        'the result of Store.open (ERRNO: fails with a negative errno) is used (`fd + 1`, line 4) before it is checked; compare it `< 0` (or return it) first',
      );
    });
  });

  describe('when an ERRNO_NULL result is checked only for null', () => {
    it('should say so, and name the guard that checks both', () => {
      // Arrange
      const testCase = valid({
        name: 'message',
        code: `
          import { Store } from './store';
          export function print(store: Store, key: string): void {
            const entry = store.find(key);
            if (entry === null) return;
            console.log(entry);
          }
        `,
      });

      // Act
      const [finding] = lintCase('ei/unchecked-call', testCase);

      // Assert
      expect(finding?.message).to.equal(
        'the result of Store.find (ERRNO_NULL: fails with null or an ErrPtr) is checked only for null (`console.log(entry)`, line 5); test it with isErrOrNull (or return it)',
      );
    });
  });

  describe('when an async result is neither awaited nor returned', () => {
    it('should call it a floating promise of what it resolves to', () => {
      // Arrange
      const testCase = valid({
        name: 'message',
        code: `
          import { Store } from './store';
          export function prefetch(store: Store): void {
            store.fetch();
          }
        `,
      });

      // Act
      const [finding] = lintCase('ei/unchecked-call', testCase);

      // Assert
      expect(finding?.message).to.equal(
        'the promise of Store.fetch (NULL: resolves to null) is neither awaited nor returned; await it and compare it with null, test it, or use `?.` or `??` (or return it)',
      );
    });
  });

  describe('when a result is returned where it cannot be carried on', () => {
    it('should name the type that drops it', () => {
      // Arrange
      const testCase = valid({
        name: 'message',
        code: `
          import { Store } from './store';
          export function openAll(store: Store, paths: string[]): void {
            paths.forEach((path) => store.open(path));
          }
        `,
      });

      // Act
      const [finding] = lintCase('ei/unchecked-call', testCase);

      // Assert
      expect(finding?.message).to.equal(
        'the result of Store.open (ERRNO: fails with a negative errno) is returned where `void` is expected, which cannot carry the failure; compare it `< 0` first',
      );
    });
  });
});
