/** A process warning, with the code errinject gives its warnings. */
export type ProcessWarning = Error & { readonly code?: string };

/**
 * Runs `fn` and collects the process warnings it emits (Node.js emits them on the next tick).
 *
 * @param fn - what to run
 * @returns what `fn` returned, and the warnings
 */
export async function warningsOf<T>(fn: () => T): Promise<{ readonly value: T; readonly warnings: ProcessWarning[] }> {
  const warnings: ProcessWarning[] = [];
  const onWarning = (warning: Error): void => {
    warnings.push(warning);
  };
  process.on('warning', onWarning);
  try {
    const value = fn();
    await new Promise((resolve) => setImmediate(resolve));
    return { value, warnings };
  } finally {
    process.off('warning', onWarning);
  }
}
