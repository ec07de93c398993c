/**
 * A decorator that keeps the function it is given, in every mode: placed below
 * `@AllowErrorInjection`, it runs first and so sees the method exactly as written.
 */

/** What {@link captureMethod} kept. */
export interface CapturedMethod {
  fn: unknown;
}

/**
 * Makes a decorator that keeps the method it decorates in `box.fn`.
 *
 * @param box - where to keep it
 * @returns a method decorator for either mode
 */
export function captureMethod(box: CapturedMethod): (...args: unknown[]) => void {
  return (...args) => {
    // experimentalDecorators: (target, key, descriptor); standard: (value, context).
    box.fn = args.length === 3 ? (args[2] as PropertyDescriptor).value : args[0];
  };
}
