import { setVerboseSink, type VerboseRecord, type VerboseSink } from '../../src/index';

/**
 * Verbose sinks for a describe block. Each helper registers mocha hooks on the block it is called in
 * (call it inside the `describe` callback, never at the top of a file, where the hooks would apply to
 * every file): it installs a sink with `setVerboseSink` before, and puts back the sink that call
 * returned after.
 */

/**
 * Which hooks install and restore the sink:
 * - `'each'`: `beforeEach`/`afterEach`, so each test starts with the sink, even after the test
 *   before it installed another one;
 * - `'all'`: `before`/`after`, once for the whole block.
 */
export type SinkHooks = 'each' | 'all';

/** What {@link captureVerbose} kept. */
export interface VerboseCapture {
  /** The records the sink received: since the test began (`'each'`) or since the block began (`'all'`). */
  readonly records: VerboseRecord[];
}

/**
 * Installs a sink for the block.
 *
 * @param makeSink - called in the before hook; returns the sink to install
 * @param hooks - per test or per block, see {@link SinkHooks}
 */
function installSink(makeSink: () => VerboseSink, hooks: SinkHooks): void {
  const [setUp, tearDown] = hooks === 'each' ? [beforeEach, afterEach] : [before, after];
  let previous: VerboseSink | undefined;
  setUp(() => {
    previous = setVerboseSink(makeSink());
  });
  tearDown(() => {
    setVerboseSink(previous);
  });
}

/**
 * Installs `sink` for the block and restores the previous one afterwards.
 *
 * @param sink - the sink to install
 * @param hooks - per test or per block, see {@link SinkHooks}
 */
export function useVerboseSink(sink: VerboseSink, hooks: SinkHooks): void {
  installSink(() => sink, hooks);
}

/**
 * Sends the block's verbose records nowhere (neither to a sink nor to stderr).
 *
 * @param hooks - per test or per block, see {@link SinkHooks}
 */
export function silenceVerbose(hooks: SinkHooks): void {
  installSink(() => () => {}, hooks);
}

/**
 * Keeps the block's verbose records, in a fresh array for each test (`'each'`) or one array for the
 * block (`'all'`), read through the returned object's `records`.
 *
 * @param hooks - per test or per block, see {@link SinkHooks}
 */
export function captureVerbose(hooks: SinkHooks): VerboseCapture {
  let records: VerboseRecord[] = [];
  installSink(() => {
    records = [];
    return (record) => {
      records.push(record);
    };
  }, hooks);
  return {
    get records(): VerboseRecord[] {
      return records;
    },
  };
}
