import { setVerboseSink } from '@errinject/core';
import { asyncChild, benchAsyncOverhead, type AsyncMode } from './asyncOverhead.bench';
import { benchControlSocket } from './controlSocket.bench';
import { consumed } from './harness';
import { benchInject } from './inject.bench';
import { benchLint } from './lint.bench';
import { benchMark } from './mark.bench';
import { benchNode, nodeInProcessChild } from './node.bench';
import { benchRealCode } from './realCode/realCode.bench';
import { benchShouldFail, shouldFailCallsChild } from './shouldFail.bench';
import { benchStackFilter } from './stackFilter.bench';
import { benchSweep } from './sweep.bench';
import { benchWrappers } from './wrappers.bench';

/**
 * `npm run bench`: every benchmark, each printing ratios against a baseline measured in the same
 * process or invocation. Exits 1 when a ratio misses its bar. Run one with `--only <name>`;
 * `--only mark --core <path to another build's index.js>` measures marking in that build.
 */

/** The value after an option of the command line (`--core <path>`), if it is there. */
function optionValue(option: string): string | undefined {
  const at = process.argv.indexOf(option);
  return at === -1 ? undefined : process.argv[at + 1];
}

const BENCHES: Record<string, () => boolean | Promise<boolean>> = {
  shouldFail: benchShouldFail,
  stackFilter: benchStackFilter,
  async: benchAsyncOverhead,
  inject: benchInject,
  wrappers: benchWrappers,
  sweep: benchSweep,
  mark: (): boolean => benchMark(optionValue('--core')),
  lint: benchLint,
  realCode: benchRealCode,
  failcmd: (): Promise<boolean> => (require('./failcmd.bench') as typeof import('./failcmd.bench')).benchFailcmd(),
  controlSocket: benchControlSocket,
  shard: (): boolean => (require('./shard.bench') as typeof import('./shard.bench')).benchShard(),
  node: benchNode,
};

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    setVerboseSink(() => {});
    const role = args[1] ?? '';
    if (role === 'shouldFail-calls') process.exitCode = shouldFailCallsChild() ? 0 : 1;
    else if (role === 'node-in-process') process.exitCode = (await nodeInProcessChild()) ? 0 : 1;
    else if (role.startsWith('async-')) await asyncChild(role.slice('async-'.length) as AsyncMode);
    else throw new Error(`unknown child role ${JSON.stringify(role)}`);
    return;
  }
  const only = args[0] === '--only' ? args[1] : undefined;
  if (only !== undefined && !(only in BENCHES)) {
    console.error(`unknown benchmark ${JSON.stringify(only)}; known: ${Object.keys(BENCHES).join(', ')}`);
    process.exitCode = 2;
    return;
  }
  setVerboseSink(() => {});
  let ok = true;
  for (const [name, bench] of Object.entries(BENCHES)) {
    if (only === undefined || only === name) ok = (await bench()) && ok;
  }
  // Reading the sink keeps every timed loop's result alive.
  if (consumed() === Number.MIN_VALUE) console.log('');
  console.log(`\n${ok ? 'all ratios within their bars' : 'some ratios missed their bars'}`);
  process.exitCode = ok ? 0 : 1;
}

void main();
