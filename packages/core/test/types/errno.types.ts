import { errno, type ErrnoEntry, type ErrnoName, getErrno, getErrnoOrThrow, isErrnoName } from '../../src/index';
import { type Equal, expectType } from './typeAssertions';

/** Never called: these statements are checked by the compiler only. */
export function errnoTypes(): void {
  // Each name has its number as a literal type.
  const n: 12 = errno.ENOMEM;
  expectType<Equal<typeof errno.ENOMEM, 12>>(true);
  expectType<Equal<typeof errno.EPERM, 1>>(true);
  expectType<Equal<typeof errno.EINVAL, 22>>(true);
  expectType<Equal<typeof errno.EWOULDBLOCK, 11>>(true);
  expectType<Equal<typeof errno.ENOTSUPP, 524>>(true);
  void n;

  // @ts-expect-error ENOMEM is 12
  const wrong: 22 = errno.ENOMEM;
  void wrong;
  // @ts-expect-error no such errno
  void errno.EFOO;
  // @ts-expect-error errno is read-only
  errno.ENOMEM = 12;

  const names: ErrnoName[] = ['ENOMEM', 'EWOULDBLOCK', 'ENOGRACE'];
  void names;
  // @ts-expect-error not an errno name
  const notAName: ErrnoName = 'ENOTANAME';
  void notAName;

  const entry = getErrno(-12);
  expectType<Equal<typeof entry, ErrnoEntry | undefined>>(true);
  const sure = getErrnoOrThrow(-12);
  expectType<Equal<typeof sure.name, ErrnoName>>(true);

  const candidate: string = 'ENOMEM';
  if (isErrnoName(candidate)) {
    expectType<Equal<typeof candidate, ErrnoName>>(true);
    const number: number = errno[candidate];
    void number;
  }
}
