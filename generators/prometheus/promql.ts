/**
 * PromQL text: string literals, label matchers, durations, and the label
 * regular expressions that stand for StackLight's field expressions
 * (including numeric comparisons, which label matchers cannot do otherwise).
 */
import type { FieldExpression } from '../../src/model/field-expression.js';
import { luaPatternToRegex } from '../../src/alarms/lua-pattern.js';

/** A PromQL double-quoted string literal. */
export function str(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** A value matched literally inside a regular expression. */
export function reEscape(s: string): string {
  return s.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}

export function duration(seconds: number): string {
  return `${seconds}s`;
}

/** A threshold as PromQL writes numbers. */
export function num(n: number): string {
  return Number.isFinite(n) ? String(n) : n > 0 ? 'Inf' : n < 0 ? '-Inf' : 'NaN';
}

export interface Matcher {
  label: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

export function matcherText(m: Matcher): string {
  return `${m.label}${m.op}${str(m.value)}`;
}

export function selector(metric: string, matchers: readonly Matcher[]): string {
  return `${metric}{${matchers.map(matcherText).join(', ')}}`;
}

/** Matches no label value (RE2 has no lookahead to say it otherwise). */
const NOTHING = '$^';

/** A regex of the non-negative integers (no leading zeros) greater than n (n >= 0 integer). */
function greaterThan(n: number): string {
  const d = String(n);
  const alts = [`[1-9][0-9]{${d.length},}`];
  for (let i = 0; i < d.length; i++) {
    const digit = Number(d[i]);
    if (digit === 9) continue;
    const rest = d.length - i - 1;
    alts.push(`${d.slice(0, i)}[${digit + 1}-9]${rest > 0 ? `[0-9]{${rest}}` : ''}`);
  }
  return alts.join('|');
}

/** A regex of the non-negative integers (no leading zeros) less than n (n >= 1 integer). */
function lessThan(n: number): string {
  const d = String(n);
  const alts: string[] = [];
  if (d.length > 1) alts.push('0', d.length > 2 ? `[1-9][0-9]{0,${d.length - 2}}` : '[1-9]');
  for (let i = 0; i < d.length; i++) {
    const digit = Number(d[i]);
    const low = i === 0 && d.length > 1 ? 1 : 0;
    if (digit - 1 < low) continue;
    const rest = d.length - i - 1;
    alts.push(`${d.slice(0, i)}[${low}-${digit - 1}]${rest > 0 ? `[0-9]{${rest}}` : ''}`);
  }
  return alts.length > 0 ? alts.join('|') : NOTHING;
}

/** The regex of label values satisfying `op n` for a non-negative integer n. */
export function numericRegex(op: '>' | '>=' | '<' | '<=', n: number): string {
  switch (op) {
    case '>':
      return greaterThan(n);
    case '>=':
      return n === 0 ? '0|[1-9][0-9]*' : greaterThan(n - 1);
    case '<':
      return n === 0 ? NOTHING : lessThan(n);
    case '<=':
      return lessThan(n + 1);
  }
}

export type FieldMatchers = { ok: true; alternatives: Matcher[][] } | { ok: false; message: string };

/**
 * One label's field expression as alternatives of matcher lists: within a list
 * all hold (several matchers on one label are a conjunction in PromQL); the
 * alternatives are `||`, a union of selectors.
 */
export function fieldMatchers(label: string, expr: FieldExpression): FieldMatchers {
  const alternatives: Matcher[][] = [];
  for (const group of expr) {
    const ms: Matcher[] = [];
    for (const t of group) {
      switch (t.op) {
        case '==':
          ms.push({ label, op: '=', value: t.value });
          break;
        case '!=':
          ms.push({ label, op: '!=', value: t.value });
          break;
        case '=~':
        case '!~': {
          const r = luaPatternToRegex(t.value);
          if (!r.ok) return { ok: false, message: r.message };
          ms.push({ label, op: t.op, value: r.regex });
          break;
        }
        default: {
          const n = Number(t.value);
          if (!Number.isInteger(n) || n < 0) return { ok: false, message: `'${t.op} ${t.value}' on label ${label}: Prometheus compares labels as text, so lmac supports numeric comparisons with non-negative integers only` };
          ms.push({ label, op: '=~', value: numericRegex(t.op, n) });
        }
      }
    }
    alternatives.push(ms);
  }
  // Several `==` alternatives of one label read better as one regex.
  if (alternatives.length > 1 && alternatives.every((a) => a.length === 1 && a[0].op === '=')) {
    return { ok: true, alternatives: [[{ label, op: '=~', value: alternatives.map((a) => reEscape(a[0].value)).join('|') }]] };
  }
  return { ok: true, alternatives };
}
