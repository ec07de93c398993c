import { Component } from './Component';

/**
 * Names failure components: `null`, `the errno`, `null and the errno`.
 *
 * @param mask - failure components
 * @returns the words
 */
export function nameComponents(mask: number): string {
  const names: string[] = [];
  if (mask & Component.null) names.push('null');
  if (mask & (Component.errno | Component.errPtr)) names.push('the errno');
  if (mask & Component.true) names.push('true');
  return names.join(' and ');
}
