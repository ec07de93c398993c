import { expect } from 'chai';
import { lintCase, ruleTester } from '../support/ruleTester';

const IMPORTS =
  "import { AllowErrorInjection, allowErrorInjection, EI_TYPE_NULL, EI_TYPE_ERRNO, EI_TYPE_ERRNO_NULL, EI_TYPE_TRUE, errno, errPtr, isErr, isErrOrNull, ptrErr, type ErrPtr } from '@errinject/core';";
const LEGACY = { experimentalDecorators: true };
const MUTEX = 'declare class Mutex { lock(): void; unlock(): void; acquire(): Promise<() => void>; hold(): void; touch(): void; }';

ruleTester('ei/state-before-error', {
  valid: [
    {
      name: 'the error return comes first',
      code: `
        ${IMPORTS}
        export class Store {
          private count = 0;
          @AllowErrorInjection(EI_TYPE_ERRNO)
          open(path: string): number {
            if (path === '') return -errno.EINVAL;
            this.count++;
            return 0;
          }
        }
      `,
    },
    {
      name: 'locals change freely, and objects created in the function',
      code: `
        ${IMPORTS}
        export class Store {
          @AllowErrorInjection(EI_TYPE_NULL)
          build(parts: string[]): { parts: string[] } | null {
            let n = 0;
            n++;
            const seen = new Set<string>();
            seen.add('a');
            const list: string[] = [];
            list.push('x');
            const result = { parts: list };
            result.parts = parts.slice();
            result.parts.push('y');
            const copy = [...parts];
            copy.sort();
            if (n > parts.length) return null;
            return result;
          }
        }
      `,
    },
    {
      name: 'a parameter reassigned is a local',
      code: `
        ${IMPORTS}
        export const alloc = allowErrorInjection(EI_TYPE_NULL, function alloc(size: number): Buffer | null {
          size = Math.max(size, 1);
          size += 8;
          if (size > 1024) return null;
          return Buffer.alloc(size);
        });
      `,
    },
    {
      name: 'state changed only after the error return',
      code: `
        ${IMPORTS}
        const registry = new Map<string, number>();
        export class Store {
          private items: string[] = [];
          @AllowErrorInjection(EI_TYPE_ERRNO)
          add(name: string, out: { id: number }): number {
            if (registry.has(name)) return -errno.EEXIST;
            this.items.push(name);
            registry.set(name, this.items.length);
            out.id = this.items.length;
            return 0;
          }
        }
      `,
    },
    {
      name: 'a saved value written back before the error return',
      code: `
        ${IMPORTS}
        export class Parser {
          private depth = 0;
          private mode = 'text';
          @AllowErrorInjection(EI_TYPE_ERRNO)
          parse(input: string): number {
            const oldDepth = this.depth;
            const oldMode = this.mode;
            this.depth = 1;
            this.mode = 'code';
            this.depth++;
            if (input === '') {
              this.mode = oldMode;
              this.depth = oldDepth;
              return -errno.EINVAL;
            }
            return 0;
          }
        }
      `,
    },
    {
      name: 'a configured lock released before the error return',
      code: `
        ${IMPORTS}
        ${MUTEX}
        export class Queue {
          private readonly mutex = new Mutex();
          @AllowErrorInjection(EI_TYPE_NULL)
          take(): string | null {
            this.mutex.lock();
            const item = this.peek();
            if (item === undefined) {
              this.mutex.unlock();
              return null;
            }
            this.mutex.unlock();
            return item;
          }
          peek(): string | undefined { return undefined; }
        }
      `,
      config: { lockCalls: ['mutex.lock'] },
    },
    {
      name: 'a configured lock released in finally, the error return inside try',
      code: `
        ${IMPORTS}
        ${MUTEX}
        export class Queue {
          private readonly mutex = new Mutex();
          @AllowErrorInjection(EI_TYPE_ERRNO)
          flush(): number {
            this.mutex.lock();
            try {
              if (this.empty()) return -errno.EAGAIN;
              return 0;
            } finally {
              this.mutex.unlock();
            }
          }
          empty(): boolean { return true; }
        }
      `,
      config: { lockCalls: ['mutex.lock'] },
    },
    {
      name: 'an async lock whose release function is called before the error return',
      code: `
        ${IMPORTS}
        ${MUTEX}
        export class Pool {
          private readonly mutex = new Mutex();
          @AllowErrorInjection(EI_TYPE_NULL)
          async get(key: string): Promise<string | null> {
            const release = await this.mutex.acquire();
            if (key === '') {
              release();
              return null;
            }
            release();
            return key;
          }
        }
      `,
      config: { lockCalls: ['acquire'] },
    },
    {
      name: 'a configured lock held by a using declaration, disposed before the return completes',
      code: `
        ${IMPORTS}
        declare class Lock { take(): Disposable; takeAsync(): Promise<AsyncDisposable>; }
        export class Queue {
          private readonly guard = new Lock();
          @AllowErrorInjection(EI_TYPE_NULL)
          async take(): Promise<string | null> {
            using held = this.guard.take();
            await using later = await this.guard.takeAsync();
            if (held === later) return null;
            return 'x';
          }
        }
      `,
      config: { lockCalls: ['guard.take', 'guard.takeAsync'] },
      compilerOptions: { lib: ['es2023', 'esnext.disposable'] },
    },
    {
      name: 'a plain function lock released with the same argument',
      code: `
        ${IMPORTS}
        declare function acquire(lock: object): void;
        declare function release(lock: object): void;
        const table = {};
        export const lookup = allowErrorInjection(EI_TYPE_ERRNO, function lookup(key: string): number {
          acquire(table);
          if (key === '') {
            release(table);
            return -errno.ENOENT;
          }
          release(table);
          return 0;
        });
      `,
      config: { lockCalls: ['acquire'] },
    },
    {
      name: 'a counter, a push, a set and a flag undone before the error return',
      code: `
        ${IMPORTS}
        export class Tracker {
          private users = 0;
          private readonly stack: string[] = [];
          private readonly byName = new Map<string, number>();
          private readonly names = new Set<string>();
          private busy = false;
          @AllowErrorInjection(EI_TYPE_ERRNO)
          enter(name: string): number {
            if (this.busy) return 0;
            this.busy = true;
            this.users += 1;
            this.stack.push(name);
            this.byName.set(name, 1);
            this.names.add(name);
            if (name.length > 8) {
              this.names.delete(name);
              this.byName.delete(name);
              this.stack.pop();
              this.users -= 1;
              this.busy = false;
              return -errno.ENAMETOOLONG;
            }
            return 0;
          }
        }
      `,
    },
    {
      name: 'changes in a branch that returns a success or throws do not reach the error return',
      code: `
        ${IMPORTS}
        export class Cache {
          private hits = 0;
          private failures = 0;
          private readonly map = new Map<string, Buffer>();
          @AllowErrorInjection(EI_TYPE_NULL, { name: 'Cache.get' })
          get(key: string): Buffer | null {
            const hit = this.map.get(key);
            if (hit !== undefined) {
              this.hits++;
              return hit;
            }
            if (key.startsWith('!')) {
              this.failures++;
              throw new Error(\`bad key \${key}\`);
            } else if (key.length > 100) {
              this.failures++;
              return Buffer.alloc(0);
            } else {
              // nothing
            }
            if (key === 'b') {
              try {
                this.hits++;
                return Buffer.alloc(2);
              } finally {
                console.log('b');
              }
            }
            switch (key) {
              case 'a':
                this.hits++;
                return Buffer.alloc(1);
              default:
                break;
            }
            const made = Buffer.alloc(key.length);
            if (made.length === 0) return null;
            this.map.set(key, made);
            return made;
          }
        }
      `,
    },
    {
      name: 'a lock call that is not configured',
      code: `
        ${IMPORTS}
        ${MUTEX}
        export class Queue {
          private readonly mutex = new Mutex();
          @AllowErrorInjection(EI_TYPE_NULL)
          take(): string | null {
            this.mutex.lock();
            return null;
          }
        }
      `,
    },
    {
      name: 'a function with no error return (it never fails by itself)',
      code: `
        ${IMPORTS}
        let live = 0;
        export class Slab {
          @AllowErrorInjection(EI_TYPE_NULL)
          static kmalloc(size: number): Buffer | null {
            live++;
            return Buffer.alloc(size);
          }
          @AllowErrorInjection(EI_TYPE_TRUE)
          static busy(): boolean {
            live--;
            return false;
          }
          @AllowErrorInjection(EI_TYPE_ERRNO)
          static count(): number {
            live = 0;
            return 0;
          }
        }
      `,
    },
    {
      name: 'a throw is not an error return',
      code: `
        ${IMPORTS}
        export class Store {
          private opened = 0;
          @AllowErrorInjection(EI_TYPE_ERRNO)
          open(path: string): number {
            this.opened++;
            if (path === '') throw new Error('no path');
            return 3;
          }
        }
      `,
    },
    {
      name: 'a nested function that changes state is not called before the error return',
      code: `
        ${IMPORTS}
        export class Timer {
          private fired = false;
          @AllowErrorInjection(EI_TYPE_ERRNO)
          start(ms: number): number {
            const fire = (): void => {
              this.fired = true;
            };
            setTimeout(function () { console.log('later'); }, ms);
            if (ms < 0) return -errno.EINVAL;
            setTimeout(fire, ms);
            return 0;
          }
        }
      `,
    },
    {
      name: 'calls that read state, or of helpers, are not changes',
      code: `
        ${IMPORTS}
        export class Index {
          private readonly items: string[] = [];
          private readonly map = new Map<string, number>();
          @AllowErrorInjection(EI_TYPE_ERRNO_NULL)
          find(name: string): string | ErrPtr | null {
            if (!this.items.includes(name)) this.log(name);
            const n = this.map.get(name);
            const copy = this.items.slice();
            copy.reverse();
            if (n === undefined) return null;
            return this.items[n] ?? errPtr(-errno.ENOENT);
          }
          log(message: string): void { console.log(message); }
        }
      `,
    },
    {
      name: 'an element read from state and changed only after the error return',
      code: `
        ${IMPORTS}
        interface Entry { hits: number }
        export class Cache {
          private readonly map = new Map<string, Entry>();
          @AllowErrorInjection(EI_TYPE_NULL)
          touch(key: string): Entry | null {
            const entry = this.map.get(key);
            if (entry === undefined) return null;
            entry.hits++;
            return entry;
          }
        }
      `,
    },
    {
      name: 'a mark without a body, a mark with a type that is not a constant, and an expression body',
      code: `
        ${IMPORTS}
        declare function external(out: { n: number }): number;
        declare const someType: 1 | 2;
        let n = 0;
        export const wrapped = allowErrorInjection(EI_TYPE_ERRNO, external);
        export const unknown = allowErrorInjection(someType, function unknown(): number | null {
          n++;
          return null;
        });
        export const short = allowErrorInjection(EI_TYPE_NULL, (size: number): object | null => (size > 0 ? {} : null));
      `,
    },
    {
      name: 'an async function whose state changes come after its error return',
      code: `
        ${IMPORTS}
        export class Client {
          private requests = 0;
          @AllowErrorInjection(EI_TYPE_NULL)
          async fetch(url: string): Promise<string | null> {
            const body = await Promise.resolve(url);
            if (body === '') return null;
            this.requests++;
            return body;
          }
        }
      `,
    },
    {
      name: 'a static method that changes state only after the error return, under legacy decorators',
      code: `
        ${IMPORTS}
        export class Fd {
          private static readonly table = new Set<number>();
          @AllowErrorInjection(EI_TYPE_ERRNO)
          static getUnused(): number {
            let fd = 3;
            while (Fd.table.has(fd)) fd++;
            if (fd > 1024) return -errno.EMFILE;
            Fd.table.add(fd);
            return fd;
          }
        }
      `,
      compilerOptions: LEGACY,
    },
    {
      name: 'a saved value written back in finally',
      code: `
        ${IMPORTS}
        let current = 'none';
        export const run = allowErrorInjection(EI_TYPE_ERRNO, function run(name: string): number {
          const previous = current;
          current = name;
          try {
            if (name === '') return -1;
            return 0;
          } finally {
            current = previous;
          }
        });
      `,
    },
    {
      name: 'the error return in a catch block after a try that changed nothing',
      code: `
        ${IMPORTS}
        export class Loader {
          private loaded = 0;
          @AllowErrorInjection(EI_TYPE_ERRNO)
          load(text: string): number {
            try {
              JSON.parse(text);
            } catch {
              return -errno.EINVAL;
            }
            this.loaded++;
            return 0;
          }
        }
      `,
    },
    {
      name: 'a TRUE function whose only true return comes first',
      code: `
        ${IMPORTS}
        export class Device {
          private polls = 0;
          @AllowErrorInjection(EI_TYPE_TRUE)
          isBusy(): boolean {
            const busy = Math.random() > 0.5;
            if (busy) return true;
            this.polls++;
            return false;
          }
        }
      `,
    },
    {
      name: 'a loop whose body returns a success before the error return',
      code: `
        ${IMPORTS}
        export class Finder {
          private scanned = 0;
          @AllowErrorInjection(EI_TYPE_NULL)
          first(items: readonly string[]): string | null {
            for (const item of items) {
              if (item !== '') {
                this.scanned++;
                return item;
              }
            }
            return null;
          }
        }
      `,
    },

    {
      name: 'undoing statements: a decrement, an unshift, a voided unlock, a semaphore down and a pool acquire',
      code: `
        ${IMPORTS}
        ${MUTEX}
        declare class Semaphore { down(): void; up(): void; }
        declare class Pool { acquire(): Promise<void>; release(): Promise<void>; }
        export class Resources {
          private credits = 5;
          private readonly queue: string[] = [];
          private readonly sem = new Semaphore();
          private readonly pool = new Pool();
          private readonly mutex = new Mutex();
          @AllowErrorInjection(EI_TYPE_ERRNO)
          async use(name: string): Promise<number> {
            this.credits--;
            this.queue.unshift(name);
            this.sem.down();
            await this.pool.acquire();
            this.mutex.lock();
            if (name === '') {
              void this.mutex.unlock();
              await this.pool.release();
              this.sem.up();
              this.queue.shift();
              this.credits++;
              return -errno.EINVAL;
            }
            return 0;
          }
        }
      `,
      config: { lockCalls: ['sem.down', 'pool.acquire', 'mutex.lock'] },
    },
    {
      name: 'locals in other forms: an alias reassigned, a late initialisation, a loop over a new array, rest copies, copies, a callback index, an unresolved name',
      code: `
        ${IMPORTS}
        export class Store {
          private readonly items: string[] = [];
          private mode = 'a';
          @AllowErrorInjection(EI_TYPE_NULL)
          make(items: string[]): object | null {
            let list = this.items;
            list = [];
            let later: { n: number };
            later = { n: 1 };
            later.n = 2;
            for (const item of [{ n: 1 }]) item.n = 2;
            function helper(): void {}
            helper.displayName = 'helper';
            const { ...copy } = this;
            copy.mode = 'b';
            const [...rest] = this.items;
            rest.push('x');
            const joined = items.concat([]);
            joined.push('y');
            const pair = (0, items.slice());
            pair.push('z');
            // @ts-expect-error: a name the checker cannot resolve
            unresolved.value = 1;
            items.forEach((item, index) => {
              index++;
            });
            if (items.length === list.length) return null;
            return {};
          }
        }
      `,
    },
    {
      name: 'the error return in an else branch: the then branch is not on its path',
      code: `
        ${IMPORTS}
        export class Store {
          private count = 0;
          @AllowErrorInjection(EI_TYPE_NULL)
          get(key: string): object | null {
            if (key !== '') {
              this.count++;
            } else {
              return null;
            }
            return {};
          }
        }
      `,
    },
    {
      name: 'an error return in dead code after an unconditional return',
      code: `
        ${IMPORTS}
        export class Store {
          private count = 0;
          @AllowErrorInjection(EI_TYPE_NULL)
          get(): object | null {
            this.count++;
            return {};
            return null;
          }
        }
      `,
      compilerOptions: { allowUnreachableCode: true },
    },
    {
      name: 'a configured lock name longer than the call',
      code: `
        ${IMPORTS}
        ${MUTEX}
        const mutex = new Mutex();
        export const take = allowErrorInjection(EI_TYPE_NULL, function take(): object | null {
          mutex.lock();
          return null;
        });
      `,
      config: { lockCalls: ['shared.mutex.lock'] },
    },
    {
      name: 'returns that are not error returns: a number not known negative, a call, -0, false, undefined',
      code: `
        ${IMPORTS}
        declare function check(n: number): boolean;
        export class Dev {
          private n = 0;
          private readonly handlers: (() => number)[] = [];
          @AllowErrorInjection(EI_TYPE_ERRNO)
          a(failed: boolean): number {
            this.n++;
            const r = this.prepare();
            if (failed) return r;
            if (check(r)) return r;
            if (r < 1) return r;
            if (r === 0) return r;
            return -0;
          }
          @AllowErrorInjection(EI_TYPE_ERRNO)
          b(): number {
            this.n++;
            return this.handlers[0]!() + (this.handlers[1] ?? this.prepare)();
          }
          @AllowErrorInjection(EI_TYPE_ERRNO)
          c(): number {
            this.n++;
            return (this.handlers[0] ?? this.prepare)();
          }
          @AllowErrorInjection(EI_TYPE_TRUE)
          d(): boolean {
            this.n++;
            return false;
          }
          @AllowErrorInjection(EI_TYPE_NULL)
          e(): object | null | undefined {
            this.n++;
            return undefined;
          }
          prepare(): number { return 0; }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'a write to this before the error return',
      code: `
        ${IMPORTS}
        export class Store {
          private count = 0;
          @AllowErrorInjection(EI_TYPE_ERRNO)
          open(path: string): number {
            this.count++;
            if (path === '') return -errno.EINVAL;
            return 0;
          }
        }
      `,
      errors: [{ line: 6, column: 5 }],
    },
    {
      name: 'a write to this under legacy decorators',
      code: `
        ${IMPORTS}
        export class Store {
          private last = '';
          @AllowErrorInjection(EI_TYPE_NULL)
          read(path: string): Buffer | null {
            this.last = path;
            return null;
          }
        }
      `,
      compilerOptions: LEGACY,
      errors: [{ line: 6, column: 5 }],
    },
    {
      name: 'module variables assigned and incremented',
      code: `
        ${IMPORTS}
        let cache: Map<string, string> | undefined;
        let calls = 0;
        export class Store {
          @AllowErrorInjection(EI_TYPE_NULL)
          get(key: string): string | null {
            cache ??= new Map();
            calls += 1;
            if (key === '') return null;
            return cache.get(key) ?? null;
          }
        }
      `,
      errors: [
        { line: 7, column: 5 },
        { line: 8, column: 5 },
      ],
    },
    {
      name: 'a mutating call on a module variable',
      code: `
        ${IMPORTS}
        const registry = new Map<string, object>();
        export class Loader {
          @AllowErrorInjection(EI_TYPE_ERRNO, { errPtr: true })
          load(name: string): object | ErrPtr {
            const config = {};
            registry.set(name, config);
            if (name.includes('/')) return errPtr(-errno.EINVAL);
            return config;
          }
        }
      `,
      errors: [{ line: 7, column: 5 }],
    },
    {
      name: 'parameter properties: a property, an element and a mutating call',
      code: `
        ${IMPORTS}
        export const read = allowErrorInjection(EI_TYPE_ERRNO, function read(out: { value: number }, buf: Uint8Array, log: string[]): number {
          out.value = 0;
          buf[0] = 1;
          log.push('read');
          if (buf.length < 2) return -1;
          return 0;
        });
      `,
      errors: [
        { line: 3, column: 3 },
        { line: 4, column: 3 },
        { line: 5, column: 3 },
      ],
    },
    {
      name: 'mutating calls on this and a delete',
      code: `
        ${IMPORTS}
        export class Queue {
          private readonly items: string[] = [];
          private readonly index: Record<string, number> = {};
          @AllowErrorInjection(EI_TYPE_NULL)
          shift(): string | null {
            delete this.index['first'];
            this.items.splice(0, 1);
            Object.assign(this, { touched: true });
            if (this.items.length === 0) return null;
            return this.items[0]!;
          }
        }
      `,
      errors: [
        { line: 7, column: 5 },
        { line: 8, column: 5 },
        { line: 9, column: 5 },
      ],
    },
    {
      name: 'a configured lock not released before the error return',
      code: `
        ${IMPORTS}
        ${MUTEX}
        export class Queue {
          private readonly mutex = new Mutex();
          @AllowErrorInjection(EI_TYPE_NULL)
          take(): string | null {
            this.mutex.lock();
            if (Math.random() > 0.5) return null;
            this.mutex.unlock();
            return 'x';
          }
        }
      `,
      config: { lockCalls: ['mutex.lock'] },
      errors: [{ line: 7, column: 5 }],
    },
    {
      name: 'a plain function lock released with another argument, and an async acquire never released',
      code: `
        ${IMPORTS}
        ${MUTEX}
        declare function acquire(lock: object): void;
        declare function release(lock: object): void;
        const a = {};
        const b = {};
        const mutex = new Mutex();
        export const lookup = allowErrorInjection(EI_TYPE_ERRNO, async function lookup(key: string): Promise<number> {
          acquire(a);
          const done = await mutex.acquire();
          release(b);
          if (key === '') return -errno.ENOENT;
          done();
          return 0;
        });
      `,
      config: { lockCalls: ['acquire'] },
      errors: [
        { line: 9, column: 3 },
        { line: 10, column: 3 },
      ],
    },
    {
      name: 'a lock released only on one branch before the error return',
      code: `
        ${IMPORTS}
        ${MUTEX}
        export class Queue {
          private readonly mutex = new Mutex();
          @AllowErrorInjection(EI_TYPE_ERRNO)
          drain(force: boolean): number {
            this.mutex.lock();
            if (force) this.mutex.unlock();
            if (!force) return -errno.EBUSY;
            return 0;
          }
        }
      `,
      config: { lockCalls: ['mutex.lock'] },
      errors: [{ line: 7, column: 5 }],
    },
    {
      name: 'a value written back that is not the saved one, and a value saved after the change',
      code: `
        ${IMPORTS}
        export class Parser {
          private depth = 0;
          private mode = 'text';
          @AllowErrorInjection(EI_TYPE_NULL)
          parse(input: string): string | null {
            const saved = this.depth;
            this.depth = 1;
            this.depth = 2;
            this.mode = 'code';
            const oldMode = this.mode;
            this.mode = oldMode;
            if (input === '') return null;
            this.depth = saved;
            return input;
          }
        }
      `,
      errors: [
        { line: 8, column: 5 },
        { line: 9, column: 5 },
        { line: 10, column: 5 },
      ],
    },
    {
      name: 'a change in a branch that does not return, before the error return',
      code: `
        ${IMPORTS}
        export class Store {
          private warnings = 0;
          @AllowErrorInjection(EI_TYPE_ERRNO)
          write(data: string): number {
            if (data.length > 10) {
              this.warnings++;
            }
            if (data === '') return -errno.EINVAL;
            return data.length;
          }
        }
      `,
      errors: [{ line: 7, column: 7 }],
    },
    {
      name: 'the error return in nested ifs: changes in the enclosing blocks and conditions',
      code: `
        ${IMPORTS}
        export class Store {
          private a = 0;
          private b = 0;
          private c = 0;
          @AllowErrorInjection(EI_TYPE_NULL)
          get(key: string): string | null {
            this.a = 1;
            if (key.length > 0) {
              this.b = 2;
              if (this.c++ > 3) {
                return null;
              }
            }
            return key;
          }
        }
      `,
      errors: [
        { line: 8, column: 5 },
        { line: 10, column: 7 },
        { line: 11, column: 7 },
      ],
    },
    {
      name: 'an async method that changes this before awaiting and failing',
      code: `
        ${IMPORTS}
        export class Client {
          private pending = 0;
          @AllowErrorInjection(EI_TYPE_NULL)
          async fetch(url: string): Promise<string | null> {
            this.pending++;
            const body = await Promise.resolve(url);
            if (body === '') return null;
            this.pending--;
            return body;
          }
        }
      `,
      errors: [{ line: 6, column: 5 }],
    },
    {
      name: 'a wrapped function expression that changes a module variable',
      code: `
        ${IMPORTS}
        let allocated = 0;
        export const alloc = allowErrorInjection(EI_TYPE_NULL, function alloc(size: number): Buffer | null {
          allocated += size;
          if (size > 4096) return null;
          return Buffer.alloc(size);
        });
      `,
      errors: [{ line: 4, column: 3 }],
    },
    {
      name: 'a wrapped arrow function declared apart, failing with Promise.resolve(null)',
      code: `
        ${IMPORTS}
        const seen: string[] = [];
        const fetchImpl = (url: string): Promise<string | null> => {
          seen.push(url);
          if (url === '') return Promise.resolve(null);
          return Promise.resolve(url);
        };
        export const fetchIt = allowErrorInjection(EI_TYPE_NULL, fetchImpl, { name: 'fetchIt' });
      `,
      errors: [{ line: 4, column: 3 }],
    },
    {
      name: 'static methods that change static state through this and through the class',
      code: `
        ${IMPORTS}
        export class Fd {
          static next = 3;
          static opened = 0;
          @AllowErrorInjection(EI_TYPE_ERRNO)
          static getUnused(): number {
            this.next++;
            Fd.opened++;
            if (this.next > 1024) return -errno.EMFILE;
            return this.next;
          }
        }
      `,
      errors: [
        { line: 7, column: 5 },
        { line: 8, column: 5 },
      ],
    },
    {
      name: 'aliases of this: a local, a destructured local, a loop variable and a callback parameter',
      code: `
        ${IMPORTS}
        interface Entry { seen: boolean }
        export class Table {
          private readonly items: string[] = [];
          private readonly entries: Entry[] = [];
          private readonly byKey = new Map<string, Entry>();
          @AllowErrorInjection(EI_TYPE_ERRNO)
          mark(key: string): number {
            const list = this.items;
            list.push(key);
            const { entries } = this;
            entries.length = 0;
            for (const entry of this.entries) entry.seen = true;
            this.entries.forEach((entry) => {
              entry.seen = false;
            });
            const found = this.byKey.get(key);
            if (found) found.seen = true;
            if (key === '') return -errno.EINVAL;
            return 0;
          }
        }
      `,
      errors: [
        { line: 10, column: 5 },
        { line: 12, column: 5 },
        { line: 13, column: 39 },
        { line: 15, column: 7 },
        { line: 18, column: 16 },
      ],
    },
    {
      name: 'a change later in a loop body, made by an earlier iteration',
      code: `
        ${IMPORTS}
        export class Batch {
          private readonly done: string[] = [];
          private cursor = 0;
          @AllowErrorInjection(EI_TYPE_ERRNO)
          apply(items: readonly string[]): number {
            for (let i = 0; i < items.length; this.cursor++, i++) {
              if (items[i] === '') return -errno.EINVAL;
              this.done.push(items[i]!);
            }
            return 0;
          }
        }
      `,
      errors: [
        { line: 7, column: 5 },
        { line: 9, column: 7 },
      ],
    },
    {
      name: 'a closure variable of an enclosing function, and a global',
      code: `
        ${IMPORTS}
        export function makeCounter(limit: number) {
          let n = 0;
          return allowErrorInjection(EI_TYPE_NULL, function next(): { n: number } | null {
            n++;
            process.exitCode = 0;
            if (n > limit) return null;
            return { n };
          });
        }
      `,
      errors: [
        { line: 5, column: 5 },
        { line: 6, column: 5 },
      ],
    },
    {
      name: 'a TRUE function that counts before answering true',
      code: `
        ${IMPORTS}
        export class Device {
          private polls = 0;
          @AllowErrorInjection(EI_TYPE_TRUE)
          isBusy(): boolean {
            this.polls++;
            if (this.polls > 3) return true;
            return false;
          }
        }
      `,
      errors: [{ line: 6, column: 5 }],
    },
    {
      name: 'errno values returned through variables: checked < 0, a negative constant, isErr, isErrOrNull',
      code: `
        ${IMPORTS}
        const EBUSY = -16;
        export class Dev {
          private a = 0;
          private b = 0;
          private c = 0;
          private d = 0;
          @AllowErrorInjection(EI_TYPE_ERRNO)
          one(): number {
            this.a = 1;
            const r = this.prepare();
            if (r < 0) return r;
            return 0;
          }
          @AllowErrorInjection(EI_TYPE_ERRNO)
          two(): number {
            this.b = 1;
            return EBUSY;
          }
          @AllowErrorInjection(EI_TYPE_ERRNO, { errPtr: true })
          three(): object | ErrPtr {
            this.c = 1;
            const p = this.load();
            if (isErr(p)) return p;
            return p;
          }
          @AllowErrorInjection(EI_TYPE_ERRNO_NULL)
          four(): object | ErrPtr | null {
            this.d = 1;
            const p = this.find();
            if (isErrOrNull(p)) {
              return p;
            }
            return p;
          }
          prepare(): number { return 0; }
          load(): object | ErrPtr { return {}; }
          find(): object | ErrPtr | null { return null; }
        }
      `,
      errors: [
        { line: 10, column: 5 },
        { line: 17, column: 5 },
        { line: 22, column: 5 },
        { line: 29, column: 5 },
      ],
    },
    {
      name: 'a counter undone by a different amount, and a pop with nothing pushed',
      code: `
        ${IMPORTS}
        export class Stack {
          private n = 0;
          private readonly items: number[] = [1];
          @AllowErrorInjection(EI_TYPE_ERRNO)
          pop(): number {
            this.n += 2;
            this.n -= 1;
            this.items.pop();
            return -errno.ENODATA;
          }
        }
      `,
      errors: [
        { line: 7, column: 5 },
        { line: 8, column: 5 },
        { line: 9, column: 5 },
      ],
    },
    {
      name: 'a flag set and never cleared, and a destructuring assignment to this',
      code: `
        ${IMPORTS}
        export class Conn {
          private open = false;
          private x = 0;
          private y = 0;
          @AllowErrorInjection(EI_TYPE_ERRNO_NULL)
          connect(host: string): object | null {
            this.open = true;
            [this.x, this.y] = [1, 2];
            return host === '' ? null : {};
          }
        }
      `,
      errors: [
        { line: 8, column: 5 },
        { line: 9, column: 5 },
      ],
    },
    {
      name: 'a change in a try block, the error return in its catch',
      code: `
        ${IMPORTS}
        export class Loader {
          private text = '';
          @AllowErrorInjection(EI_TYPE_ERRNO)
          load(text: string): number {
            try {
              this.text = text;
              JSON.parse(text);
            } catch {
              return -errno.EINVAL;
            }
            return 0;
          }
        }
      `,
      errors: [{ line: 7, column: 7 }],
    },
    {
      name: 'a switch clause that falls through into the error return',
      code: `
        ${IMPORTS}
        export class Modes {
          private level = 0;
          @AllowErrorInjection(EI_TYPE_ERRNO)
          set(mode: string): number {
            switch (mode) {
              case 'debug':
                this.level = 2;
              case 'bad':
                return -errno.EINVAL;
              default:
                return 0;
            }
          }
        }
      `,
      errors: [{ line: 8, column: 9 }],
    },
    {
      name: 'a ptrErr return after pushing onto a parameter',
      code: `
        ${IMPORTS}
        declare function open(path: string): object | ErrPtr;
        export const openAll = allowErrorInjection(EI_TYPE_ERRNO, (paths: string[], out: object[]): number => {
          for (const path of paths) {
            const file = open(path);
            if (isErr(file)) return ptrErr(file);
            out.push(file);
          }
          return 0;
        });
      `,
      errors: [{ line: 7, column: 5 }],
    },
    {
      name: 'errno, null and true through variables: <= -1, 0 >, -1 >=, an ErrPtr, a narrowed null and true, a failure on the false side',
      code: `
        ${IMPORTS}
        export class Dev {
          private n = 0;
          @AllowErrorInjection(EI_TYPE_ERRNO)
          a(): number {
            this.n++;
            const r = this.prepare();
            if (r <= -1) return r;
            return 0;
          }
          @AllowErrorInjection(EI_TYPE_ERRNO)
          b(): number {
            this.n++;
            const r = this.prepare();
            if (0 > r) {
              return r;
            }
            return 0;
          }
          @AllowErrorInjection(EI_TYPE_ERRNO)
          c(): number {
            this.n++;
            const r = this.prepare();
            if (-1 >= r) return r;
            return 0;
          }
          @AllowErrorInjection(EI_TYPE_ERRNO, { errPtr: true })
          d(): object | ErrPtr {
            this.n++;
            const p = errPtr(-errno.EIO);
            return p;
          }
          @AllowErrorInjection(EI_TYPE_NULL)
          e(): object | null {
            this.n++;
            const o = this.find();
            if (!o) return o;
            return o;
          }
          @AllowErrorInjection(EI_TYPE_TRUE)
          f(flag: boolean): boolean {
            this.n++;
            if (flag === true) return flag;
            return false;
          }
          @AllowErrorInjection(EI_TYPE_NULL)
          g(ok: boolean): object | null {
            this.n++;
            return ok ? {} : null;
          }
          prepare(): number { return 0; }
          find(): object | null { return null; }
        }
      `,
      errors: [
        { line: 6, column: 5 },
        { line: 13, column: 5 },
        { line: 22, column: 5 },
        { line: 29, column: 5 },
        { line: 35, column: 5 },
        { line: 42, column: 5 },
        { line: 48, column: 5 },
      ],
    },
    {
      name: 'destructuring assignments to this and to a module variable',
      code: `
        ${IMPORTS}
        let total = 0;
        export class Point {
          private x = 0;
          private rest: number[] = [];
          @AllowErrorInjection(EI_TYPE_NULL)
          move(src: { x: number; total: number }, list: number[]): object | null {
            ({ x: this.x, total } = src);
            [...this.rest] = list;
            let a = 0;
            [a = 1, , ] = list;
            if (list.length === a) return null;
            return {};
          }
        }
      `,
      errors: [
        { line: 8, column: 5 },
        { line: 9, column: 5 },
      ],
    },
    {
      name: 'a lock taken on a call result, and a lock with no counterpart name, with unrelated calls after them',
      code: `
        ${IMPORTS}
        ${MUTEX}
        declare function getMutex(): Mutex;
        export class Locks {
          private readonly other = new Mutex();
          private readonly fns: (() => void)[] = [];
          @AllowErrorInjection(EI_TYPE_NULL)
          run(): object | null {
            getMutex().lock();
            this.other.unlock();
            this.fns[0]!();
            this.other.hold();
            this.other.touch();
            return null;
          }
        }
      `,
      config: { lockCalls: ['lock', 'hold'] },
      errors: [
        { line: 9, column: 5 },
        { line: 12, column: 5 },
      ],
    },
    {
      name: 'changes in a labeled for-in, while, do-while, a for without update and a try statement',
      code: `
        ${IMPORTS}
        export class Walk {
          private a = 0;
          private b = 0;
          private c = 0;
          private d = 0;
          private e = 0;
          private f = 0;
          private g = 0;
          @AllowErrorInjection(EI_TYPE_ERRNO)
          walk(keys: Record<string, number>): number {
            outer: for (const k in keys) {
              this.a++;
              if (k === 'stop') break outer;
            }
            let i = 0;
            while (i < 3) {
              this.b++;
              i++;
            }
            do {
              this.c++;
            } while (this.c < 3);
            for (; i < 6; ) {
              this.d++;
              i++;
            }
            for (let j = 0; j < 2; j++) i += j;
            try {
              this.e++;
            } catch {
              this.f++;
            } finally {
              this.g++;
            }
            if (i > 5) return -errno.ERANGE;
            return 0;
          }
        }
      `,
      errors: [
        { line: 13, column: 7 },
        { line: 18, column: 7 },
        { line: 22, column: 7 },
        { line: 25, column: 7 },
        { line: 30, column: 7 },
        { line: 32, column: 7 },
        { line: 34, column: 7 },
      ],
    },
    {
      name: 'the error return in an else branch, in a finally block, in a labeled block, and in a catch after a try that returns',
      code: `
        ${IMPORTS}
        export class Paths {
          private a = 0;
          private b = 0;
          private c = 0;
          @AllowErrorInjection(EI_TYPE_NULL)
          one(key: string): object | null {
            this.a = 1;
            if (key === '') {
              this.b = 1;
            } else {
              this.c = 1;
              return null;
            }
            return {};
          }
          @AllowErrorInjection(EI_TYPE_NULL)
          two(): object | null {
            try {
              this.a = 2;
            } finally {
              this.b = 2;
              return null;
            }
          }
          @AllowErrorInjection(EI_TYPE_NULL)
          three(): object | null {
            block: {
              this.c = 3;
              if (this.c > 0) break block;
              return null;
            }
            return {};
          }
          @AllowErrorInjection(EI_TYPE_ERRNO)
          four(text: string): number {
            try {
              this.a = 4;
              return JSON.parse(text) as number;
            } catch {
              return -errno.EINVAL;
            }
          }
        }
      `,
      errors: [
        { line: 8, column: 5 },
        { line: 12, column: 7 },
        { line: 20, column: 7 },
        { line: 22, column: 7 },
        { line: 29, column: 7 },
        { line: 38, column: 7 },
      ],
    },
    {
      name: 'a module object property, a value that is not a saved local, aliases through ?:, ??, ||, &&, await and a pattern',
      code: `
        ${IMPORTS}
        const config = { debug: false, mode: 'a' };
        const DEFAULT_MODE = config.mode;
        interface Entry { seen: boolean }
        export class Service {
          private mode = 'a';
          private readonly items: string[] = [];
          private readonly spare: string[] = [];
          private readonly entries: Entry[] = [];
          private readonly ready = Promise.resolve({ n: 0 });
          @AllowErrorInjection(EI_TYPE_ERRNO)
          async start(flag: boolean, maybe: string[] | undefined): Promise<number> {
            config.debug = true;
            this.mode = DEFAULT_MODE;
            const list = flag ? this.items : this.spare;
            list.push('x');
            const local: string[] | undefined = flag ? undefined : [];
            const other = local ?? maybe;
            other?.sort();
            const state = await this.ready;
            state.n = 1;
            const fallback = maybe || this.spare;
            fallback.pop();
            const some = this.entries.length > 0 && this.entries;
            if (some) some.reverse();
            const [first] = this.entries;
            if (first) first.seen = true;
            const { entries: [second] } = this;
            if (second) second.seen = false;
            if (!flag) return -errno.EAGAIN;
            return 0;
          }
        }
      `,
      errors: [
        { line: 13, column: 5 },
        { line: 14, column: 5 },
        { line: 16, column: 5 },
        { line: 19, column: 5 },
        { line: 21, column: 5 },
        { line: 23, column: 5 },
        { line: 25, column: 15 },
        { line: 27, column: 16 },
        { line: 29, column: 17 },
      ],
    },
    {
      name: 'the array a callback is given, and a parenthesized callback',
      code: `
        ${IMPORTS}
        interface Entry { seen: boolean }
        export class Table {
          private readonly items: string[] = [];
          private readonly entries: Entry[] = [];
          @AllowErrorInjection(EI_TYPE_NULL)
          trim(): object | null {
            this.items.forEach((item, index, all) => {
              all[index] = item.trim();
            });
            this.entries.forEach(((entry) => {
              entry.seen = true;
            }));
            return null;
          }
        }
      `,
      errors: [
        { line: 9, column: 7 },
        { line: 12, column: 7 },
      ],
    },
  ],
});

describe('ei/state-before-error messages', () => {
  describe('when changes of each kind are reported', () => {
    it('should name the function, what changed and the line of the first error return', () => {
      // Arrange
      const testCase = {
        name: 'messages',
        code: `
          ${IMPORTS}
          ${MUTEX}
          let cache = new Map<string, number>();
          export class Store {
            private count = 0;
            private readonly mutex = new Mutex();
            @AllowErrorInjection(EI_TYPE_ERRNO)
            open(out: { value: number }): number {
              this.count++;
              cache = new Map();
              cache.set('a', 1);
              out.value = 0;
              this.mutex.lock();
              if (this.count > 1) return -errno.EBUSY;
              return 0;
            }
          }
        `,
        config: { lockCalls: ['mutex.lock'] },
      };

      // Act
      const messages = lintCase('ei/state-before-error', testCase).map((finding) => finding.message);

      // Assert
      expect(messages.map((message) => message.split(': an injected')[0])).to.deep.equal([
        'Store.open is marked ERRNO and changes `this.count` before its first error return (line 14)',
        'Store.open is marked ERRNO and changes module variable `cache` before its first error return (line 14)',
        'Store.open is marked ERRNO and changes module variable `cache` with set() before its first error return (line 14)',
        'Store.open is marked ERRNO and changes parameter property `out.value` before its first error return (line 14)',
        'Store.open is marked ERRNO and takes lock `mutex.lock` before its first error return (line 14) and does not release it before that return',
      ]);
      expect(messages[0]).to.match(/; undo it before that return, or make it after$/);
      expect(messages[4]).to.match(/; release it before that return, or take it after$/);
    });

    it('should name several targets of one statement together, and a function by its variable or not at all', () => {
      // Arrange
      const testCase = {
        name: 'names',
        code: `
          ${IMPORTS}
          let n = 0;
          export const bump = allowErrorInjection(EI_TYPE_NULL, (point: { x: number; y: number }): object | null => {
            [point.x, point.y, n] = [1, 2, 3];
            return null;
          });
          allowErrorInjection(EI_TYPE_NULL, (): object | null => {
            n--;
            return null;
          });
        `,
      };

      // Act
      const messages = lintCase('ei/state-before-error', testCase).map((finding) => finding.message.split(': an injected')[0]);

      // Assert
      expect(messages).to.deep.equal([
        'bump is marked NULL and changes parameter property `point.x`, parameter property `point.y` and module variable `n` before its first error return (line 5)',
        'the anonymous function is marked NULL and changes module variable `n` before its first error return (line 9)',
      ]);
    });
  });
});
