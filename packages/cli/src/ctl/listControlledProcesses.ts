import { readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { controlSocketDir } from '@errinject/core';
import { ControlClient, type HelloInfo, unreachableCode } from './ControlClient';

/** A process that opted in, as it answered `hello`. */
export interface ControlledProcess extends HelloInfo {
  /** Its socket. */
  readonly socket: string;
}

/** What {@link listControlledProcesses} found. */
export interface ControlledProcesses {
  /** The processes that answered, by pid. */
  readonly processes: readonly ControlledProcess[];
  /** The pids whose socket nobody listened on any more (a process that died without removing it): removed. */
  readonly removed: readonly number[];
  /** The pids whose socket did not answer in time: left alone. */
  readonly unresponsive: readonly number[];
}

const SOCKET_NAME = /^([1-9][0-9]*)\.sock$/;

/**
 * Lists the processes of this user that listen on a control socket, asking each who it is, and
 * removes the sockets left by processes that are gone (a connection refused: nobody listens).
 *
 * These are the caller's own processes, and only theirs, without a filter by user: the directory is
 * the caller's, mode 0700, and the core of any other user (root's included, with a shared
 * `XDG_RUNTIME_DIR`) refuses to serve in a directory it does not own (`controlSocketDir()`). A
 * process listed with another user changed its user after it opened its socket (`process.setuid`).
 *
 * @param options - `dir`, the socket directory (default `controlSocketDir()`), and `timeoutMs`, how
 *   long each process may take to answer (default 1000)
 * @returns the processes, the stale sockets removed and the sockets that did not answer
 * @throws ErrInjectError what `controlSocketDir()` throws (a directory with the wrong owner or mode)
 */
export async function listControlledProcesses(options: { dir?: string; timeoutMs?: number } = {}): Promise<ControlledProcesses> {
  const dir = options.dir ?? controlSocketDir();
  const timeoutMs = options.timeoutMs ?? 1000;
  const sockets = readdirSync(dir)
    .map((name) => SOCKET_NAME.exec(name))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ pid: Number(match[1]), socket: path.join(dir, match[0]) }))
    .sort((a, b) => a.pid - b.pid);
  const processes: ControlledProcess[] = [];
  const removed: number[] = [];
  const unresponsive: number[] = [];
  await Promise.all(
    sockets.map(async ({ pid, socket }) => {
      let client: ControlClient | undefined;
      try {
        client = await ControlClient.connect(socket, { timeoutMs });
        const hello = await client.hello();
        processes.push({ ...hello, pid, socket });
      } catch (error) {
        const code = unreachableCode(error);
        if (code === 'ECONNREFUSED') {
          rmSync(socket, { force: true });
          removed.push(pid);
        } else if (code !== 'ENOENT') {
          unresponsive.push(pid);
        }
      } finally {
        client?.close();
      }
    }),
  );
  const byPid = (a: number, b: number): number => a - b;
  return { processes: processes.sort((a, b) => a.pid - b.pid), removed: removed.sort(byPid), unresponsive: unresponsive.sort(byPid) };
}
