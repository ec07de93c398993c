import { createConnection, type Socket } from 'node:net';
import { isErrnoName } from '@errinject/core';
import { CliError } from '../errors/CliError';

/** The two trees of a process's control tree. */
export type ControlTreeName = 'debugfs' | 'procfs';

/**
 * Who answers on a control socket. The fields after `version` are `undefined` for a process whose
 * core does not answer them (an older core), and `null` where it could not tell.
 */
export interface HelloInfo {
  readonly pid: number;
  readonly argv: readonly string[];
  /** The version of the core that serves the socket. */
  readonly version: string;
  /** Node.js's own options (`-e CODE`, `-p CODE`, `--require X`...). */
  readonly execArgv?: readonly string[] | undefined;
  /** The parent's pid. */
  readonly ppid?: number | undefined;
  /** The working directory. */
  readonly cwd?: string | null | undefined;
  /** When the process started, in milliseconds since the epoch. */
  readonly startTime?: number | undefined;
  /** The user id it runs as. */
  readonly uid?: number | null | undefined;
  /** That user's name. */
  readonly user?: string | null | undefined;
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : undefined;
}

function numberOr<T>(value: unknown, otherwise: T): number | T {
  return typeof value === 'number' && Number.isFinite(value) ? value : otherwise;
}

/** A field that may be a string, `null`, or missing (`undefined`): anything else counts as missing. */
function stringOrNull(value: unknown): string | null | undefined {
  return typeof value === 'string' || value === null ? value : undefined;
}

/** How long a request may take before the process is taken for unreachable, in milliseconds. */
export const DEFAULT_TIMEOUT_MS = 5000;

interface Pending {
  readonly id: number;
  readonly resolve: (response: Record<string, unknown>) => void;
  readonly reject: (error: CliError) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * The reason a socket could not be reached, from the error a connection gave.
 *
 * @param error - a CliError `ERR_UNREACHABLE` from {@link ControlClient.connect}
 * @returns the system error code (`ENOENT`, `ECONNREFUSED`, `EACCES`...), or `undefined`
 */
export function unreachableCode(error: unknown): string | undefined {
  return error instanceof CliError && error.code === 'ERR_UNREACHABLE' ? ((error.cause as NodeJS.ErrnoException | undefined)?.code ?? undefined) : undefined;
}

/** A line the server sends about the whole connection: `{"id":null,"ok":false,"code","message"}`. */
function isConnectionRefusal(response: unknown): response is { readonly code: string; readonly message: string } {
  if (typeof response !== 'object' || response === null) return false;
  const r = response as Record<string, unknown>;
  return r['id'] === null && r['ok'] === false && typeof r['code'] === 'string' && typeof r['message'] === 'string';
}

/**
 * A connection to the control socket of a process that opted in (`ERRINJECT_CONTROL=1`): its
 * protocol is one JSON request a line and one JSON response a line, in order (the core's
 * `remote/ControlMessage`). Refusals of the control tree reject with a {@link CliError} whose code is
 * the tree's errno name and whose message is the tree's own.
 */
export class ControlClient {
  private readonly pending: Pending[] = [];
  private buffer = '';
  private nextId = 1;
  private closed: CliError | undefined;

