import { expect } from 'chai';
import { asOwnIo, injectionOff, isOwnIo } from '../../src/index';

describe('errinject\'s own I/O', () => {
  it('is on exactly while asOwnIo runs, nested or not, and returns what the I/O returned', () => {
    expect(isOwnIo()).to.equal(false);
    const seen = asOwnIo(() => [isOwnIo(), asOwnIo(() => isOwnIo()), isOwnIo()]);
    expect(seen).to.deep.equal([true, true, true]);
    expect(isOwnIo()).to.equal(false);
  });

  it('ends when the I/O throws, and lets the error through', () => {
    const error = new Error('EIO');
    expect(() =>
      asOwnIo(() => {
        throw error;
      }),
    ).to.throw(error);
    expect(isOwnIo()).to.equal(false);
  });

  it('is one count for every copy of the core: it lives on globalThis', () => {
    const key = Symbol.for('errinject.core.ownIo');
    const shared = (globalThis as Record<symbol, { depth: number }>)[key];
    expect(shared).to.deep.equal({ depth: 0 });
    asOwnIo(() => expect(shared?.depth).to.equal(1));
  });

  it('the production switch is off in the tests\' process', () => {
    expect(injectionOff()).to.equal(false);
  });
});
