import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The tarball of a package from the registry, fetched with `npm pack <name>@<version>` into `cache`
 * the first time and kept there (the benchmarks' cache ignores itself in git).
 *
 * @param cache - the directory to keep the tarball in (it must exist)
 * @param name - the package's name, scoped or not (`@xterm/xterm`, `prosemirror-model`)
 * @param version - its exact version
 * @returns the tarball's path
 * @throws Error when npm pack fails or leaves no tarball of the expected name
 */
export function packTarball(cache: string, name: string, version: string): string {
  const file = join(cache, `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`);
  if (!existsSync(file)) {
    console.log(`fetching ${name}@${version} with npm pack into ${cache}`);
    execFileSync('npm', ['pack', `${name}@${version}`, '--pack-destination', cache, '--silent'], {
      cwd: cache,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (!existsSync(file)) throw new Error(`npm pack ${name}@${version} left no ${file}`);
  }
  return file;
}

/**
 * Unpacks what an npm tarball holds under `package/` into a directory of its own, afresh.
 *
 * @param archive - the tarball
 * @param target - the directory to create (removed first when it is there)
 * @param parts - the entries of the package to unpack (`src`, `typings`); all when omitted
 */
export function unpackTarball(archive: string, target: string, parts: readonly string[] = []): void {
  const unpacked = `${target}.unpacking`;
  rmSync(target, { recursive: true, force: true });
  rmSync(unpacked, { recursive: true, force: true });
  mkdirSync(unpacked, { recursive: true });
  execFileSync('tar', ['xzf', archive, '-C', unpacked, ...parts.map((part) => `package/${part}`)]);
  renameSync(join(unpacked, 'package'), target);
  rmSync(unpacked, { recursive: true, force: true });
}
