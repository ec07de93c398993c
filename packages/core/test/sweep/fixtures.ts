import { allowErrorInjection, EI_TYPE_ERRNO, EI_TYPE_NULL } from '../../src/index';
import { uniqueNames } from '../support/names';

/**
 * Error-injectable functions for the sweep tests, each under a name no other test uses (the registry
 * is process-global).
 */

const uniqueName = uniqueNames('sweep');

/** An ERRNO function that returns a descriptor, and a NULL function that allocates. */
export interface Store {
  readonly open: (path: string) => number;
  readonly alloc: (size: number) => Buffer | null;
  readonly names: { readonly open: string; readonly alloc: string };
  /** Calls that ran their body (not failed). */
  readonly ran: string[];
}

/**
 * Makes a fresh pair of error-injectable functions.
 *
 * @param label - says which test they belong to
 */
export function makeStore(label: string): Store {
  const names = { open: uniqueName(`${label}-open`), alloc: uniqueName(`${label}-alloc`) };
  const ran: string[] = [];
  const open = allowErrorInjection(
    EI_TYPE_ERRNO,
    (path: string): number => {
      ran.push('open');
      return path.length;
    },
    { name: names.open },
  );
  const alloc = allowErrorInjection(
    EI_TYPE_NULL,
    (size: number): Buffer | null => {
      ran.push('alloc');
      return Buffer.alloc(size);
    },
    { name: names.alloc },
  );
  return { open, alloc, names, ran };
}
