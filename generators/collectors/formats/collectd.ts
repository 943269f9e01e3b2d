/**
 * Literals of collectd's config language (liboconfig), for the view model of
 * templates/collectors/collectd.conf.njk. Model strings only ever reach a
 * collectd config through collectdString.
 */
import { Codes } from '../../../src/diagnostics/index.js';
import { secretName } from '../../../src/secrets/reference.js';
import { UnrepresentableValue } from './errors.js';

/** A model path, as UnrepresentableValue carries it. */
export type ModelPath = (string | number)[];

/**
 * A collectd quoted string. liboconfig unquotes by dropping each backslash and
 * keeping the character after it, so `\` and `"` are escaped and everything
 * else (`#`, `{{`, `${`) is plain data inside the quotes. A line break would
 * end the option (or, after a backslash, continue the line), and NUL and other
 * control characters do not survive the C strings collectd keeps, so they are
 * refused instead of being written.
 */
export function collectdString(value: string, path: ModelPath): string {
  // collectd has no environment or file indirection for a config value: the secret would have to be written here.
  if (secretName(value) !== null) {
    throw new UnrepresentableValue(
      `${value} is a secret reference, and collectd cannot read a secret indirectly (no environment variables or files in its config): only its value could be written, which lmac never does; collect this input with Telegraf (legacy_collector: false), which reads it from an environment variable`,
      path,
      Codes.SECRET_COLLECTD_UNSUPPORTED,
    );
  }
  const bad = /[\u0000-\u001f\u007f]/.exec(value);
  if (bad) {
    const code = bad[0].charCodeAt(0).toString(16).padStart(2, '0');
    throw new UnrepresentableValue(
      `a collectd config string cannot hold control character U+00${code.toUpperCase()} (${describe(bad[0])}); remove it from the value`,
      path,
    );
  }
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

function describe(c: string): string {
  if (c === '\n') return 'a line feed';
  if (c === '\r') return 'a carriage return';
  if (c === '\t') return 'a tab';
  return 'a control character';
}

/**
 * A collectd number. The lexer reads decimal integers and fractions with a
 * point, not `1e-9` or `Infinity`, so fractions are written with at most
 * three decimals (milliseconds for intervals) and non-finite values refused.
 */
export function collectdNumber(value: number, path: ModelPath): string {
  if (!Number.isFinite(value) || Math.abs(value) >= 1e15) {
    throw new UnrepresentableValue(`${String(value)} is not a number collectd can read`, path);
  }
  if (Number.isInteger(value)) return String(value);
  return value.toFixed(3).replace(/\.?0+$/, '');
}

/** A collectd boolean. */
export function collectdBoolean(value: boolean): string {
  return value ? 'true' : 'false';
}
