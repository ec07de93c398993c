import { expect } from 'chai';
import * as fc from 'fast-check';
import { validateConfig, type ConfigOrigin } from '../../src/config/validateConfig';
import { LintError } from '../../src/errors/LintError';
import { RULE_IDS } from '../../src/finding/Finding';

const RC: ConfigOrigin = { file: '/p/.eilintrc.json', key: undefined };
const PKG: ConfigOrigin = { file: '/p/package.json', key: 'ei-lint' };

function refusal(value: unknown, origin: ConfigOrigin = RC): LintError {
  try {
    validateConfig(value, origin);
  } catch (error) {
    expect(error).to.be.instanceOf(LintError);
    expect((error as LintError).code).to.equal('ERR_CONFIG');
    return error as LintError;
  }
  throw new Error(`${JSON.stringify(value)} was accepted`);
}

describe('validateConfig', () => {
  describe('when the configuration is valid', () => {
    it('should return every key as given', () => {
      // Arrange
      const value = { rules: { 'ei/release-function': 'off', 'ei/unchecked-call': 'warn' }, guards: ['isFailure', 'Result.isFailure'], lockCalls: ['mutex.lock'] };

      // Act
      const config = validateConfig(value, RC);

      // Assert
      expect(config).to.deep.equal(value);
    });

    it('should accept an empty object, and each key alone', () => {
      // Act, assert
      expect(validateConfig({}, PKG)).to.deep.equal({});
      expect(validateConfig({ rules: {} }, PKG)).to.deep.equal({ rules: {} });
      expect(validateConfig({ guards: [] }, PKG)).to.deep.equal({ guards: [] });
      expect(validateConfig({ lockCalls: ['acquire'] }, PKG)).to.deep.equal({ lockCalls: ['acquire'] });
    });

    it('should accept every rule at every setting', () => {
      // Arrange
      const settings = fc.constantFrom('off', 'warn', 'error');
      const rules = fc.record(Object.fromEntries(RULE_IDS.map((id) => [id, settings])), { requiredKeys: [] });

      // Act, assert
      fc.assert(fc.property(rules, (value) => {
        expect(validateConfig({ rules: value }, RC)).to.deep.equal({ rules: value });
      }));
    });
  });

  describe('when the configuration names its JSON schema', () => {
    it('should accept a $schema string and leave it out of the configuration', () => {
      // Act, assert
      expect(validateConfig({ $schema: './node_modules/@errinject/lint/schema/eilintrc.schema.json', guards: ['isFailure'] }, RC)).to.deep.equal({ guards: ['isFailure'] });
    });

    it('should refuse a $schema that is not a string', () => {
      // Act, assert
      expect(refusal({ $schema: true }).message).to.equal('/p/.eilintrc.json: $schema is true; accepted: the URI or path of the JSON schema, a string');
    });
  });

  describe('when the configuration is not an object', () => {
    it('should name the file, the key and the value, and say what is accepted', () => {
      // Act
      const error = refusal(42, PKG);

      // Assert
      expect(error.message).to.equal('/p/package.json: "ei-lint" is 42; accepted: an object with the keys rules, guards, lockCalls, $schema');
    });

    it('should refuse null and arrays in a whole file', () => {
      // Act, assert
      expect(refusal(null).message).to.equal('/p/.eilintrc.json: the configuration is null; accepted: an object with the keys rules, guards, lockCalls, $schema');
      expect(refusal([]).message).to.contain('the configuration is []');
      expect(refusal(undefined).message).to.contain('the configuration is undefined;');
    });
  });

  describe('when a key is unknown', () => {
    it('should name it and list the keys accepted', () => {
      // Act
      const error = refusal({ rule: {} }, PKG);

      // Assert
      expect(error.message).to.equal('/p/package.json: "ei-lint" has an unknown key "rule"; accepted: rules, guards, lockCalls, $schema');
    });

    it('should refuse any key but the four', () => {
      // Arrange
      const key = fc.string().filter((k) => !['rules', 'guards', 'lockCalls', '$schema'].includes(k));

      // Act, assert
      fc.assert(fc.property(key, (k) => {
        expect(refusal({ [k]: [] }).message).to.contain(`has an unknown key ${JSON.stringify(k)}`);
      }));
    });
  });

  describe('when rules is wrong', () => {
    it('should refuse rules that is not an object', () => {
      // Act
      const error = refusal({ rules: ['ei/bad-usage'] });

      // Assert
      expect(error.message).to.equal('/p/.eilintrc.json: rules is ["ei/bad-usage"]; accepted: an object of rule ids and "off", "warn" or "error"');
    });

    it('should name an unknown rule id and list the rules', () => {
      // Act
      const error = refusal({ rules: { 'ei/no-such-rule': 'error' } }, PKG);

      // Assert
      expect(error.message).to.equal(`/p/package.json: "ei-lint".rules has an unknown rule "ei/no-such-rule"; accepted: ${RULE_IDS.join(', ')}`);
    });

    it('should refuse the suppression id, which is not a rule', () => {
      // Act, assert
      expect(refusal({ rules: { 'ei/suppression': 'off' } }).message).to.contain('unknown rule "ei/suppression"');
    });

    it('should name a bad severity with its rule and list the settings', () => {
      // Act
      const error = refusal({ rules: { 'ei/type-mismatch': 'warning' } }, PKG);

      // Assert
      expect(error.message).to.equal('/p/package.json: "ei-lint".rules["ei/type-mismatch"] is "warning"; accepted: "off", "warn", "error"');
    });

    it('should refuse ESLint\'s numeric severities', () => {
      // Act, assert
      for (const setting of [0, 1, 2]) expect(refusal({ rules: { 'ei/bad-usage': setting } }).message).to.contain(`rules["ei/bad-usage"] is ${setting};`);
    });
  });

  describe('when guards or lockCalls is wrong', () => {
    it('should refuse a value that is not an array', () => {
      // Act, assert
      expect(refusal({ guards: 'isFailure' }).message).to.equal(
        '/p/.eilintrc.json: guards is "isFailure"; accepted: an array of function names such as "isFailure" or "Result.isFailure"',
      );
      expect(refusal({ lockCalls: { lock: true } }, PKG).message).to.equal(
        '/p/package.json: "ei-lint".lockCalls is {"lock":true}; accepted: an array of function names such as "acquire" or "mutex.lock"',
      );
    });

    it('should name the element that is not a function name, by index', () => {
      // Act, assert
      expect(refusal({ guards: ['isFailure', 3] }, PKG).message).to.equal(
        '/p/package.json: "ei-lint".guards[1] is 3; accepted: a function name such as "isFailure" or "Result.isFailure"',
      );
      expect(refusal({ lockCalls: ['mutex.lock()'] }).message).to.equal(
        '/p/.eilintrc.json: lockCalls[0] is "mutex.lock()"; accepted: a function name such as "acquire" or "mutex.lock"',
      );
      expect(refusal({ guards: [''] }).message).to.contain('guards[0] is ""');
      expect(refusal({ guards: ['a..b'] }).message).to.contain('guards[0] is "a..b"');
    });

    it('should cut a long value short in the message', () => {
      // Act
      const error = refusal({ guards: 'x'.repeat(200) });

      // Assert
      expect(error.message).to.contain(`guards is "${'x'.repeat(76)}...; accepted`);
    });
  });
});
