import * as os from 'node:os';
import * as path from 'node:path';
import { expect } from 'chai';
import { formatGithub } from '../../src/format/formatGithub';
import { formatJson } from '../../src/format/formatJson';
import { formatSarif } from '../../src/format/formatSarif';
import { FORMAT_NAMES, FORMATTERS } from '../../src/format/formatters';
import { formatStylish } from '../../src/format/formatStylish';
import { findManifest, helpUri, TOOL_INFO } from '../../src/format/toolInfo';
import { relativePath } from '../../src/format/relativePath';
import { tempDir } from '../config/tempDir';

describe('FORMATTERS', () => {
  describe('when a format is named', () => {
    it('should give its formatter, stylish first', () => {
      // Assert
      expect(FORMAT_NAMES).to.deep.equal(['stylish', 'json', 'sarif', 'github']);
      expect(FORMATTERS).to.deep.equal({ stylish: formatStylish, json: formatJson, sarif: formatSarif, github: formatGithub });
    });
  });
});

describe('TOOL_INFO', () => {
  describe('when read', () => {
    it('should give the name, a semantic version and the documentation', () => {
      // Assert
      expect(TOOL_INFO.name).to.equal('ei-lint');
      expect(TOOL_INFO.version).to.match(/^\d+\.\d+\.\d+/);
      expect(helpUri('ei/state-before-error')).to.equal(`${TOOL_INFO.informationUri}#eistate-before-error`);
    });

    it('should find the manifest from any directory of the package, and only there', () => {
      // Act, assert
      expect(findManifest(path.join(__dirname, 'deeper', 'still')).version).to.equal(TOOL_INFO.version);
      expect(() => findManifest(os.tmpdir())).to.throw(Error, `the package.json of @errinject/lint is not in ${os.tmpdir()} or above it`);
      const tmp = tempDir();
      tmp.write('package.json', { name: 'another', version: '9.9.9' });
      expect(() => findManifest(tmp.root)).to.throw(Error, 'the package.json of @errinject/lint is not in');
      tmp.remove();
    });
  });
});

describe('relativePath', () => {
  describe('when a file is under or beside the working directory', () => {
    it('should give it relative, with slashes', () => {
      // Act, assert
      expect(relativePath('/a/b/c.ts', '/a')).to.equal('b/c.ts');
      expect(relativePath('/x/c.ts', '/a/b')).to.equal('../../x/c.ts');
    });
  });
});
