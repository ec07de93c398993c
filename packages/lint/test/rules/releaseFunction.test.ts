import { expect } from 'chai';
import { releaseWordOf } from '../../src/rules/releaseFunction/releaseWordOf';
import { lintCase, ruleTester } from '../support/ruleTester';

const IMPORTS = "import { AllowErrorInjection, allowErrorInjection, EI_TYPE_NULL, EI_TYPE_ERRNO, EI_TYPE_TRUE } from '@errinject/core';";
const LEGACY = { experimentalDecorators: true };

ruleTester('ei/release-function', {
  valid: [
    {
      name: 'an allocation method',
      code: `
        ${IMPORTS}
        export class Slab { @AllowErrorInjection(EI_TYPE_NULL) static kmalloc(size: number): Buffer | null { return Buffer.alloc(size); } }
      `,
    },
    {
      name: 'an open method, legacy decorators',
      compilerOptions: LEGACY,
      code: `
        ${IMPORTS}
        export class Store { @AllowErrorInjection(EI_TYPE_ERRNO) open(): number { return 0; } }
      `,
    },
    {
      name: 'a class named after a release is not the function',
      code: `
        ${IMPORTS}
        export class Closer { @AllowErrorInjection(EI_TYPE_ERRNO) prepare(): number { return 0; } }
        export class FreeList { @AllowErrorInjection(EI_TYPE_NULL) take(): object | null { return null; } }
      `,
    },
    {
      name: 'words that only contain a verb',
      code: `
        ${IMPORTS}
        export class Fs {
          @AllowErrorInjection(EI_TYPE_ERRNO) freeze(): number { return 0; }
          @AllowErrorInjection(EI_TYPE_TRUE) isClosed(): boolean { return false; }
          @AllowErrorInjection(EI_TYPE_ERRNO) closest(): number { return 0; }
          @AllowErrorInjection(EI_TYPE_NULL) endpoint(): string | null { return null; }
          @AllowErrorInjection(EI_TYPE_NULL) backend(): string | null { return null; }
        }
      `,
    },
    {
      name: 'a release word that is not the verb: a noun phrase, an event, a query (regression: dropPoint was warned)',
      code: `
        ${IMPORTS}
        export class Transform {
          @AllowErrorInjection(EI_TYPE_NULL) dropPoint(pos: number): number | null { return pos; }
          @AllowErrorInjection(EI_TYPE_NULL) freeSpace(): number | null { return 0; }
          @AllowErrorInjection(EI_TYPE_ERRNO) onDispose(): number { return 0; }
          @AllowErrorInjection(EI_TYPE_ERRNO) end(depth: number): number { return depth; }
          @AllowErrorInjection(EI_TYPE_TRUE) endOfTextblock(): boolean { return false; }
          @AllowErrorInjection(EI_TYPE_NULL) getReleaseDate(): string | null { return null; }
          @AllowErrorInjection(EI_TYPE_ERRNO) handleClose(): number { return 0; }
          @AllowErrorInjection(EI_TYPE_NULL) closestNode(): object | null { return null; }
        }
        export const on_close = allowErrorInjection(EI_TYPE_ERRNO, function on_close(): number { return 0; });
      `,
    },
    {
      name: 'put first stores, end last reads',
      code: `
        ${IMPORTS}
        export class Map2 {
          @AllowErrorInjection(EI_TYPE_ERRNO) put(): number { return 0; }
          @AllowErrorInjection(EI_TYPE_ERRNO) putItem(): number { return 0; }
          @AllowErrorInjection(EI_TYPE_ERRNO) getEnd(): number { return 0; }
        }
      `,
    },
    {
      name: 'input and output are not fput',
      code: `
        ${IMPORTS}
        export const input = allowErrorInjection(EI_TYPE_ERRNO, function input(): number { return 0; });
        export const output = allowErrorInjection(EI_TYPE_ERRNO, function output(): number { return 0; });
      `,
    },
    {
      name: 'an allocation wrapped function',
      code: `
        ${IMPORTS}
        export const alloc = allowErrorInjection(EI_TYPE_NULL, function alloc(): object | null { return null; });
      `,
    },
    {
      name: 'an arrow named by options.name',
      code: `
        ${IMPORTS}
        export const a = allowErrorInjection(EI_TYPE_ERRNO, (): number => 0, { name: 'Store.connect' });
      `,
    },
    {
      name: 'a getter named close is ei/bad-usage\'s',
      code: `
        ${IMPORTS}
        export class Store { @AllowErrorInjection(EI_TYPE_NULL) get close(): null { return null; } }
      `,
    },
    {
      name: 'an unmarked close method',
      code: `
        ${IMPORTS}
        export class Store {
          @AllowErrorInjection(EI_TYPE_ERRNO) open(): number { return 0; }
          close(): number { return 0; }
        }
      `,
    },
    {
      name: 'a symbol-keyed method that is not dispose',
      code: `
        ${IMPORTS}
        export class Store { @AllowErrorInjection(EI_TYPE_ERRNO, { name: 'Store.iterate' }) [Symbol.iterator](): number { return 0; } }
      `,
    },
    {
      name: 'computed names: a string that is not a verb, and an expression',
      code: `
        ${IMPORTS}
        declare const key: 'free';
        export class Store {
          @AllowErrorInjection(EI_TYPE_ERRNO) ['open'](): number { return 0; }
          @AllowErrorInjection(EI_TYPE_ERRNO, { name: 'Store.k' }) [key](): number { return 0; }
        }
      `,
    },
    {
      name: 'a mark in another file that is not a release function',
      files: {
        'other.ts': `
          ${IMPORTS}
          export class Other { @AllowErrorInjection(EI_TYPE_ERRNO) read(): number { return 0; } }
        `,
      },
      code: `
        import { Other } from './other.js';
        export const other = new Other();
      `,
    },
  ],
  invalid: [
    {
      name: 'closeFile',
      code: `
        ${IMPORTS}
        export class Fs {
          @AllowErrorInjection(EI_TYPE_ERRNO)
          closeFile(fd: number): number { return fd; }
        }
      `,
      errors: [{ line: 4, column: 3 }],
    },
    {
      name: 'releaseLock, legacy decorators',
      compilerOptions: LEGACY,
      code: `
        ${IMPORTS}
        export class Mutex {
          @AllowErrorInjection(EI_TYPE_ERRNO)
          releaseLock(): number { return 0; }
        }
      `,
      errors: [{ line: 4, column: 3 }],
    },
    {
      name: 'release verbs after modifiers and underscores, and before their object',
      code: `
        ${IMPORTS}
        export class Pool {
          @AllowErrorInjection(EI_TYPE_ERRNO) _dispose(): number { return 0; }
          @AllowErrorInjection(EI_TYPE_ERRNO) tryRelease(): number { return 0; }
          @AllowErrorInjection(EI_TYPE_ERRNO) freeBuffer(): number { return 0; }
          @AllowErrorInjection(EI_TYPE_ERRNO) disposeRegistry(): number { return 0; }
          @AllowErrorInjection(EI_TYPE_ERRNO) dropIndex(): number { return 0; }
        }
      `,
      errors: [3, 4, 5, 6, 7].map((line) => ({ line, column: 39 })),
    },
    {
      name: 'a static free method on one line',
      code: `
        ${IMPORTS}
        export class Slab { @AllowErrorInjection(EI_TYPE_ERRNO) static free(buffer: Buffer): number { return buffer.length; } }
      `,
      errors: [{ line: 2, column: 64 }],
    },
    {
      name: 'kfree and kmem_cache_free, wrapped',
      code: `
        ${IMPORTS}
        export const kfree = allowErrorInjection(EI_TYPE_ERRNO, function kfree(): number { return 0; });
        export const cacheFree = allowErrorInjection(EI_TYPE_ERRNO, function kmem_cache_free(): number { return 0; });
      `,
      errors: [
        { line: 2, column: 22 },
        { line: 3, column: 26 },
      ],
    },
    {
      name: 'fput and kref_put',
      code: `
        ${IMPORTS}
        export class Ref {
          @AllowErrorInjection(EI_TYPE_ERRNO) fput(): number { return 0; }
          @AllowErrorInjection(EI_TYPE_ERRNO) kref_put(): number { return 0; }
        }
      `,
      errors: [
        { line: 3, column: 39 },
        { line: 4, column: 39 },
      ],
    },
    {
      name: 'sock_release and mutex_unlock: the last word of a name with separators',
      code: `
        ${IMPORTS}
        export class Sock {
          @AllowErrorInjection(EI_TYPE_ERRNO) sock_release(): number { return 0; }
          @AllowErrorInjection(EI_TYPE_ERRNO) mutex_unlock(): number { return 0; }
        }
      `,
      errors: [
        { line: 3, column: 39 },
        { line: 4, column: 39 },
      ],
    },
    {
      name: 'cleanUp, tearDown and shutDown as one word',
      code: `
        ${IMPORTS}
        export class Service {
          @AllowErrorInjection(EI_TYPE_ERRNO) cleanUp(): number { return 0; }
          @AllowErrorInjection(EI_TYPE_ERRNO) tearDown(): number { return 0; }
          @AllowErrorInjection(EI_TYPE_ERRNO) shutDown(): number { return 0; }
        }
      `,
      errors: [
        { line: 3, column: 39 },
        { line: 4, column: 39 },
        { line: 5, column: 39 },
      ],
    },
    {
      name: 'destroy, dispose, unref, drop, delete, remove, unlock, end',
      code: `
        ${IMPORTS}
        export class All {
          @AllowErrorInjection(EI_TYPE_ERRNO) destroy(): number { return 0; }
          @AllowErrorInjection(EI_TYPE_ERRNO) dispose(): number { return 0; }
          @AllowErrorInjection(EI_TYPE_ERRNO) unref(): number { return 0; }
          @AllowErrorInjection(EI_TYPE_ERRNO) dropTable(): number { return 0; }
          @AllowErrorInjection(EI_TYPE_ERRNO) deleteTempFile(): number { return 0; }
          @AllowErrorInjection(EI_TYPE_ERRNO) removeListener(): number { return 0; }
          @AllowErrorInjection(EI_TYPE_ERRNO) unlockAll(): number { return 0; }
          @AllowErrorInjection(EI_TYPE_ERRNO) endSession(): number { return 0; }
        }
      `,
      errors: [3, 4, 5, 6, 7, 8, 9, 10].map((line) => ({ line, column: 39 })),
    },
    {
      name: 'Symbol.dispose and a private #close',
      code: `
        ${IMPORTS}
        export class Res {
          @AllowErrorInjection(EI_TYPE_ERRNO, { name: 'Res.dispose' }) [Symbol.dispose](): number { return 0; }
          @AllowErrorInjection(EI_TYPE_ERRNO) #close(): number { return 0; }
        }
      `,
      errors: [
        { line: 3, column: 64 },
        { line: 4, column: 39 },
      ],
    },
    {
      name: 'a computed string name',
      code: `
        ${IMPORTS}
        export class Store { @AllowErrorInjection(EI_TYPE_ERRNO) ['close'](): number { return 0; } }
      `,
      errors: [{ line: 2, column: 58 }],
    },
    {
      name: 'an arrow stored under a release name',
      code: `
        ${IMPORTS}
        export const closeFd = allowErrorInjection(EI_TYPE_ERRNO, (fd: number): number => fd, { name: 'fd' });
      `,
      errors: [{ line: 2, column: 24 }],
    },
    {
      name: 'a function given as a variable named for a release',
      code: `
        ${IMPORTS}
        function releaseBuffer(): number { return 0; }
        export const api = { rb: allowErrorInjection(EI_TYPE_ERRNO, releaseBuffer) };
      `,
      errors: [{ line: 3, column: 26 }],
    },
    {
      name: 'a release name given only by options.name',
      code: `
        ${IMPORTS}
        export class Store {
          @AllowErrorInjection(EI_TYPE_ERRNO, { name: 'Store.close' }) shut(): number { return 0; }
        }
        export const h = allowErrorInjection(EI_TYPE_ERRNO, (): number => 0, { name: 'vfs.unlink.free' });
      `,
      errors: [
        { line: 3, column: 64 },
        { line: 5, column: 18 },
      ],
    },
  ],
});

