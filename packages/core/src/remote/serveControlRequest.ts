import { userInfo } from 'node:os';
import { debugfs } from '../control/debugfs';
import { procfs } from '../control/procfs';
import { isErrInjectError, showValue } from '../errors/ErrInjectError';
import { state } from '../state/sharedState';
import type { ControlRequestId, ControlResponse, ControlTreeName, HelloResponse } from './ControlMessage';

/**
 * Serves one line of the control socket's protocol, in one synchronous step: a write is applied
 * whole between two calls of the program, never in the middle of one. procfs `self/...` means the
 * process's root task, whatever async context the socket's callbacks run in.
 */

/** This copy's version, as `hello` reports it (the package's own name resolves to itself). */
const VERSION: string = (() => {
  try {
    return (require('@errinject/core/package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
})();

const OPS = 'hello, read, write, list';

class ProtocolError extends Error {}

function refuse(message: string): never {
  throw new ProtocolError(message);
}

/** A field's value for a message: cut, as every value a client sends may be long. */
function showField(value: unknown): string {
  return value === undefined ? 'nothing' : showValue(value);
}

function field(request: Record<string, unknown>, name: string, optional = false): string | undefined {
  const value = request[name];
  if (value === undefined && optional) return undefined;
  if (typeof value !== 'string') refuse(`"${name}" must be a string, got ${showField(value)}`);
  return value;
}

function treeOf(request: Record<string, unknown>): typeof debugfs {
  const tree = request['tree'];
  if (tree !== 'debugfs' && tree !== 'procfs') refuse(`"tree" must be "debugfs" or "procfs", got ${showField(tree)}`);
  return (tree as ControlTreeName) === 'debugfs' ? debugfs : procfs;
}

function idOf(request: Record<string, unknown>): ControlRequestId {
  const id = request['id'];
  return typeof id === 'number' || typeof id === 'string' ? id : null;
}

function answer(request: Record<string, unknown>, id: ControlRequestId): ControlResponse {
  const op = request['op'];
  switch (op) {
    case 'hello':
      return hello(id);
    case 'read': {
      const tree = treeOf(request);
      return { id, ok: true, value: tree.read(field(request, 'path') as string) };
    }
    case 'write': {
      const tree = treeOf(request);
      tree.write(field(request, 'path') as string, field(request, 'value') as string);
      return { id, ok: true };
    }
    case 'list': {
      const tree = treeOf(request);
      return { id, ok: true, entries: tree.list(field(request, 'path', true) ?? '') };
    }
    default:
      return refuse(`unknown op ${op === undefined ? '(none)' : showValue(op)}; accepted: ${OPS}`);
  }
}

/** A value that a system call gives, or `null` when it fails. */
function orNull<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}

/** Who is there: what `ei-ctl list` shows to tell processes apart. */
function hello(id: ControlRequestId): HelloResponse {
  return {
    id,
    ok: true,
    pid: process.pid,
    argv: process.argv,
    version: VERSION,
    execArgv: process.execArgv,
    ppid: process.ppid,
    cwd: orNull(() => process.cwd()),
    startTime: Math.round(performance.timeOrigin),
    uid: typeof process.geteuid === 'function' ? process.geteuid() : null,
    user: orNull(() => userInfo().username),
  };
}

function outsideTasks<T>(fn: () => T): T {
  // The socket's callbacks belong to whatever context created the server; self/ is the root task's.
  const als = state.als;
  return als === undefined ? fn() : als.exit(fn);
}

/**
 * Answers one request line.
 *
 * @param line - one line of the protocol, without its newline
 * @returns the response; refusals of the control tree carry its errno name and message, requests
 * that are not valid carry `EPROTO`
 */
export function serveControlRequest(line: string): ControlResponse {
  let request: unknown;
  try {
    request = JSON.parse(line);
  } catch (error) {
    return { id: null, ok: false, code: 'EPROTO', message: `the request is not JSON (${(error as Error).message}); send one JSON object a line` };
  }
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    return { id: null, ok: false, code: 'EPROTO', message: `the request must be a JSON object with "id" and "op" (${OPS}), got ${showValue(line)}` };
  }
  const fields = request as Record<string, unknown>;
  const id = idOf(fields);
  try {
    return outsideTasks(() => answer(fields, id));
  } catch (error) {
    if (error instanceof ProtocolError) return { id, ok: false, code: 'EPROTO', message: error.message };
    if (isErrInjectError(error)) return { id, ok: false, code: error.code, message: error.message };
    return { id, ok: false, code: 'EIO', message: String(error) };
  }
}
