import { AllowErrorInjection, allowErrorInjection, EI_TYPE_ERRNO, EI_TYPE_NULL } from '@errinject/core';

/**
 * The methods and functions the injection benchmark calls: each the same trivial body (about 1 ns),
 * where any overhead shows most: one-method classes, then realistic classes. Compiled with standard decorators; `../../legacy/fixtures.ts` holds
 * the same under `experimentalDecorators`.
 */

/** The baseline: no decorator. */
export class Plain {
  m(x: number): number {
    return x + 1;
  }
}

/** Decorated, never armed. */
export class Decorated {
  @AllowErrorInjection(EI_TYPE_ERRNO)
  m(x: number): number {
    return x + 1;
  }
}

/** Decorated and armed while fail_function's probability is 0. */
export class ArmedIdle {
  @AllowErrorInjection(EI_TYPE_ERRNO)
  m(x: number): number {
    return x + 1;
  }
}

/** Decorated and armed, failing every call. */
export class ArmedFailing {
  @AllowErrorInjection(EI_TYPE_ERRNO)
  m(x: number): number {
    return x + 1;
  }
}

/** What sinon would be used for instead: a stub that calls through. */
export class Stubbed {
  m(x: number): number {
    return x + 1;
  }
}

/** A plain function, its wrapped twin, and a wrapped one to arm. */
export function bare(x: number): number {
  return x + 1;
}
function wrapped(x: number): number {
  return x + 1;
}
function wrappedArmed(x: number): number {
  return x + 1;
}
/** `wrapped`, marked and never armed. */
export const wrappedIdle = allowErrorInjection(EI_TYPE_ERRNO, wrapped);
/** `wrappedArmed`, marked, to be armed. */
export const wrappedToArm = allowErrorInjection(EI_TYPE_ERRNO, wrappedArmed);

/**
 * A decorator that does nothing, not errinject's: what TypeScript's emit costs by itself, since it
 * redefines every decorated method on the prototype whatever the decorator did.
 *
 * @param _args - whatever the decorator is handed
 */
function unchanged(..._args: unknown[]): void {}

/** What the realistic classes share, and the loops call. */
export interface Store {
  /** The baseline: no decorator. */
  undecorated(x: number): number;
  /** Decorated, never armed: the same body. */
  decorated(x: number): number;
  /** Decorated, armed while fail_function's probability is 0: the same body. */
  armedIdle(x: number): number;
  /** Decorated, armed, then disarmed: the same body. */
  disarmed(x: number): number;
}

/**
 * Realistic classes (standard decorators; `../../legacy/fixtures.ts` holds the same under
 * `experimentalDecorators`): three implementations of one interface, each with instance
 * fields, an accessor, a static method and several methods, decorated and undecorated side by side.
 * One-method classes hid what decorating costs: TypeScript's emit (`__esDecorate`) redefines each decorated
 * method with `Object.defineProperty`, and V8 then stops treating the prototype's methods as
 * constants, so that a call site over several classes no longer inlines them (3x to 4x on a small
 * method), and one over a single class loads and checks the method at every call.
 */
export class FileStore implements Store {
  readonly path: string;
  fd = 3;
  position = 0;
  reserved = 1;
  private readonly pending: string[] = [];

  constructor(path = '/var/lib/store') {
    this.path = path;
  }

  undecorated(x: number): number {
    return x + this.reserved;
  }

  @AllowErrorInjection(EI_TYPE_ERRNO)
  decorated(x: number): number {
    return x + this.reserved;
  }

  @AllowErrorInjection(EI_TYPE_ERRNO)
  armedIdle(x: number): number {
    return x + this.reserved;
  }

  @AllowErrorInjection(EI_TYPE_ERRNO)
  disarmed(x: number): number {
    return x + this.reserved;
  }

  /** Queues data; its length, or an errno. */
  @AllowErrorInjection(EI_TYPE_ERRNO)
  write(data: string): number {
    this.pending.push(data);
    this.position += data.length;
    return data.length;
  }

  /** Drops what is queued; how many writes. */
  flush(): number {
    const count = this.pending.length;
    this.pending.length = 0;
    return count;
  }

