/**
 * StackLight statuses: names in models, codes in outputs, weights when
 * combining (the highest weight wins, so OKAY beats UNKNOWN).
 */
import type { Severity } from '../model/lma-types.js';

export const STATUS_CODE: Readonly<Record<Severity, number>> = { okay: 0, warning: 1, unknown: 2, critical: 3, down: 4 };
export const STATUS_WEIGHT: Readonly<Record<Severity, number>> = { okay: 1, warning: 2, unknown: 0, critical: 3, down: 4 };
/** StackLight's short names, as its messages print them. */
export const STATUS_SHORT: Readonly<Record<Severity, string>> = { okay: 'OKAY', warning: 'WARN', unknown: 'UNKW', critical: 'CRIT', down: 'DOWN' };

export const SEVERITIES: readonly Severity[] = ['okay', 'warning', 'unknown', 'critical', 'down'];

export function severityOfCode(code: number): Severity {
  const s = SEVERITIES.find((x) => STATUS_CODE[x] === code);
  if (!s) throw new Error(`no status has code ${code}`);
  return s;
}

/** The heavier of two statuses (StackLight's max_status). */
export function maxStatus(a: Severity, b: Severity): Severity {
  return STATUS_WEIGHT[b] > STATUS_WEIGHT[a] ? b : a;
}
