import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { expect } from 'chai';
import * as fc from 'fast-check';
import { validateConfig } from '../../src/config/validateConfig';
import { RULE_IDS } from '../../src/finding/Finding';

/**
 * The JSON schema the package ships for `.eilintrc.json` (schema/eilintrc.schema.json) must accept
 * exactly what ei-lint accepts: an editor that checks a file against it must not pass a
 * configuration ei-lint refuses, nor flag one it takes.
 */

const PACKAGE = path.resolve(__dirname, '../../..');
const SCHEMA_FILE = path.join(PACKAGE, 'schema', 'eilintrc.schema.json');
const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
const validateSchema = new Ajv({ strict: true, allErrors: true }).compile(schema);

function acceptedByLint(value: unknown): boolean {
  try {
    validateConfig(value, { file: '/p/.eilintrc.json', key: undefined });
    return true;
  } catch {
    return false;
  }
}

const acceptedBySchema = (value: unknown): boolean => validateSchema(value);

/** Configurations near the edge of what is accepted: right and wrong keys, values and names. */
const SETTING = fc.oneof(fc.constantFrom('off', 'warn', 'error'), fc.constantFrom('warning', 'Error', 'on', '', 0, 1, 2, null, true));
const RULE_ID = fc.oneof(fc.constantFrom(...RULE_IDS), fc.constantFrom('ei/suppression', 'ei/no-such-rule', 'unchecked-call', ''));
const NAME = fc.oneof(
  fc.constantFrom('isFailure', 'Result.isFailure', 'mutex.lock', '$', '_a1', 'a.b.c'),
  fc.constantFrom('', 'a..b', '.a', 'a.', '1a', 'f()', 'a b', 'a-b', 'é', 3, null),
  fc.string({ maxLength: 6 }),
);
const NAMES = fc.oneof(fc.array(NAME, { maxLength: 3 }), fc.constantFrom('isFailure', {}, null, 3));
const RULES = fc.oneof(fc.dictionary(RULE_ID, SETTING, { maxKeys: 3 }), fc.constantFrom([], 'ei/bad-usage', null, 1));
const SCHEMA_KEY = fc.oneof(fc.constantFrom('./schema.json', 'https://example.com/s.json', ''), fc.constantFrom(true, 1, null, {}));
const CONFIG = fc.oneof(
  fc.record({ rules: RULES, guards: NAMES, lockCalls: NAMES, $schema: SCHEMA_KEY }, { requiredKeys: [] }),
  fc.record({ rules: RULES, rule: fc.constant({}), extends: fc.constant('x'), guards: NAMES }, { requiredKeys: [] }),
  fc.constantFrom(null, [], 'rules', 42, true),
);

describe('schema/eilintrc.schema.json', () => {
  describe('when a configuration is valid', () => {
    it('should accept what ei-lint accepts: every rule at every setting, names, $schema', () => {
      // Arrange
      const valid = [
        {},
        { $schema: './node_modules/@errinject/lint/schema/eilintrc.schema.json' },
        { rules: Object.fromEntries(RULE_IDS.map((id, i) => [id, (['off', 'warn', 'error'] as const)[i % 3]])) },
        ...(['off', 'warn', 'error'] as const).flatMap((setting) => RULE_IDS.map((id) => ({ rules: { [id]: setting } }))),
        { guards: ['isFailure', 'Result.isFailure'], lockCalls: ['mutex.lock', 'acquire', '$lock', '_x.y2'] },
      ];

      // Act, assert
      for (const value of valid) {
        expect(acceptedByLint(value), JSON.stringify(value)).to.equal(true);
        expect(acceptedBySchema(value), `${JSON.stringify(value)}: ${JSON.stringify(validateSchema.errors)}`).to.equal(true);
      }
    });
  });

  describe('when a configuration is invalid', () => {
    it('should refuse what ei-lint refuses', () => {
      // Arrange
      const invalid = [
        null,
        [],
        'ei/bad-usage',
        { rule: {} },
        { extends: 'x' },
        { $schema: 1 },
        { rules: [] },
        { rules: { 'ei/suppression': 'off' } },
        { rules: { 'ei/no-such-rule': 'error' } },
        { rules: { 'ei/type-mismatch': 'warning' } },
        { rules: { 'ei/bad-usage': 2 } },
        { guards: 'isFailure' },
        { guards: ['a..b'] },
        { guards: [''] },
        { lockCalls: ['mutex.lock()'] },
        { lockCalls: [3] },
      ];

      // Act, assert
      for (const value of invalid) {
        expect(acceptedByLint(value), JSON.stringify(value)).to.equal(false);
        expect(acceptedBySchema(value), JSON.stringify(value)).to.equal(false);
      }
    });
  });

  describe('when any configuration near the edge is checked', () => {
    it('should give the same verdict as validateConfig', () => {
      // Act, assert
      fc.assert(
        fc.property(CONFIG, (value) => {
          expect(acceptedBySchema(value), JSON.stringify(value)).to.equal(acceptedByLint(value));
        }),
        { numRuns: 500 },
      );
    });
  });

  describe('when the package is published', () => {
    it('should ship the schema and export it by name', () => {
      // Arrange
      const manifest = JSON.parse(readFileSync(path.join(PACKAGE, 'package.json'), 'utf8')) as { files: string[]; exports: Record<string, unknown> };

      // Assert
      expect(manifest.files).to.include('schema');
      expect(manifest.exports['./schema/eilintrc.schema.json']).to.equal('./schema/eilintrc.schema.json');
      expect(require.resolve('@errinject/lint/schema/eilintrc.schema.json')).to.equal(SCHEMA_FILE);
    });
  });
});
