import { kernelBuffer, kstrtoint, kstrtouint, strstrip } from '../control/kstrtox';
import { createDir, type ControlDir } from '../control/tree';
import { refuseWrite } from '../control/writeParsers';
import { currentTask } from './currentTask';
import { setFailNth } from './setFailNth';

/**
 * `/proc/self/fail-nth` and `/proc/self/make-it-fail` (`fs/proc/base.c`), acting on the current task.
 */

/** The bytes `kstrtouint_from_user` looks at: sign, 32 binary digits, newline. */
const FAIL_NTH_BUFFER = 34;
/** The bytes `proc_fault_inject_write` copies (PROC_NUMBUF - 1). */
const MAKE_IT_FAIL_BUFFER = 12;

const ACCEPTS_FAIL_NTH =
  'an unsigned 32-bit integer, 0 to 4294967295 (0 turns the countdown off), decimal, 0x-prefixed hex or 0-prefixed octal, with an optional + and at most one trailing newline';
const ACCEPTS_MAKE_IT_FAIL = '0 or 1, in any base (0x1, 01), surrounding whitespace allowed';

/**
 * Makes `self/` with its two files.
 *
 * @returns the directory
 */
export function createSelfDir(): ControlDir {
  const self = createDir();
  self.entries.set('fail-nth', {
    kind: 'file',
    read: () => `${currentTask().failNth}\n`,
    write: (value, path) => {
      const result = kstrtouint(kernelBuffer(value, FAIL_NTH_BUFFER));
      if (!result.ok) refuseWrite('procfs', path, value, result.code, ACCEPTS_FAIL_NTH);
      // A plain assignment: it replaces a countdown in progress.
      setFailNth(currentTask(), result.value);
    },
  });
  self.entries.set('make-it-fail', {
    kind: 'file',
    read: () => `${currentTask().makeItFail}\n`,
    write: (value, path) => {
      const result = kstrtoint(strstrip(kernelBuffer(value, MAKE_IT_FAIL_BUFFER)));
      if (!result.ok) refuseWrite('procfs', path, value, result.code, ACCEPTS_MAKE_IT_FAIL);
      if (result.value !== 0 && result.value !== 1) refuseWrite('procfs', path, value, 'EINVAL', ACCEPTS_MAKE_IT_FAIL);
      currentTask().makeItFail = result.value;
    },
  });
  return self;
}
