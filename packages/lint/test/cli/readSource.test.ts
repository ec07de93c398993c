import { expect } from 'chai';
import { readSource } from '../../src/cli/readSource';
import { tempDir } from '../config/tempDir';

describe('readSource', () => {
  describe('when the file can be read', () => {
    it('should return its text', () => {
      // Arrange
      const tmp = tempDir();
      const file = tmp.write('a.ts', 'export const a = 1;\n');

      // Act
      const text = readSource(file);
      tmp.remove();

      // Assert
      expect(text).to.equal('export const a = 1;\n');
    });
  });

  describe('when the file is gone', () => {
    it('should return undefined', () => {
      // Act, assert
      expect(readSource('/no/such/dir/a.ts')).to.equal(undefined);
    });
  });
});
