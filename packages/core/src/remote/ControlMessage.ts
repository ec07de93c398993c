/**
 * The protocol of the control socket: newline-delimited JSON, one request a line, one response a
 * line, in the order of the requests.
 */

/** The two trees of the control tree. */
export type ControlTreeName = 'debugfs' | 'procfs';

/** `{"id":1,"op":"hello"}`: who is there. */
export interface HelloRequest {
  readonly id: ControlRequestId;
  readonly op: 'hello';
}

/** `{"id":2,"op":"read","tree":"debugfs","path":"fail_function/times"}`. */
export interface ReadRequest {
  readonly id: ControlRequestId;
  readonly op: 'read';
  readonly tree: ControlTreeName;
  readonly path: string;
}

/** `{"id":3,"op":"write","tree":"debugfs","path":"fail_function/times","value":"-1"}`. */
export interface WriteRequest {
  readonly id: ControlRequestId;
  readonly op: 'write';
  readonly tree: ControlTreeName;
  readonly path: string;
  readonly value: string;
}

/** `{"id":4,"op":"list","tree":"debugfs","path":"fail_function"}`; `path` `""` (or absent) is the root. */
export interface ListRequest {
  readonly id: ControlRequestId;
  readonly op: 'list';
  readonly tree: ControlTreeName;
  readonly path?: string;
}

/** What a request may carry as its id, echoed in its response. */
export type ControlRequestId = number | string | null;

/** One request. */
export type ControlRequest = HelloRequest | ReadRequest | WriteRequest | ListRequest;

/**
 * The answer to `hello`: who is there, enough to tell processes apart. The fields after `version`
 * came later: a client must take an answer without them (a process of an older core).
 */
export interface HelloResponse {
  readonly id: ControlRequestId;
  readonly ok: true;
  readonly pid: number;
  /** `process.argv`: the executable, the script (`-` for one read from stdin; none for `-e`, `-p` or a REPL), its arguments. */
  readonly argv: readonly string[];
  /** The version of the core that serves the socket. */
  readonly version: string;
  /** `process.execArgv`: Node.js's own options, which `argv` leaves out (`-e CODE`, `-p CODE`, `--require X`, `--inspect`...). */
  readonly execArgv: readonly string[];
  /** The parent process's id. */
  readonly ppid: number;
  /** The working directory; `null` when it cannot be read (it was removed). */
  readonly cwd: string | null;
  /** When the process started, in milliseconds since the epoch. */
  readonly startTime: number;
  /** The user id it runs as (effective); `null` where there is none (Windows). */
  readonly uid: number | null;
  /** That user's name; `null` when the user has none (no passwd entry, as in some containers). */
  readonly user: string | null;
}

/** The answer to `read`: the file's content, with its trailing newline. */
export interface ReadResponse {
  readonly id: ControlRequestId;
  readonly ok: true;
  readonly value: string;
}

/** The answer to `write`. */
export interface WriteResponse {
  readonly id: ControlRequestId;
  readonly ok: true;
}

/** The answer to `list`: the directory's entries, in creation order. */
export interface ListResponse {
  readonly id: ControlRequestId;
  readonly ok: true;
  readonly entries: readonly string[];
}

/**
 * A refusal: `code` is the control tree's errno name (`EINVAL`, `ENOENT`, `EACCES`, ...) with its
 * message, or `EPROTO` for a request that is not one (not JSON, an unknown op, a missing field).
 * With `id` null it may refuse the connection itself, which the server then closes: `EMFILE` (too
 * many connections), `ENOBUFS` (too much held), `ETIMEDOUT` (idle), `EPROTO` (a line too long).
 */
export interface ErrorResponse {
  readonly id: ControlRequestId;
  readonly ok: false;
  readonly code: string;
  readonly message: string;
}

/** One response. */
export type ControlResponse = HelloResponse | ReadResponse | WriteResponse | ListResponse | ErrorResponse;
