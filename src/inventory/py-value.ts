/**
 * Python value semantics that Reclass output depends on.
 *
 * PyYAML gives `1.0` a float type that prints as `1.0`; JavaScript has one number
 * type and prints it as `1`. Reclass formats values inside strings with Python's
 * `str()`, so an integral float must stay distinguishable: it is a PyFloat.
 * Non-integral floats are plain numbers (their text is the same in both languages
 * once the exponent form is handled by pyFloatRepr).
 */

export class PyFloat {
  constructor(readonly value: number) {}
  valueOf(): number {
    return this.value;
  }
  toJSON(): number {
    return this.value;
  }
  /** Python str(): also what a YAML mapping key `2.0:` becomes. */
  toString(): string {
    return pyFloatRepr(this.value);
  }
  get [Symbol.toStringTag](): string {
    return 'PyFloat';
  }
}

export type PyScalar = string | number | boolean | null | PyFloat;

/** Python's repr() of a float: shortest round-trip digits, exponent outside [1e-4, 1e16). */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const [mant, expPart] = Math.abs(x).toExponential().split('e');
  const exp = Number(expPart);
  const digits = mant.replace('.', '');
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp).toString().padStart(2, '0');
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${e}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return `${sign}${digits}${'0'.repeat(exp + 1 - digits.length)}.0`;
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

function pyNumberStr(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e21) return x.toFixed(0);
  if (Number.isInteger(x)) return BigInt(x).toString();
  return pyFloatRepr(x);
}

const NEEDS_ESCAPE = /[\\\x00-\x1f\x7f-\x9f\u2028\u2029\u00ad]/;

/** Python's repr() of a str. */
export function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  if (!NEEDS_ESCAPE.test(s) && !s.includes(quote)) return quote + s + quote;
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += '\\' + quote;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || (c >= 0x7f && c <= 0xa0) || c === 0xad) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c === 0x2028 || c === 0x2029) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + quote;
}

/** Python's repr() of a value built from YAML (dicts, lists, scalars). */
export function pyRepr(v: unknown): string {
  if (typeof v === 'string') return pyStrRepr(v);
  return pyStr(v);
}

/** Python's str() of a value built from YAML: what Reclass puts in `"a ${b} c"`. */
export function pyStr(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return pyNumberStr(v);
  if (v instanceof PyFloat) return pyFloatRepr(v.value);
  if (Array.isArray(v)) return '[' + v.map(pyRepr).join(', ') + ']';
  if (typeof v === 'object') {
    const parts: string[] = [];
    for (const [k, val] of Object.entries(v as Record<string, unknown>)) parts.push(`${pyStrRepr(k)}: ${pyRepr(val)}`);
    return '{' + parts.join(', ') + '}';
  }
  return String(v);
}

/** Python equality between two scalars as Reclass's inventory queries use it (`1 == 1.0`). */
export function pyEquals(a: unknown, b: unknown): boolean {
  const na = a instanceof PyFloat ? a.value : a;
  const nb = b instanceof PyFloat ? b.value : b;
  if (typeof na === 'boolean' && typeof nb === 'number') return (na ? 1 : 0) === nb;
  if (typeof nb === 'boolean' && typeof na === 'number') return (nb ? 1 : 0) === na;
  if (na === nb) return true;
  if (typeof na === 'object' && typeof nb === 'object' && na !== null && nb !== null) {
    return JSON.stringify(na) === JSON.stringify(nb);
  }
  return false;
}
