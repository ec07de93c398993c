/**
 * Which decorator mode this copy of the suite was compiled under. The same sources are compiled by
 * three tsconfigs (`tsconfig.legacy.json`, `tsconfig.metadata.json`, `tsconfig.standard.json`, as Lit
 * keeps two test tsconfigs for its decorators) and all three copies run in one mocha process, so the
 * mode is told at run time: a standard decorator receives (value, context) with a string
 * `context.kind`; under `experimentalDecorators` it receives (target, key, descriptor), and with
 * `emitDecoratorMetadata` TypeScript also records `design:returntype`.
 */

// The metadata mode needs the polyfill loaded before any of its classes is defined, or TypeScript's
// `__metadata` helper records nothing. It is imported by every mode: the three copies share one
// process, so once the metadata copy loads it, it is global for all of them anyway, and the legacy
// and standard copies show that loading it changes nothing where no metadata is emitted.
import 'reflect-metadata';

/** The three ways TypeScript compiles a decorator. */
export type DecoratorMode = 'legacy' | 'metadata' | 'standard';

let receivedContext = false;

/** Records whether it was called the standard way. */
function probe(...args: unknown[]): void {
  const context = args[1];
  receivedContext =
    args.length === 2 && typeof context === 'object' && context !== null && typeof (context as { kind?: unknown }).kind === 'string';
}

class ModeProbe {
  @probe
  answer(): number {
    return 42;
  }
}

function detectMode(): DecoratorMode {
  if (receivedContext) return 'standard';
  return Reflect.getMetadata('design:returntype', ModeProbe.prototype, 'answer') === Number ? 'metadata' : 'legacy';
}

/** The mode of this copy of the suite. */
export const MODE: DecoratorMode = detectMode();

/**
 * A top-level `describe` whose title says the mode, so that a failure says which copy failed.
 *
 * @param title - the unit under test
 * @param fn - the block
 */
export function describeMode(title: string, fn: (this: Mocha.Suite) => void): Mocha.Suite {
  return describe(`${title} (${MODE} decorators)`, fn);
}

/**
 * Options with a name of this mode: the registry is process-global and a name is never freed, and
 * the same class of each copy of the suite is another function, so every injectable name carries
 * the mode (`legacy.Arming.open`).
 *
 * @param name - the name within the mode, unique within the suite
 * @returns `{ name: '<mode>.<name>' }`
 */
export function named(name: string): { readonly name: string } {
  return { name: `${MODE}.${name}` };
}

/**
 * The injectable name `named` gives.
 *
 * @param name - the name within the mode
 * @returns `<mode>.<name>`
 */
export function nameOf(name: string): string {
  return `${MODE}.${name}`;
}

/**
 * Runs the factory of this mode only. Tests of default names (`Class.method`) define one class per
 * mode, each with a class name of its own, since the three copies of a class would otherwise claim
 * one name; only the current mode's class is ever defined.
 *
 * @param factories - one per mode
 * @returns what the current mode's factory returns
 */
export function perMode<T>(factories: Readonly<Record<DecoratorMode, () => T>>): T {
  return factories[MODE]();
}
