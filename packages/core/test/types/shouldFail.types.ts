import { declareFaultAttr, decideFault, type FaultAttr, type FaultDecision, shouldFail, shouldFailEx } from '../../src/index';
import { type Equal, expectType } from './typeAssertions';

/** Never called: these statements are checked by the compiler only. */
export function shouldFailTypes(): void {
  const attr = declareFaultAttr('types-should-fail');

  const failed = shouldFail(attr);
  expectType<Equal<typeof failed, boolean>>(true);
  shouldFail(attr, 4096);
  const failedEx = shouldFailEx(attr, 1, 0);
  expectType<Equal<typeof failedEx, boolean>>(true);
  const decision = decideFault(attr);
  expectType<Equal<typeof decision, FaultDecision>>(true);

  // @ts-expect-error size is a number
  shouldFail(attr, 'x');
  // @ts-expect-error a FaultAttr cannot be forged from its visible fields
  shouldFail({ name: 'x' });
  // @ts-expect-error nor from a name
  shouldFail('x');
  // @ts-expect-error nor assigned from a look-alike
  const forged: FaultAttr = { name: 'x' };
  void forged;
}
