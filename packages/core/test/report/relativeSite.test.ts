import { expect } from 'chai';
import { relativeSite } from '@errinject/core';

describe('relativeSite', () => {
  describe('when the file lies under the directory', () => {
    it('should name it relative to the directory, with its line and column', () => {
      expect(relativeSite('/app/src/store.ts:12:5', '/app')).to.equal('src/store.ts:12:5');
    });

    it('should be relative to the working directory by default', () => {
      expect(relativeSite(`${process.cwd()}/src/store.ts:3:1`)).to.equal('src/store.ts:3:1');
    });
  });

  describe('when the file lies elsewhere', () => {
    it('should leave a file outside the directory absolute', () => {
      expect(relativeSite('/opt/lib/x.js:3:1', '/app')).to.equal('/opt/lib/x.js:3:1');
      expect(relativeSite('/application/x.js:3:1', '/app')).to.equal('/application/x.js:3:1');
    });

    it('should leave a site that is relative already, a URL or a builtin as it is', () => {
      expect(relativeSite('src/store.ts:12:5', '/app')).to.equal('src/store.ts:12:5');
      expect(relativeSite('node:fs:10:2', '/app')).to.equal('node:fs:10:2');
      expect(relativeSite('https://example.com/a.js:1:2', '/app')).to.equal('https://example.com/a.js:1:2');
    });
  });

  describe('when the site has no line and column', () => {
    it('should leave it as it is', () => {
      expect(relativeSite('native', '/app')).to.equal('native');
      expect(relativeSite('/app/src/store.ts', '/app')).to.equal('/app/src/store.ts');
    });
  });
});