  private constructor(
    private readonly socket: Socket,
    /** The socket's path. */
    readonly socketPath: string,
    private readonly timeoutMs: number,
  ) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.receive(chunk));
    socket.on('error', () => {});
    socket.on('close', () => this.fail(new CliError('ERR_UNREACHABLE', `the process at ${socketPath} closed the connection`)));
  }

  /**
   * Connects to a control socket.
   *
   * @param socketPath - the socket (`controlSocketPath(pid)`)
   * @param options - `timeoutMs`, how long each request may take (default 5000)
   * @returns the client
   * @throws CliError `ERR_UNREACHABLE` when nothing listens there; its `cause` is the system error
   *   (`ENOENT`: no socket; `ECONNREFUSED`: a socket left by a dead process; `EACCES`: not this user's)
   */
  static connect(socketPath: string, options: { timeoutMs?: number } = {}): Promise<ControlClient> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    // A Unix domain socket connects at once or fails at once: no timer is needed until a request.
    return new Promise((resolve, reject) => {
      const socket = createConnection(socketPath);
      socket.once('connect', () => {
        socket.removeAllListeners('error');
        resolve(new ControlClient(socket, socketPath, timeoutMs));
      });
      socket.once('error', (error: NodeJS.ErrnoException) => {
        reject(new CliError('ERR_UNREACHABLE', `${socketPath}: ${error.code ?? error.message}`, { cause: error }));
      });
    });
  }

  /** @returns the process's pid, argv and core version, and what else its core answers to tell it apart */
  async hello(): Promise<HelloInfo> {
    const response = await this.request({ op: 'hello' });
    const { pid, argv, version } = response;
    if (typeof pid !== 'number' || strings(argv) === undefined) {
      throw new CliError('ERR_PROTOCOL', `${this.socketPath}: the answer to hello has no pid and argv: ${JSON.stringify(response).slice(0, 200)}`);
    }
    const uid = response['uid'];
    const more: Omit<HelloInfo, 'pid' | 'argv' | 'version'> = {
      execArgv: strings(response['execArgv']),
      ppid: numberOr(response['ppid'], undefined),
      cwd: stringOrNull(response['cwd']),
      startTime: numberOr(response['startTime'], undefined),
      uid: uid === null ? null : numberOr(uid, undefined),
      user: stringOrNull(response['user']),
    };
    // What an older core does not answer is left out.
    const known = Object.fromEntries(Object.entries(more).filter(([, value]) => value !== undefined));
    return { pid, argv: argv as string[], version: typeof version === 'string' ? version : 'unknown', ...known };
  }

  /**
   * Reads a file of the process's control tree.
   *
   * @param tree - debugfs or procfs
   * @param path - the file
   * @returns its content, with its trailing newline
   * @throws CliError with the tree's errno name when it refuses
   */
  async read(tree: ControlTreeName, path: string): Promise<string> {
    const { value } = await this.request({ op: 'read', tree, path });
    if (typeof value !== 'string') throw new CliError('ERR_PROTOCOL', `${this.socketPath}: the answer to read has no value`);
    return value;
  }

  /**
   * Writes a file of the process's control tree, applied whole between two calls of the program.
   *
   * @param tree - debugfs or procfs
   * @param path - the file
   * @param value - what to write
   * @throws CliError with the tree's errno name when it refuses
   */
  async write(tree: ControlTreeName, path: string, value: string): Promise<void> {
    await this.request({ op: 'write', tree, path, value });
  }

  /**
   * Lists a directory of the process's control tree.
   *
   * @param tree - debugfs or procfs
   * @param path - the directory; `''` for the root
   * @returns its entries
   * @throws CliError with the tree's errno name when it refuses
   */
  async list(tree: ControlTreeName, path: string): Promise<string[]> {
    const { entries } = await this.request({ op: 'list', tree, path });
    if (!Array.isArray(entries)) throw new CliError('ERR_PROTOCOL', `${this.socketPath}: the answer to list has no entries`);
    return entries.map(String);
  }

  /** Closes the connection. */
  close(): void {
    this.socket.end();
  }

  private request(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (this.closed !== undefined) return Promise.reject(this.closed);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.fail(new CliError('ERR_UNREACHABLE', `${this.socketPath}: no answer within ${this.timeoutMs} ms`));
        this.socket.destroy();
      }, this.timeoutMs);
      this.pending.push({ id, resolve, reject, timer });
      this.socket.write(`${JSON.stringify({ id, ...body })}\n`);
    });
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    for (let newline = this.buffer.indexOf('\n'); newline >= 0; newline = this.buffer.indexOf('\n')) {
      const line = this.buffer.slice(0, newline);
      this.buffer = this.buffer.slice(newline + 1);
      let response: unknown;
      try {
        response = JSON.parse(line);
      } catch {
        response = undefined;
      }
      if (isConnectionRefusal(response)) {
        // The server refuses the connection itself (too many connections, too much held, idle, a
        // line too long), then closes it: every request waiting gets that refusal.
        this.fail(new CliError(isErrnoName(response.code) ? response.code : 'ERR_PROTOCOL', `${this.socketPath}: ${response.message}`));
        continue;
      }
      const waiting = this.pending.shift();
      if (waiting === undefined) continue;
      clearTimeout(waiting.timer);
      if (typeof response !== 'object' || response === null || (response as { id?: unknown }).id !== waiting.id) {
        waiting.reject(new CliError('ERR_PROTOCOL', `${this.socketPath}: expected the answer to request ${waiting.id}, got ${JSON.stringify(line.slice(0, 200))}`));
        continue;
      }
      const r = response as Record<string, unknown>;
      if (r['ok'] === true) {
        waiting.resolve(r);
        continue;
      }
      const code = typeof r['code'] === 'string' && isErrnoName(r['code']) ? r['code'] : 'ERR_PROTOCOL';
      waiting.reject(new CliError(code, typeof r['message'] === 'string' ? r['message'] : `${this.socketPath}: refused without a message`));
    }
  }

  private fail(error: CliError): void {
    this.closed ??= error;
    for (const waiting of this.pending.splice(0)) {
      clearTimeout(waiting.timer);
      waiting.reject(error);
    }
  }
}
