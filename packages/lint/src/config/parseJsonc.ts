import { ts } from '@ts-morph/common';
import { LintError } from '../errors/LintError';

/** TS5092, "The root value of a 'tsconfig.json' file must be an object": not the message for an .eilintrc.json. */
const ROOT_NOT_AN_OBJECT = 5092;

/**
 * Parses JSON with comments, as TypeScript reads a tsconfig.json: `//` and `/* *\/` comments and
 * trailing commas are allowed; anything else that is not JSON (a key without double quotes, a
 * missing value) is refused at the first problem, with its line and column. An empty file, or
 * comments only, is `{}`, as for a tsconfig.json.
 *
 * @param file - the file's name, for messages
 * @param text - its text
 * @returns the value, of whatever type (the caller checks it)
 * @throws LintError `ERR_CONFIG` `<file>:<line>:<column>: is not valid JSON (<what is wrong>)`,
 *   saying what is accepted
 */
export function parseJsonc(file: string, text: string): unknown {
  const { error } = ts.parseConfigFileTextToJson(file, text);
  // A root that is not an object is left to the configuration's check, which names the value.
  if (error !== undefined && error.code !== ROOT_NOT_AN_OBJECT) {
    const { line, character } = ts.getLineAndCharacterOfPosition(error.file!, error.start ?? 0);
    const what = ts.flattenDiagnosticMessageText(error.messageText, ' ').replace(/\.$/, '');
    throw new LintError('ERR_CONFIG', `${file}:${line + 1}:${character + 1}: is not valid JSON (${what}); accepted: JSON, with // and /* */ comments and trailing commas as in a tsconfig.json`);
  }
  return ts.convertToObject(ts.parseJsonText(file, text), []) as unknown;
}
