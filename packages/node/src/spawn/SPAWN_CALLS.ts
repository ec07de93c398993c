/**
 * The functions of `node:child_process` that `fail_spawn` fails, with the errno each gives when the
 * `errno` knob is empty, and the others it accepts: what starting a process really fails with
 * (`uv_spawn`: the command is missing or not executable, or the system is out of processes or
 * memory). A shell's own start (`exec`, `execSync`) fails for want of resources, not of a command
 * (a missing command is the shell's exit status 127).
 */
export const SPAWN_ERRNOS = ['ENOENT', 'EACCES', 'EAGAIN', 'ENOMEM', 'EMFILE', 'ENFILE'] as const;

/** How a function of `child_process` takes its command. */
export type SpawnCommand = 'file' | 'shell' | 'module';

/** A function of `child_process` `fail_spawn` fails. */
export interface SpawnCall {
  /** The errno a failure gives when the knob is empty. */
  readonly errno: (typeof SPAWN_ERRNOS)[number];
  /** A file and its arguments, a shell command line, or a module `fork` runs. */
  readonly command: SpawnCommand;
  /** Whether it returns (or throws) when it fails, rather than reporting it later. */
  readonly sync: boolean;
}

/** The functions, by name: also the names of the `ops` knob. */
export const SPAWN_CALLS = {
  spawn: { errno: 'ENOENT', command: 'file', sync: false },
  exec: { errno: 'EAGAIN', command: 'shell', sync: false },
  execFile: { errno: 'ENOENT', command: 'file', sync: false },
  fork: { errno: 'EAGAIN', command: 'module', sync: false },
  spawnSync: { errno: 'ENOENT', command: 'file', sync: true },
  execSync: { errno: 'EAGAIN', command: 'shell', sync: true },
  execFileSync: { errno: 'ENOENT', command: 'file', sync: true },
} as const satisfies Readonly<Record<string, SpawnCall>>;

/** A function `fail_spawn` fails. */
export type SpawnName = keyof typeof SPAWN_CALLS;
