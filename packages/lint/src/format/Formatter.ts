import type { Finding } from '../finding/Finding';
import type { FormatOptions } from './FormatOptions';

/** A formatter: findings in, the text to print out. Pure: it reads and writes nothing itself. */
export type Formatter = (findings: readonly Finding[], options: FormatOptions) => string;