  /** Bytes written. */
  get size(): number {
    return this.position;
  }

  /** A store at a path, or null. */
  @AllowErrorInjection(EI_TYPE_NULL)
  static open(path: string): FileStore | null {
    return new FileStore(path);
  }
}

/** The in-memory implementation. */
export class MemoryStore implements Store {
  reserved = 1;
  hits = 0;
  readonly capacity: number;
  private readonly rows = new Map<string, number>();

  constructor(capacity = 1024) {
    this.capacity = capacity;
  }

  undecorated(x: number): number {
    return x + this.reserved;
  }

  @AllowErrorInjection(EI_TYPE_ERRNO)
  decorated(x: number): number {
    return x + this.reserved;
  }

  @AllowErrorInjection(EI_TYPE_ERRNO)
  armedIdle(x: number): number {
    return x + this.reserved;
  }

  @AllowErrorInjection(EI_TYPE_ERRNO)
  disarmed(x: number): number {
    return x + this.reserved;
  }

  /** A row's value, or null. */
  @AllowErrorInjection(EI_TYPE_NULL)
  read(key: string): number | null {
    const value = this.rows.get(key);
    if (value !== undefined) this.hits += 1;
    return value ?? null;
  }

  /** Sets a row; 0, or an errno. */
  set(key: string, value: number): number {
    if (this.rows.size >= this.capacity) return -28;
    this.rows.set(key, value);
    return 0;
  }

  /** Rows held. */
  get count(): number {
    return this.rows.size;
  }

  /** Drops every row. */
  clear(): void {
    this.rows.clear();
  }
}

/** The network implementation. */
export class NetStore implements Store {
  readonly host: string;
  port = 7000;
  retries = 3;
  reserved = 1;
  private sent = 0;

  constructor(host = 'localhost') {
    this.host = host;
  }

  /** Where it connects. */
  get address(): string {
    return `${this.host}:${this.port}`;
  }

  undecorated(x: number): number {
    return x + this.reserved;
  }

  @AllowErrorInjection(EI_TYPE_ERRNO)
  decorated(x: number): number {
    return x + this.reserved;
  }

  @AllowErrorInjection(EI_TYPE_ERRNO)
  armedIdle(x: number): number {
    return x + this.reserved;
  }

  @AllowErrorInjection(EI_TYPE_ERRNO)
  disarmed(x: number): number {
    return x + this.reserved;
  }

  /** Sends data; bytes sent, or an errno. */
  @AllowErrorInjection(EI_TYPE_ERRNO)
  send(data: string): number {
    this.sent += data.length;
    return data.length;
  }

  /** Closes the connection; bytes sent in all. */
  close(): number {
    return this.sent;
  }
}

/** The control: the same classes, with a do-nothing decorator where errinject's was. */
export class UnchangedFileStore {
  readonly path: string;
  fd = 3;
  position = 0;
  reserved = 1;

  constructor(path = '/var/lib/store') {
    this.path = path;
  }

  undecorated(x: number): number {
    return x + this.reserved;
  }

  @unchanged
  decorated(x: number): number {
    return x + this.reserved;
  }

  /** Bytes written. */
  get size(): number {
    return this.position;
  }
}

/** The control's in-memory implementation. */
export class UnchangedMemoryStore {
  reserved = 1;
  hits = 0;
  private readonly rows = new Map<string, number>();

  undecorated(x: number): number {
    return x + this.reserved;
  }

  @unchanged
  decorated(x: number): number {
    return x + this.reserved;
  }

  /** Rows held. */
  get count(): number {
    return this.rows.size;
  }
}

/** The control's network implementation. */
export class UnchangedNetStore {
  readonly host: string;
  port = 7000;
  reserved = 1;

  constructor(host = 'localhost') {
    this.host = host;
  }

  undecorated(x: number): number {
    return x + this.reserved;
  }

  @unchanged
  decorated(x: number): number {
    return x + this.reserved;
  }

  /** Where it connects. */
  get address(): string {
    return `${this.host}:${this.port}`;
  }
}
