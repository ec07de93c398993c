import { writeFileSync } from 'node:fs';

/**
 * Preloaded into a measured child (`node --require …/reportMaxRss.js`): when the child exits, by
 * `process.exit` or by running out of work, writes `{ maxRssKb, cpuMs }` (its peak resident set
 * size, and the CPU time of all its threads, user and system) as JSON to the file named by
 * `EI_BENCH_MAX_RSS_FILE`. Both tools are measured the same way, so the preload's own cost is on
 * both sides.
 */

const target = process.env['EI_BENCH_MAX_RSS_FILE'];
if (target !== undefined) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(target, JSON.stringify({ maxRssKb: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }));
  });
}
