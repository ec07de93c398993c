import { expect } from 'chai';
import { captureCallSite } from '../../src/report/captureCallSite';
import { formatCallSite } from '../../src/report/formatCallSite';
import { here } from './here';

function entry(): NodeJS.CallSite {
  const site = captureCallSite(entry);
  if (site === undefined) throw new Error('no call site');
  return site;
}

/** A call site with the given position, as V8 would give it. */
function fakeSite(file: string | null | undefined, line: number | null, column: number | null): NodeJS.CallSite {
  return { getFileName: () => file, getLineNumber: () => line, getColumnNumber: () => column } as unknown as NodeJS.CallSite;
}

describe('formatCallSite', () => {
  describe('when the frame has a file', () => {
    it('should name its file, line and column, through the source map', () => {
      // Arrange
      const at = here();
      const site = entry();

      // Act
      const name = formatCallSite(site);

      // Assert: mocha runs with --enable-source-maps, so this is the .ts source, not the .js.
      expect(name).to.equal(`${at.file}:${at.line + 1}:20`);
      expect(name).to.match(/test[/\\]report[/\\]formatCallSite\.test\.ts:/);
    });

    it('should give the position V8 gave where the file has no source map', () => {
      // Act
      const name = formatCallSite(fakeSite('/no/such/file.js', 12, 5));

      // Assert
      expect(name).to.equal('/no/such/file.js:12:5');
    });

    describe('when a test runner installed a stack-trace formatter (vitest, jest) and Node.js knows no source map', () => {
      /** Runs `fn` with `Error.prepareStackTrace` set to `prepare`, and puts the previous one back. */
      function withFormatter<T>(prepare: (error: Error, sites: NodeJS.CallSite[]) => unknown, fn: () => T): T {
        const previous = Error.prepareStackTrace;
        Error.prepareStackTrace = prepare;
        try {
          return fn();
        } finally {
          Error.prepareStackTrace = previous;
        }
      }

      it('should name the position the formatter maps the frame to', () => {
        // Arrange: a formatter that maps the transformed code's frames to the sources, as vitest's does.
        const seen: string[] = [];
        const prepare = (error: Error, sites: NodeJS.CallSite[]): string => {
          seen.push(...sites.map((site) => `${site.getFileName() ?? ''}:${site.getLineNumber() ?? 0}`));
          return `${String(error)}\n    at Store.open (/srv/app/src/store.ts:40:7)`;
        };

        // Act
        const name = withFormatter(prepare, () => formatCallSite(fakeSite('/srv/app/src/store.ts', 97, 31)));

        // Assert
        expect(seen).to.deep.equal(['/srv/app/src/store.ts:97']);
        expect(name).to.equal('/srv/app/src/store.ts:40:7');
      });

      it('should read an anonymous frame and a file: URL', () => {
        const name = withFormatter(
          (error) => `${String(error)}\n    at file:///srv/app/src/main.ts:3:9`,
          () => formatCallSite(fakeSite('file:///srv/app/src/main.ts', 20, 1)),
        );
        expect(name).to.equal('/srv/app/src/main.ts:3:9');
      });

      it('should give the position V8 gave where the formatter throws, returns no text or names no position', () => {
        const site = fakeSite('/srv/app/src/store.ts', 97, 31);
        const throwing = (): never => {
          throw new Error('formatter failed');
        };
        expect(withFormatter(throwing, () => formatCallSite(site))).to.equal('/srv/app/src/store.ts:97:31');
        expect(withFormatter(() => [], () => formatCallSite(site))).to.equal('/srv/app/src/store.ts:97:31');
        expect(withFormatter((error) => `${String(error)}\n    at native`, () => formatCallSite(site))).to.equal('/srv/app/src/store.ts:97:31');
      });
    });

    it("should read a file's source map again once the code that asked has run (a module evaluated again has a new one)", async () => {
      // Arrange: Node.js's source map of one file, before and after the module is evaluated again.
      const module = require('node:module') as { findSourceMap: (path: string) => unknown };
      const findSourceMap = module.findSourceMap;
      let line = 3;
      const lookups: string[] = [];
      module.findSourceMap = (path: string) => {
        lookups.push(path);
        return { findEntry: () => ({ originalSource: '/srv/app/src/store.ts', originalLine: line - 1, originalColumn: 4 }) };
      };
      const site = fakeSite('/srv/app/dist/reloaded.js', 40, 2);

      // Act
      const names: Array<string | undefined> = [];
      try {
        names.push(formatCallSite(site), formatCallSite(site));
        await Promise.resolve();
        line = 4;
        names.push(formatCallSite(site));
      } finally {
        module.findSourceMap = findSourceMap;
      }

      // Assert: looked up once while the first code ran, and again after it.
      expect(names).to.deep.equal(['/srv/app/src/store.ts:3:5', '/srv/app/src/store.ts:3:5', '/srv/app/src/store.ts:4:5']);
      expect(lookups).to.deep.equal(['/srv/app/dist/reloaded.js', '/srv/app/dist/reloaded.js']);
    });

    it('should give the position V8 gave where Node.js cannot read the source map', () => {
      // Arrange
      const module = require('node:module') as { findSourceMap: (path: string) => unknown };
      const findSourceMap = module.findSourceMap;
      module.findSourceMap = () => {
        throw new Error('bad source map');
      };

      // Act
      let name: string | undefined;
      try {
        name = formatCallSite(fakeSite('/srv/app/unreadable-map.js', 7, 3));
      } finally {
        module.findSourceMap = findSourceMap;
      }

      // Assert
      expect(name).to.equal('/srv/app/unreadable-map.js:7:3');
    });

    it('should turn a file: URL into a path', () => {
      // Act
      const name = formatCallSite(fakeSite('file:///srv/app/main.mjs', 3, 9));

      // Assert
      expect(name).to.equal('/srv/app/main.mjs:3:9');
    });
  });

  describe('when the frame has no file position', () => {
    it('should give undefined for code run by eval', () => {
      // Arrange
      const site = (0, eval)('(fn) => fn()')(entry) as NodeJS.CallSite;

      // Act
      const name = formatCallSite(site);

      // Assert
      expect(name).to.equal(undefined);
    });

    it('should give undefined for a frame without a file name', () => {
      // Act
      const name = formatCallSite(fakeSite(null, null, null));

      // Assert
      expect(name).to.equal(undefined);
    });
  });
});
