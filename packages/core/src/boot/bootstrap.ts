import { declareFaultAttr } from '../attr/declareFaultAttr';
import { showValue } from '../errors/ErrInjectError';
import { randomBaseSeed } from '../attr/random';
import { kstrtouint, strstrip } from '../control/kstrtox';
import type { ControlDir } from '../control/tree';
import { addFailFunctionFiles } from '../inject/addFailFunctionFiles';
import { state } from '../state/sharedState';
import { createSelfDir } from '../task/createSelfDir';
import { applyBootConfig } from './applyBootConfig';
import { installFaultReport } from '../report/installFaultReport';
import { installControlServer } from '../remote/installControlServer';

function seedFromEnvironment(text: string | undefined): number {
  if (text === undefined || text === '') return randomBaseSeed();
  const parsed = kstrtouint(strstrip(text));
  if (parsed.ok) return parsed.value;
  process.stderr.write(
    `errinject: ERRINJECT_SEED=${showValue(text)} is not accepted (${parsed.code}): expected an unsigned 32-bit integer ` +
      '(decimal, 0x hex or 0 octal); using a random seed\n',
  );
  return randomBaseSeed();
}

/**
 * Sets the process up the first time any copy of the core loads: the seed base from
 * `ERRINJECT_SEED`, procfs `self/`, the `fail_function` capability with the kernel's defaults and its
 * `inject` and `injectable` files, then
 * the boot configuration from `ERRINJECT`. Later copies find it done.
 */
export function bootstrap(): void {
  if (state.initialized) return;
  state.initialized = true;
  state.baseSeed = seedFromEnvironment(process.env['ERRINJECT_SEED']);
  state.procfs.entries.set('self', createSelfDir());
  declareFaultAttr('fail_function');
  addFailFunctionFiles(state.debugfs.entries.get('fail_function') as ControlDir);
  // The fault report file (ERRINJECT_REPORT) before anything can be armed.
  installFaultReport(process.env['ERRINJECT_REPORT']);
  applyBootConfig(process.env['ERRINJECT'] ?? '');
  // The control socket (ERRINJECT_CONTROL) once the boot configuration applied.
  void installControlServer(process.env['ERRINJECT_CONTROL']);
}
