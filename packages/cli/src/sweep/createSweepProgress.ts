import type { SweepProgress } from './sweepCommand';

/** A progress display fed by a sweep. */
export interface SweepProgressDisplay {
  /** Give it to `sweepCommand` as `onProgress`. */
  readonly update: (progress: SweepProgress) => void;
  /** Removes the bar; call it before printing the report. */
  readonly stop: () => void;
}

const FORMAT = 'failcmd --sweep [{bar}] {value}/{total} runs | faults: {faults} | crashed: {crashes}';
const CHECK_FORMAT = `${FORMAT} | bad state: {badStates}`;

/** How the progress is drawn. */
export interface SweepProgressOptions {
  /** Whether the sweep has a `--check`: the runs that left a bad state are counted too. */
  readonly check?: boolean;
}

/**
 * A progress bar for a terminal: runs finished of those started (or of `--max`), faults and crashes so
 * far, and with `--check` the runs that left a bad state. Nothing is drawn on a stream that is not a
 * terminal.
 *
 * @param stream - where to draw (stderr, so that the report on stdout stays clean)
 * @param options - what to count
 * @returns the display
 */
export function createSweepProgress(stream: NodeJS.WriteStream, options: SweepProgressOptions = {}): SweepProgressDisplay {
  if (stream.isTTY !== true) return { update: () => {}, stop: () => {} };
  // Loaded only for a terminal: a sweep's fixed cost is failcmd's start-up, which -j cannot share.
  const { SingleBar } = require('cli-progress') as typeof import('cli-progress');
  const bar = new SingleBar({ stream, format: options.check === true ? CHECK_FORMAT : FORMAT, hideCursor: true, clearOnComplete: true, barsize: 24, fps: 10 });
  let started = false;
  return {
    update: (progress) => {
      const total = Math.max(1, progress.max ?? progress.started);
      const payload = { faults: progress.faults, crashes: progress.crashes, badStates: progress.badStates };
      if (!started) {
        bar.start(total, progress.finished, payload);
        started = true;
        return;
      }
      bar.setTotal(total);
      bar.update(progress.finished, payload);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
