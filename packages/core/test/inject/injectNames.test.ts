import { expect } from 'chai';
import { allowErrorInjection, debugfs, EI_TYPE_NULL } from '../../src/index';
import { catchErrInject } from '../support/errors';
import { uniqueNames } from '../support/names';
import { failEveryCall, useFailFunction } from './failFunctionHooks';

/**
 * Names in `fail_function/inject` are compared as the user wrote them (regression: a write was turned
 * into UTF-8 bytes and read back as latin1, so `café`, `Überprüfe` and `数据.打开` could be marked but
 * never armed, and messages showed the garbled name). The length limit, KSYM_NAME_LEN, counts what the
 * registry counts: UTF-16 code units.
 */

const uniqueName = uniqueNames('inject-names');

function armedNames(): string[] {
  return debugfs.read('fail_function/inject').split('\n').filter((line) => line !== '');
}

function markNull(name: string): () => object | null {
  return allowErrorInjection(EI_TYPE_NULL, (): object | null => ({}), { name });
}

describe('fail_function/inject names', () => {
  useFailFunction();

  describe('when a name has characters beyond ASCII', () => {
    for (const base of ['café', 'Überprüfe', '数据.打开', 'emoji🙂.open']) {
      it(`should arm, fail and disarm ${base} by the name as written`, () => {
        // Arrange
        const name = `${base}-${uniqueName('n')}`;
        const call = markNull(name);
        failEveryCall();

        // Act
        debugfs.write('fail_function/inject', name);
        const armed = call();
        const listed = armedNames();
        debugfs.write(`fail_function/${name}/retval`, '0');
        debugfs.write('fail_function/inject', `!${name}`);

        // Assert
        expect(armed).to.equal(null);
        expect(listed).to.include(name);
        expect(armedNames()).to.not.include(name);
        expect(call()).to.deep.equal({});
      });
    }

    it('should name an unknown non-ASCII name as written in the EINVAL message', () => {
      // Act
      const error = catchErrInject(() => debugfs.write('fail_function/inject', 'Überprüfe.nirgends'));

      // Assert
      expect(error.code).to.equal('EINVAL');
      expect(error.message).to.include('"Überprüfe.nirgends"');
    });
  });

  describe('when a name is as long as a name may be', () => {
    it('should arm a name of 512 characters beyond ASCII, which is also 1,536 bytes of UTF-8', () => {
      // Arrange
      const prefix = `${uniqueName('long')}-`;
      const name = prefix + '数'.repeat(512 - prefix.length);
      markNull(name);

      // Act
      debugfs.write('fail_function/inject', name);

      // Assert
      expect(name.length).to.equal(512);
      expect(armedNames()).to.include(name);
    });

    it('should cut a longer write to 512 characters, as the kernel cuts it to KSYM_NAME_LEN, and look that up', () => {
      // Arrange
      const prefix = `${uniqueName('cut')}-`;
      const name = prefix + 'ü'.repeat(512 - prefix.length);
      markNull(name);

      // Act
      debugfs.write('fail_function/inject', `${name}ü tail`);

      // Assert
      expect(armedNames()).to.include(name);
    });
  });
});
