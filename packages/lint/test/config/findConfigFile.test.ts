import * as path from 'node:path';
import { expect } from 'chai';
import { findConfigFile } from '../../src/config/findConfigFile';
import { LintError } from '../../src/errors/LintError';
import { tempDir, type TempDir } from './tempDir';

describe('findConfigFile', () => {
  let tmp: TempDir;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.remove());

  describe('when no directory up from the start holds a configuration', () => {
    it('should return undefined, past package.json files without the key', () => {
      // Arrange
      tmp.write('package.json', { name: 'outer' });
      tmp.write('a/package.json', 'null');
      const dir = tmp.mkdir('a/b');

      // Act, assert
      expect(findConfigFile(dir)).to.equal(undefined);
    });
  });

  describe('when the start directory holds a configuration', () => {
    it('should read .eilintrc.json whole', () => {
      // Arrange
      const file = tmp.write('.eilintrc.json', { guards: ['isFailure'] });

      // Act, assert
      expect(findConfigFile(tmp.root)).to.deep.equal({ file, key: undefined, value: { guards: ['isFailure'] } });
    });

    it('should read the "ei-lint" key of package.json', () => {
      // Arrange
      const file = tmp.write('package.json', { name: 'p', 'ei-lint': { rules: { 'ei/bad-usage': 'off' } } });

      // Act, assert
      expect(findConfigFile(tmp.root)).to.deep.equal({ file, key: 'ei-lint', value: { rules: { 'ei/bad-usage': 'off' } } });
    });

    it('should return a key whose value is null, for the check to refuse', () => {
      // Arrange
      tmp.write('package.json', { 'ei-lint': null });

      // Act, assert
      expect(findConfigFile(tmp.root)?.value).to.equal(null);
    });

    it('should prefer .eilintrc.json to the package.json key beside it', () => {
      // Arrange
      const rc = tmp.write('.eilintrc.json', { guards: ['fromRc'] });
      tmp.write('package.json', { 'ei-lint': { guards: ['fromPackage'] } });

      // Act, assert
      expect(findConfigFile(tmp.root)).to.deep.equal({ file: rc, key: undefined, value: { guards: ['fromRc'] } });
    });
  });

  describe('when .eilintrc.json has comments, trailing commas or a $schema', () => {
    it('should read it as a tsconfig.json is read', () => {
      // Arrange
      const file = tmp.write(
        '.eilintrc.json',
        '\ufeff{\n  "$schema": "./node_modules/@errinject/lint/schema/eilintrc.schema.json",\n  // warnings only while we migrate\n  "rules": { "ei/unchecked-call": "warn", /* for now */ },\n  "guards": ["isFailure",],\n}\n',
      );

      // Act, assert
      expect(findConfigFile(tmp.root)).to.deep.equal({
        file,
        key: undefined,
        value: { $schema: './node_modules/@errinject/lint/schema/eilintrc.schema.json', rules: { 'ei/unchecked-call': 'warn' }, guards: ['isFailure'] },
      });
    });

    it('should read an empty file, or comments only, as {}', () => {
      // Arrange
      tmp.write('.eilintrc.json', '// nothing configured yet\n');

      // Act, assert
      expect(findConfigFile(tmp.root)?.value).to.deep.equal({});
    });

    it('should keep package.json strict JSON, as npm reads it', () => {
      // Arrange
      const file = tmp.write('package.json', '{ "ei-lint": {}, // no\n }');

      // Act, assert
      expect(() => findConfigFile(tmp.root)).to.throw(LintError, `${file}: is not valid JSON (`);
    });
  });

  describe('when configurations are at several levels', () => {
    it('should take the nearest, whichever kind it is', () => {
      // Arrange
      tmp.write('.eilintrc.json', { guards: ['outer'] });
      const inner = tmp.write('pkg/package.json', { 'ei-lint': { guards: ['inner'] } });

      // Act, assert
      expect(findConfigFile(path.join(tmp.root, 'pkg', 'src'))).to.deep.equal({ file: inner, key: 'ei-lint', value: { guards: ['inner'] } });
    });

    it('should go past a package.json without the key to a configuration above', () => {
      // Arrange
      const outer = tmp.write('package.json', { workspaces: ['pkg'], 'ei-lint': { lockCalls: ['acquire'] } });
      tmp.write('pkg/package.json', { name: 'pkg' });

      // Act, assert
      expect(findConfigFile(path.join(tmp.root, 'pkg'))?.file).to.equal(outer);
    });
  });

  describe('when a file cannot be used', () => {
    it('should refuse a file that is not JSON, naming it, the line and column, and what is wrong', () => {
      // Arrange
      const file = tmp.write('.eilintrc.json', '{\n  // the rules\n  "rules": }');

      // Act, assert
      expect(() => findConfigFile(tmp.root))
        .to.throw(LintError, `${file}:3:12: is not valid JSON (Expression expected); accepted: JSON, with // and /* */ comments and trailing commas as in a tsconfig.json`)
        .with.property('code', 'ERR_CONFIG');
    });

    it('should refuse keys without double quotes, as a tsconfig.json does', () => {
      // Arrange
      const file = tmp.write('.eilintrc.json', "{ 'rules': {} }");

      // Act, assert
      expect(() => findConfigFile(tmp.root)).to.throw(LintError, `${file}:1:3: is not valid JSON (String literal with double quotes expected)`);
    });

    it('should refuse a package.json that is not JSON, since it may hold the key', () => {
      // Arrange
      const file = tmp.write('package.json', '{');

      // Act, assert
      expect(() => findConfigFile(tmp.root)).to.throw(LintError, `${file}: is not valid JSON`);
    });

    it('should refuse a configuration that cannot be read, naming it', () => {
      // Arrange
      const dir = tmp.mkdir('.eilintrc.json');

      // Act, assert
      expect(() => findConfigFile(tmp.root))
        .to.throw(LintError, `${dir}: cannot be read (EISDIR: illegal operation on a directory, read); accepted: a readable JSON file`)
        .with.property('code', 'ERR_CONFIG');
    });
  });
});
