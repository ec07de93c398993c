import { ruleTester } from '../../support/ruleTester';

/**
 * A function that returns nothing (`void`, `Promise<void>`) marked with an error type has no value
 * a caller could check: `ei/type-mismatch` reports the mark, and its calls are not findings of
 * `ei/unchecked-call` (a `destroy(): void` marked ERRNO made every `view.destroy();` a discarded
 * result in the real-code benchmark).
 */
const VIEW = `
  import { AllowErrorInjection, EI_TYPE_ERRNO, EI_TYPE_NULL } from '@errinject/core';

  export class View {
    @AllowErrorInjection(EI_TYPE_ERRNO) destroy(): void {}
    @AllowErrorInjection(EI_TYPE_NULL) async flush(): Promise<void> {}
    @AllowErrorInjection(EI_TYPE_ERRNO) detach(): number { return 0; }
  }
`;

const LEGACY = { experimentalDecorators: true };

ruleTester('ei/unchecked-call', {
  valid: [
    {
      name: 'a call of a `void` function marked ERRNO, discarded',
      code: `
        import { View } from './view';
        export function close(view: View): void {
          view.destroy();
        }
      `,
      files: { 'view.ts': VIEW },
      compilerOptions: LEGACY,
    },
    {
      name: 'a call of a `Promise<void>` function marked NULL, awaited and discarded',
      code: `
        import { View } from './view';
        export async function close(view: View): Promise<void> {
          await view.flush();
        }
      `,
      files: { 'view.ts': VIEW },
      compilerOptions: LEGACY,
    },
  ],
  invalid: [
    {
      name: 'a call of a function that returns a number, discarded beside it',
      code: `
        import { View } from './view';
        export function close(view: View): void {
          view.destroy();
          view.detach();
        }
      `,
      files: { 'view.ts': VIEW },
      compilerOptions: LEGACY,
      errors: [{ line: 4, column: 3 }],
    },
  ],
});