describe('ei/release-function messages', () => {
  describe('when a close method is marked', () => {
    it('should warn with the kernel\'s advice, naming the word and the function', () => {
      // Arrange
      const code = `
        ${IMPORTS}
        export class Fs { @AllowErrorInjection(EI_TYPE_ERRNO) closeFile(): number { return 0; } }
      `;

      // Act
      const findings = lintCase('ei/release-function', { name: 'message', code });

      // Assert
      expect(findings.map((f) => [f.severity, f.message])).to.deep.equal([
        [
          'warning',
          'Fs.closeFile is marked ERRNO but releases something, as its name says ("close" in closeFile): the kernel advises against making release functions ' +
            'error-injectable, since callers rarely handle a failing release and cannot tell whether the object was released, so leaks follow; ' +
            'unmark it, or make sure every caller handles the failure',
        ],
      ]);
    });
  });
});

describe('releaseWordOf', () => {
  describe('when a name leads with a release verb', () => {
    it('should give the verb', () => {
      // Arrange
      const names = {
        close: 'close',
        closeAll: 'close',
        closeFile: 'close',
        free: 'free',
        freeBuffer: 'free',
        freeMemory: 'free',
        release: 'release',
        releaseLock: 'release',
        dispose: 'dispose',
        _dispose: 'dispose',
        $destroy: 'destroy',
        destroy: 'destroy',
        disposeRegistry: 'dispose',
        unref: 'unref',
        unRef: 'unref',
        cleanUp: 'cleanup',
        tearDown: 'teardown',
        shutDown: 'shutdown',
        endSession: 'end',
        endTransaction: 'end',
        dropTable: 'drop',
        dropIndex: 'drop',
        dropColumn: 'drop',
        closeCursor: 'close',
        destroyTarget: 'destroy',
        removeListener: 'remove',
        removeEventListener: 'remove',
        removeAllListeners: 'remove',
        deleteTempFile: 'delete',
        delete: 'delete',
        delete_: 'delete',
        deleteLines: 'delete',
        remove: 'remove',
        rb_tree_delete: 'delete',
        doClose: 'close',
        tryRelease: 'release',
        asyncDispose: 'dispose',
        forceClose: 'close',
        maybeDestroy: 'destroy',
        free2: 'free',
      };

      // Act
      const words = Object.fromEntries(Object.keys(names).map((name) => [name, releaseWordOf(name)]));

      // Assert
      expect(words).to.deep.equal(names);
    });
  });

  describe('when a name is the kernel\'s, with separators or a short name', () => {
    it('should give the verb, first or last', () => {
      // Arrange
      const names = {
        kfree: 'free',
        kvfree: 'free',
        kfree_skb: 'free',
        kmem_cache_free: 'free',
        free_pages: 'free',
        release_sock: 'release',
        sock_release: 'release',
        fput: 'put',
        iput: 'put',
        dev_put: 'put',
        kref_put: 'put',
        mutex_unlock: 'unlock',
        'pool-destroy': 'destroy',
        tty_clean_up: 'cleanup',
        FILE_CLOSE: 'close',
      };

      // Act
      const words = Object.fromEntries(Object.keys(names).map((name) => [name, releaseWordOf(name)]));

      // Assert
      expect(words).to.deep.equal(names);
    });
  });

  describe('when a release word is a noun or adjective of a noun phrase', () => {
    it('should give nothing', () => {
      // Arrange
      const names = [
        'dropPoint',
        'dropPoints',
        'dropTarget',
        'dropEffect',
        'dropZone',
        'dropDown',
        'freeSpace',
        'freeBytes',
        'endTime',
        'endPos',
        'endOffset',
        'closeCode',
        'closeReason',
        'closeHandler',
        'releaseDate',
        'releaseNotes',
        'releaseVersion',
        'shutdownTimeout',
        'drop_point',
        'end',
        'endOfTextblock',
        'closeTo',
      ];

      // Act
      const words = names.map((name) => releaseWordOf(name));

      // Assert
      expect(words).to.deep.equal(names.map(() => undefined));
    });
  });

  describe('when a name is about a release rather than doing it, or only contains a verb', () => {
    it('should give nothing', () => {
      // Arrange
      const names = [
        'open',
        'kmalloc',
        'input',
        'output',
        'put',
        'putItem',
        'getEnd',
        'freeze',
        'closest',
        'closestNode',
        'isClosed',
        'onDispose',
        'onClose',
        'handleClose',
        'requestClose',
        'fileClose',
        'HTTPServerClose',
        'getReleaseDate',
        'on_close',
        'handle_release',
        'range_end',
        'session-end',
        'endpoint',
        'carefree',
        'readFreeList',
        'do',
        '',
        '__',
      ];

      // Act
      const words = names.map((name) => releaseWordOf(name));

      // Assert
      expect(words).to.deep.equal(names.map(() => undefined));
    });
  });
});
