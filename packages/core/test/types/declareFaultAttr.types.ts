import { declareFaultAttr, type FaultAttr, type FaultAttrInit, getFaultAttr, getFaultAttrOrThrow } from '../../src/index';
import { type Equal, expectType } from './typeAssertions';

/** Never called: these statements are checked by the compiler only. */
export function declareFaultAttrTypes(): void {
  const attr = declareFaultAttr('types-cap');
  expectType<Equal<typeof attr, FaultAttr>>(true);
  expectType<Equal<typeof attr.name, string>>(true);

  const found = getFaultAttr('types-cap');
  expectType<Equal<typeof found, FaultAttr | undefined>>(true);
  const foundOrThrow = getFaultAttrOrThrow('types-cap');
  expectType<Equal<typeof foundOrThrow, FaultAttr>>(true);

  // Every init key, in the types it takes.
  declareFaultAttr('types-full', {
    probability: 100,
    interval: 1n,
    times: -1,
    space: 0,
    verbose: 2n,
    verboseRatelimitIntervalMs: 0,
    verboseRatelimitBurst: 10,
    taskFilter: true,
    stacktraceDepth: 32,
    requireStack: ['open', 'Store.*'],
    rejectStack: 'close',
    seed: 1,
  });
  declareFaultAttr('types-big', { probability: 18446744073709551615n });
  const patterns: readonly string[] = ['a', 'b'];
  declareFaultAttr('types-readonly', { requireStack: patterns });
  const init: FaultAttrInit = {};
  declareFaultAttr('types-init', init);

  // @ts-expect-error the name is a string
  declareFaultAttr(42);
  // @ts-expect-error taskFilter is a boolean, not the knob's text
  declareFaultAttr('types-bad', { taskFilter: 'Y' });
  // @ts-expect-error no such init key
  declareFaultAttr('types-bad', { nope: 1 });
  // @ts-expect-error the debugfs spelling is not an init key
  declareFaultAttr('types-bad', { 'task-filter': true });
  // @ts-expect-error times is a number, not a bigint (it is signed 32-bit)
  declareFaultAttr('types-bad', { times: 1n });
  // @ts-expect-error probability is a number or a bigint
  declareFaultAttr('types-bad', { probability: '100' });
  // @ts-expect-error requireStack holds strings
  declareFaultAttr('types-bad', { requireStack: [1] });
  // @ts-expect-error the capability's name is read-only
  attr.name = 'other';
}
