import { expect } from 'chai';
import { debugfs } from '@errinject/core';
import { CliError } from '../../src/errors/CliError';
import { checkFailcmdOptions } from '../../src/failcmd/checkFailcmdOptions';
import { parseFailcmdArgs } from '../../src/failcmd/parseFailcmdArgs';

function check(argv: string[], env: NodeJS.ProcessEnv = {}): void {
  checkFailcmdOptions(parseFailcmdArgs([...argv, 'cmd'], env).options, env);
}

function refusal(argv: string[], env: NodeJS.ProcessEnv = {}): CliError {
  try {
    check(argv, env);
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(argv)} to be refused`);
}

describe('checkFailcmdOptions', () => {
  describe('when every value is one the knobs take', () => {
    it('should accept them, with the kernel\'s widths and bases', () => {
      // Act, assert
      expect(() =>
        check(['-p', '18446744073709551615', '-i', '0x10', '-t', '-1', '-s', '4294967295', '-v', '010', '--task-filter', 'off',
          '--stacktrace-depth', '100', '--require-stack', 'Store.*,src/db.ts', '--reject-stack', '', '--nth', '4294967295', '--seed', '0xffffffff']),
      ).to.not.throw();
      expect(() =>
        check(['--inject', 'Store.open=-ENOMEM', '--inject', 'Cache.get=0', '--inject', 'Flag.set=1', '--inject', 'Raw.read=0xfffffffffffffff4']),
      ).to.not.throw();
    });

    it('should leave this process\'s own knobs as they were', () => {
      // Arrange
      const before = debugfs.read('fail_function/probability');

      // Act
      check(['-p', '77']);

      // Assert
      expect(debugfs.read('fail_function/probability')).to.equal(before);
    });
  });

  describe('when a knob value is refused by the knob', () => {
    const cases: Array<[string[], string]> = [
      [['-p', '-1'], '-p/--probability'],
      [['-p', '18446744073709551616'], '-p/--probability'],
      [['-i', 'abc'], '-i/--interval'],
      [['-t', '9223372036854775808'], '-t/--times'],
      [['-s', '1e3'], '-s/--space'],
      [['-v', '08'], '-v/--verbose'],
      [['--task-filter', 'maybe'], '--task-filter'],
      [['--stacktrace-depth', '-3'], '--stacktrace-depth'],
      [['--nth', '4294967296'], '--nth'],
      [['--nth', '-1'], '--nth'],
      [['--seed', '4294967296'], '--seed'],
    ];
    for (const [argv, option] of cases) {
      it(`should refuse ${argv.join(' ')} with ERR_INVALID_ARG_VALUE naming ${option} and the value`, () => {
        // Act
        const error = refusal(argv);

        // Assert
        expect(error.code).to.equal('ERR_INVALID_ARG_VALUE');
        expect(error.message.startsWith(`${option}: `)).to.equal(true, error.message);
        expect(error.message).to.contain(JSON.stringify(argv[1]));
        expect(error.message).to.contain('accepted');
      });
    }
  });

  describe('when a value holds a separator of ERRINJECT', () => {
    it('should refuse it, since it could not reach the command whole', () => {
      expect(refusal(['--require-stack', 'a, b']).message).to.contain('cannot hold whitespace or ";"');
      expect(refusal(['--nth', '3;']).message).to.contain('--nth "3;"');
      expect(refusal(['--inject', 'f=-1 2']).code).to.equal('ERR_INVALID_ARG_VALUE');
    });
  });

  describe('when --inject names something that is no function name', () => {
    for (const name of ['', '!Store.open', 'a/b', 'probability', 'inject', 'x'.repeat(513), 'a;b']) {
      it(`should refuse ${JSON.stringify(name.slice(0, 20))}`, () => {
        const error = refusal(['--inject', name]);
        expect(error.code).to.equal('ERR_INVALID_ARG_VALUE');
        expect(error.message).to.contain('expected NAME or NAME=RETVAL');
      });
    }

    it('should refuse a function named twice with ERR_USAGE', () => {
      expect(refusal(['--inject', 'f', '--inject', 'f=-5']).code).to.equal('ERR_USAGE');
    });
  });

  describe('when --inject gives a retval', () => {
    it('should refuse one no error type takes, listing each type\'s refusal', () => {
      // Act
      const error = refusal(['--inject', 'f=2']);

      // Assert
      expect(error.code).to.equal('ERR_INVALID_ARG_VALUE');
      expect(error.message).to.contain('ERRNO: EINVAL, ERRNO_NULL: EINVAL, NULL: EINVAL, TRUE: EINVAL');
      expect(refusal(['--inject', 'f=-4096']).message).to.contain('no error type takes the retval "-4096"');
      expect(refusal(['--inject', 'f=-ENOSUCH']).code).to.equal('ERR_INVALID_ARG_VALUE');
    });
  });

  describe('when --inject is *', () => {
    it('should take it alone or beside named functions with their retvals', () => {
      expect(() => check(['--inject', '*'])).to.not.throw();
      expect(() => check(['--inject', '*', '--inject', 'Store.open=-ENOMEM'])).to.not.throw();
    });

    it('should refuse a retval for *, which arms functions of every type, saying how to give one', () => {
      // Act
      const error = refusal(['--inject', '*=-12']);

      // Assert
      expect(error.code).to.equal('ERR_INVALID_ARG_VALUE');
      expect(error.message).to.contain('--inject *=-12 is not accepted: * arms every function, each with its own type\'s default retval');
    });
  });

  describe('when FAILCMD_TYPE names another capability', () => {
    it('should accept a capability the command declares later, and check its knobs', () => {
      expect(() => check(['-p', '50'], { FAILCMD_TYPE: 'fail_cli_test_later' })).to.not.throw();
      expect(refusal(['-p', 'x'], { FAILCMD_TYPE: 'fail_cli_test_later' }).message).to.contain('fail_cli_test_later/probability');
    });

    it('should refuse a name no capability can have', () => {
      expect(refusal([], { FAILCMD_TYPE: 'a=b' }).message).to.contain('FAILCMD_TYPE "a=b" is not accepted');
      expect(refusal([], { FAILCMD_TYPE: 'a/b' }).message).to.contain('FAILCMD_TYPE: declareFaultAttr');
    });

    it('should refuse --inject, which arms functions of fail_function', () => {
      expect(refusal(['--inject', 'f'], { FAILCMD_TYPE: 'fail_cli_test_later' }).code).to.equal('ERR_USAGE');
    });
  });

  describe('when several capabilities are listed', () => {
    it('should check the knob values against every one of them', () => {
      expect(() => check(['--type', 'fail_cli_test_a', '--type', 'fail_cli_test_b', '-p', '50', '-t', '-1'])).to.not.throw();
      expect(() => check(['-p', '50'], { FAILCMD_TYPE: 'fail_cli_test_a,fail_function' })).to.not.throw();
      expect(refusal(['--type', 'fail_cli_test_a', '--type', 'fail_cli_test_b', '-p', 'x']).message).to.contain('fail_cli_test_a/probability');
    });

    it('should name --type, not FAILCMD_TYPE, in a refusal of a name the flag gave', () => {
      expect(refusal(['--type', 'a=b']).message).to.contain('--type "a=b" is not accepted');
      expect(refusal(['--type', 'a,b']).message).to.contain('--type "a,b" is not accepted: a capability name has no whitespace, ",", ";" or "=" (give --type once per capability)');
      expect(refusal(['--type', 'a/b']).message).to.contain('--type: declareFaultAttr');
    });

    it('should take --inject when fail_function is among them, and refuse it otherwise, saying what to add', () => {
      expect(() => check(['--type', 'fail_cli_test_a', '--type', 'fail_function', '--inject', 'f'])).to.not.throw();
      expect(() => check(['--inject', 'f'], { FAILCMD_TYPE: 'fail_cli_test_a fail_function' })).to.not.throw();
      const flagged = refusal(['--type', 'fail_cli_test_a', '--inject', 'f']);
      expect(flagged.code).to.equal('ERR_USAGE');
      expect(flagged.message).to.contain('--type lists only fail_cli_test_a; add --type fail_function');
      expect(refusal(['--inject', 'f'], { FAILCMD_TYPE: 'fail_cli_test_a,fail_cli_test_b' }).message).to.contain('FAILCMD_TYPE is "fail_cli_test_a fail_cli_test_b"; add fail_function to it');
    });
  });

  describe('when the user has an ERRINJECT of their own', () => {
    it('should accept a well-formed one', () => {
      expect(() => check([], { ERRINJECT: 'fail_function/verbose=0; fail_x=1,100,0,-1' })).to.not.throw();
    });

    it('should refuse a malformed entry, naming its position', () => {
      // Act
      const error = refusal([], { ERRINJECT: 'fail_function/verbose=0 fail_x=1,2' });

      // Assert
      expect(error.code).to.equal('ERR_INVALID_ARG_VALUE');
      expect(error.message).to.contain('ERRINJECT entry 2 at column 25 ("fail_x=1,2")');
    });

    it('should refuse off, under which nothing could fail', () => {
      expect(refusal([], { ERRINJECT: 'off' }).message).to.contain('"off", the production switch');
    });
  });
});
