import { spawnSync } from 'node:child_process';
import { declareFaultAttr, procfs, runTask, shouldFail, type FaultAttr } from '@errinject/core';
import { bareShouldFail } from './bare';
import { compare, MAIN, measure, report, type Loop } from './harness';

/**
 * shouldFail on a capability with probability 0 (the state of nearly every capability nearly all the
 * time) against a bare function call that returns false; and the cost per decision of the paths that
 * do work.
 */

// The same function defined here, for scale: V8 inlines it to nothing at all.
function localNoop(_attr: FaultAttr, _size?: number): boolean {
  return false;
}

// Each loop is its own function literal, so each call site sees one target and V8 treats both sides
// alike (inlined or not); a shared loop taking the function as a parameter would be megamorphic.
function bareLoop(attr: FaultAttr): Loop {
  return (n) => {
    let failed = 0;
    for (let i = 0; i < n; i++) if (bareShouldFail(attr)) failed++;
    return failed;
  };
}

function localNoopLoop(attr: FaultAttr): Loop {
  return (n) => {
    let failed = 0;
    for (let i = 0; i < n; i++) if (localNoop(attr)) failed++;
    return failed;
  };
}

function shouldFailLoop(attr: FaultAttr): Loop {
  return (n) => {
    let failed = 0;
    for (let i = 0; i < n; i++) if (shouldFail(attr)) failed++;
    return failed;
  };
}

/**
 * The bar, as calls: run in a child process started with `--no-turbo-inlining`, so that both sides
 * are real calls (inlined, the bare function costs nothing at all and any ratio is noise over an
 * empty loop). Prints PASS/FAIL lines and returns whether the bars were met.
 */
export function shouldFailCallsChild(): boolean {
  const idle = declareFaultAttr('bench_idle_calls');
  let ok = report(
    'shouldFail, probability 0, vs a bare imported function returning false (calls, not inlined)',
    compare(bareLoop(idle), shouldFailLoop(idle)),
    1.5,
  );
  // A task that armed fail-nth and ended must leave every gate closed again.
  runTask(() => procfs.write('self/fail-nth', '5'));
  ok =
    report(
      'the same, after a task armed fail-nth and ended (calls, not inlined)',
      compare(bareLoop(idle), shouldFailLoop(idle)),
      1.5,
    ) && ok;
  return ok;
}

/**
 * The shouldFail benchmark: the bar measured as calls in a child process, then, in this process,
 * the inlined difference and the cost of the decisions that do work.
 *
 * @returns whether the bars were met
 */
export function benchShouldFail(): boolean {
  console.log('\n# shouldFail');
  const child = spawnSync(process.execPath, ['--no-turbo-inlining', MAIN, '--child', 'shouldFail-calls'], { encoding: 'utf8' });
  process.stdout.write(child.stdout);
  process.stderr.write(child.stderr);
  const ok = child.status === 0;

  const idle = declareFaultAttr('bench_idle');
  const inlined = compare(localNoopLoop(idle), shouldFailLoop(idle));
  console.log(
    `info  inlined into the caller, against a no-op that V8 removes entirely: ` +
      `${inlined.candidateNs.toFixed(2)} ns vs ${inlined.baselineNs.toFixed(2)} ns an iteration, ` +
      `${(inlined.candidateNs - inlined.baselineNs).toFixed(2)} ns a call`,
  );

  const busy = declareFaultAttr('bench_busy', { probability: 100, interval: 3, times: -1, verbose: 0 });
  console.log(`info  probability 100, interval 3, times -1 (one call in three fails): ${measure(shouldFailLoop(busy)).toFixed(1)} ns per decision`);

  const rolled = declareFaultAttr('bench_rolled', { probability: 50, times: -1, verbose: 0 });
  console.log(`info  probability 50, times -1 (a roll each call): ${measure(shouldFailLoop(rolled)).toFixed(1)} ns per decision`);

  const nthAttr = declareFaultAttr('bench_nth', { verbose: 0 });
  const nthNs = runTask(() => {
    procfs.write('self/fail-nth', '4294967295');
    return measure(shouldFailLoop(nthAttr));
  });
  console.log(`info  fail-nth armed inside a task (counting down): ${nthNs.toFixed(1)} ns per decision`);
  return ok;
}
