import { expect } from 'chai';
import { DEFAULT_CONFIG } from '../../src/config/LintConfig';
import { loadConfig } from '../../src/config/loadConfig';
import { LintError } from '../../src/errors/LintError';
import { tempDir, type TempDir } from './tempDir';

describe('loadConfig', () => {
  let tmp: TempDir;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.remove());

  describe('when no configuration applies', () => {
    it('should return the defaults and no file', () => {
      // Act
      const loaded = loadConfig(tmp.root);

      // Assert
      expect(loaded).to.deep.equal({ config: DEFAULT_CONFIG, file: undefined });
    });
  });

  describe('when a configuration applies', () => {
    it('should merge it over the defaults and name its file', () => {
      // Arrange
      const file = tmp.write('package.json', { 'ei-lint': { rules: { 'ei/release-function': 'error', 'ei/bad-usage': 'off' }, guards: ['isFailure'] } });

      // Act
      const loaded = loadConfig(tmp.root);

      // Assert
      expect(loaded.file).to.equal(file);
      expect(loaded.config).to.deep.equal({
        rules: { ...DEFAULT_CONFIG.rules, 'ei/release-function': 'error', 'ei/bad-usage': 'off' },
        configuredRules: ['ei/release-function', 'ei/bad-usage'],
        guards: ['isFailure'],
        lockCalls: [],
      });
    });
  });

  describe('when the configuration is invalid', () => {
    it('should throw ERR_CONFIG naming the file and the key', () => {
      // Arrange
      const file = tmp.write('.eilintrc.json', { rules: { 'ei/unchecked-call': 'on' } });

      // Act, assert
      expect(() => loadConfig(tmp.root))
        .to.throw(LintError, `${file}: rules["ei/unchecked-call"] is "on"; accepted: "off", "warn", "error"`)
        .with.property('code', 'ERR_CONFIG');
    });
  });
});
