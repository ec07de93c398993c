import type { Formatter } from './Formatter';
import { formatGithub } from './formatGithub';
import { formatJson } from './formatJson';
import { formatSarif } from './formatSarif';
import { formatStylish } from './formatStylish';

/** The names `--format` accepts, the default first. */
export const FORMAT_NAMES = ['stylish', 'json', 'sarif', 'github'] as const;

/** One format's name. */
export type FormatName = (typeof FORMAT_NAMES)[number];

/** Each format's formatter, by name. */
export const FORMATTERS: Readonly<Record<FormatName, Formatter>> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
};
