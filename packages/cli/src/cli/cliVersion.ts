/**
 * The version of `@errinject/cli`, which `failcmd --version` and `ei-ctl --version` print (the
 * package's own name resolves to itself through its `exports`).
 *
 * @returns the version in package.json
 */
export function cliVersion(): string {
  return (require('@errinject/cli/package.json') as { version: string }).version;
}
