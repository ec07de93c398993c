import { debugfs } from '@errinject/core';
import sinon from 'sinon';
import { LegacyDecorated, LegacyPlain } from '../dist-legacy/fixtures';
import { compare, measure, report, type Loop } from './harness';
import { ArmedFailing, ArmedIdle, bare, Decorated, Plain, Stubbed, wrappedIdle, wrappedToArm } from './inject/fixtures';

/**
 * Error-injectable functions against the same code unmarked: a decorated method never armed
 * (standard and legacy decorators), a wrapped plain function never armed; the cost of a call once
 * armed, failing or not; and sinon's call-through stub, the tool a user would otherwise reach for.
 * Every loop is a function literal of its own, so that each call site sees one target.
 */

interface HasM {
  m(x: number): number;
}

function plainLoop(o: HasM): Loop {
  return (n) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += o.m(i);
    return s;
  };
}
function decoratedLoop(o: HasM): Loop {
  return (n) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += o.m(i);
    return s;
  };
}
function legacyPlainLoop(o: HasM): Loop {
  return (n) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += o.m(i);
    return s;
  };
}
function legacyDecoratedLoop(o: HasM): Loop {
  return (n) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += o.m(i);
    return s;
  };
}
function armedLoop(o: HasM): Loop {
  return (n) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += o.m(i);
    return s;
  };
}
function failingLoop(o: HasM): Loop {
  return (n) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += o.m(i);
    return s;
  };
}
function stubLoop(o: HasM): Loop {
  return (n) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += o.m(i);
    return s;
  };
}
const bareLoop: Loop = (n) => {
  let s = 0;
  for (let i = 0; i < n; i++) s += bare(i);
  return s;
};
const wrappedLoop: Loop = (n) => {
  let s = 0;
  for (let i = 0; i < n; i++) s += wrappedIdle(i);
  return s;
};
const wrappedArmedLoop: Loop = (n) => {
  let s = 0;
  for (let i = 0; i < n; i++) s += wrappedToArm(i);
  return s;
};

/**
 * Runs the benchmark.
 *
 * @returns whether the bars were met
 */
export function benchInject(): boolean {
  console.log('\n# error-injectable functions');
  let ok = report('decorated method, never armed, vs the same method undecorated (standard decorators)', compare(plainLoop(new Plain()), decoratedLoop(new Decorated())), 1.05);
  ok =
    report(
      'decorated method, never armed, vs the same method undecorated (experimentalDecorators)',
      compare(legacyPlainLoop(new LegacyPlain()), legacyDecoratedLoop(new LegacyDecorated())),
      1.05,
    ) && ok;
  ok = report('wrapped plain function, never armed, vs the bare function', compare(bareLoop, wrappedLoop), 1.15) && ok;

  const plainNs = measure(plainLoop(new Plain()));
  debugfs.write('fail_function/inject', 'ArmedIdle.m');
  debugfs.write('fail_function/inject', 'wrappedArmed');
  const armedNs = measure(armedLoop(new ArmedIdle()));
  const wrappedArmedNs = measure(wrappedArmedLoop);
  console.log(
    `info  armed, probability 0 (not failing): method ${armedNs.toFixed(2)} ns, plain function ${wrappedArmedNs.toFixed(2)} ns a call ` +
      `(undecorated method ${plainNs.toFixed(2)} ns)`,
  );
  debugfs.write('fail_function/inject', 'ArmedFailing.m');
  debugfs.write('fail_function/probability', '100');
  debugfs.write('fail_function/times', '-1');
  debugfs.write('fail_function/verbose', '0');
  const failingNs = measure(failingLoop(new ArmedFailing()), { n: 500_000 });
  console.log(`info  armed and failing every call (verbose 0): ${failingNs.toFixed(1)} ns a call`);
  debugfs.write('fail_function/probability', '0');
  debugfs.write('fail_function/inject', '');
  // The loop that saw the armed wrapper and then the original again: its call site stays polymorphic.
  const afterNs = measure(armedLoop(new ArmedIdle()));
  console.log(`info  after arming and disarming, at a call site that saw both: ${afterNs.toFixed(2)} ns a call (never armed: ${plainNs.toFixed(2)} ns)`);

  const stub = sinon.stub(Stubbed.prototype, 'm').callThrough();
  const sinonRatio = compare(plainLoop(new Plain()), stubLoop(new Stubbed()), { n: 200_000, rounds: 7 });
  console.log(
    `info  sinon stub calling through, vs the method undecorated: ${sinonRatio.ratio.toFixed(1)}x ` +
      `[${sinonRatio.candidateNs.toFixed(1)} ns vs ${sinonRatio.baselineNs.toFixed(2)} ns]; ` +
      `an armed method that does not fail costs ${(sinonRatio.candidateNs / armedNs).toFixed(0)} times less than the stub`,
  );
  stub.restore();
  return ok;
}
