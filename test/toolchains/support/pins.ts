/**
 * The toolchain versions the recipes of the README's "Toolchains" section are tested with: exact
 * versions, installed from npm by the scratch projects and cached between runs. The README's table
 * names the same ones.
 */

/** node:test compiled by tsc, and tsx. */
export const NODE_TEST_PINS = { typescript: '5.9.3', '@types/node': '20.19.43', tsx: '4.23.15' } as const;

/** vitest 4 on vite 7, whose esbuild transform lowers standard decorators. */
export const VITEST_VITE7_PINS = { vitest: '4.1.12', vite: '7.3.8' } as const;

/** vitest 4 on vite 8, whose Oxc transform lowers only `experimentalDecorators`. */
export const VITEST_VITE8_PINS = { vitest: '4.1.12', vite: '8.4.1' } as const;

/** jest 30 with ts-jest, and with @swc/jest. */
export const JEST_PINS = {
  jest: '30.5.2',
  'ts-jest': '29.4.15',
  '@types/jest': '30.0.0',
  '@swc/jest': '0.2.39',
  '@swc/core': '1.16.22',
  typescript: '5.9.3',
  '@types/node': '20.19.43',
} as const;

/** mocha 12 with tsx, for @errinject/mocha's describeSweep. */
export const MOCHA_PINS = { mocha: '12.0.3', '@types/mocha': '10.0.10', tsx: '4.23.15' } as const;
