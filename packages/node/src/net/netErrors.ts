import { constants } from 'node:os';
import { getSystemErrorMap } from 'node:util';

/**
 * The errors Node gives for failed network operations, built as `lib/internal/errors.js` builds them
 * (`ErrnoException`, `UVExceptionWithHostPort`, `DNSException`): the same message, the same fields
 * in the same order.
 */

/** libuv's number for an errno or a getaddrinfo error (`EAI_AGAIN`). */
function uvNumber(name: string): number | undefined {
  const errno = (constants.errno as Readonly<Record<string, number | undefined>>)[name];
  if (errno !== undefined) return -errno;
  for (const [number, [code]] of getSystemErrorMap()) if (code === name) return number;
  return undefined;
}

/** libuv's description of an errno (`connection reset by peer`). */
function uvMessage(number: number): string {
  return getSystemErrorMap().get(number)?.[1] ?? 'unknown error';
}

function withFields(message: string, fields: Readonly<Record<string, unknown>>): Error {
  const error = new Error(message) as Error & Record<string, unknown>;
  for (const [key, value] of Object.entries(fields)) if (value !== undefined || key === 'errno') error[key] = value;
  return error;
}

/**
 * `ErrnoException(err, syscall)`: `write ECONNRESET`.
 *
 * @param code - the errno's name
 * @param syscall - the operation
 * @returns the error
 */
export function errnoError(code: string, syscall: string): Error {
  return withFields(`${syscall} ${code}`, { errno: uvNumber(code), code, syscall });
}

/**
 * `UVExceptionWithHostPort(err, 'listen', address, port)`: `listen EADDRINUSE: address already in use :::3000`.
 *
 * @param code - the errno's name
 * @param syscall - the operation
 * @param address - the address
 * @param port - the port, or 0 for none
 * @returns the error
 */
export function hostPortError(code: string, syscall: string, address: string, port: number): Error {
  const number = uvNumber(code) ?? 0;
  const details = port > 0 ? ` ${address}:${port}` : address !== '' ? ` ${address}` : '';
  return withFields(`${syscall} ${code}: ${uvMessage(number)}${details}`, { code, errno: number, syscall, address, port: port > 0 ? port : undefined });
}

/**
 * `DNSException(code, syscall, hostname)`: `getaddrinfo ENOTFOUND example.com` (with libuv's number
 * as `errno`, ENOTFOUND standing for `EAI_NONAME`), or `queryA ENOTFOUND example.com` for a
 * c-ares query (whose `errno` is `undefined`).
 *
 * @param code - the DNS code
 * @param syscall - `getaddrinfo`, `getnameinfo`, `queryA`, `getHostByAddr`...
 * @param hostname - the name asked for
 * @returns the error
 */
export function dnsError(code: string, syscall: string, hostname: string | undefined): Error {
  const errno = syscall === 'getaddrinfo' || syscall === 'getnameinfo' ? uvNumber(code === 'ENOTFOUND' ? 'EAI_NONAME' : code) : undefined;
  return withFields(`${syscall} ${code}${hostname !== undefined && hostname !== '' ? ` ${hostname}` : ''}`, { errno, code, syscall, hostname: hostname === '' ? undefined : hostname });
}
