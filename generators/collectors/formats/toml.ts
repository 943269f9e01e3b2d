/**
 * TOML literals for Telegraf configs (TOML 1.0, as smol-toml and Telegraf read
 * it). Telegraf substitutes `${VAR}` and `$VAR` in the raw file before parsing
 * it, so a `$` from the model is written `\u0024`: TOML decodes it, Telegraf
 * never sees a variable. Everything else is standard basic-string escaping.
 *
 * The one exception is a secret reference (`?{secret:name}`, a whole value):
 * it is written `"${ENV}"` with a real `$`, so Telegraf substitutes the
 * environment variable the secret is declared to come from (lma.secrets).
 * Telegraf substitutes before parsing, inside the quotes: a secret value with
 * `"` or `\` must be escaped for a TOML basic string where it is stored.
 */
import type { SecretEnv } from '../../secrets/indirection.js';
import { secretName } from '../../../src/secrets/reference.js';
import { UnrepresentableValue } from './errors.js';

export type Path = (string | number)[];

/** A basic string; a secret reference (when `env` resolves it) as `"${ENV}"`. */
export function tomlString(s: string, env?: SecretEnv, path: Path = []): string {
  const name = env?.(s) ?? null;
  if (name !== null) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new UnrepresentableValue(`secret environment variable '${name}' is not a name Telegraf substitutes ([A-Za-z_][A-Za-z0-9_]*)`, path);
    return `"\${${name}}"`;
  }
  // A reference where no secret is expected (a global tag, an input's alias) would be written as
  // its text: refuse it at its place in the model.
  if (secretName(s) !== null) throw new UnrepresentableValue(`a secret reference (${s}) cannot be used here: only values Telegraf reads from the environment (credentials in input and output options) may be secrets`, path);
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '$') out += '\\u0024';
    else if (c < 0x20 || c === 0x7f) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

export function tomlKey(k: string): string {
  return /^[A-Za-z0-9_-]+$/.test(k) ? k : tomlString(k);
}

function isTable(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A scalar or an array of scalars (arrays of tables are written as [[tables]]). */
export function tomlValue(v: unknown, path: Path, env?: SecretEnv): string {
  if (typeof v === 'string') return tomlString(v, env, path);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'nan';
    if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
    return Number.isInteger(v) ? String(v) : String(v).includes('.') || String(v).includes('e') ? String(v) : `${v}.0`;
  }
  if (Array.isArray(v)) return `[${v.map((x, i) => tomlValue(x, [...path, i], env)).join(', ')}]`;
  if (isTable(v)) return `{ ${Object.keys(v).map((k) => `${tomlKey(k)} = ${tomlValue(v[k], [...path, k], env)}`).join(', ')} }`;
  throw new UnrepresentableValue(`${v === null ? 'null' : typeof v} has no TOML form`, path);
}

/**
 * The body of a table: its plain keys first (TOML requires them before any
 * sub-table), then sub-tables `[name.key]` and arrays of tables `[[name.key]]`.
 */
export function tomlTableBody(name: string, o: Record<string, unknown>, path: Path, env?: SecretEnv, indent = '  '): string {
  const lines: string[] = [];
  const tables: [string, Record<string, unknown>][] = [];
  const arrays: [string, Record<string, unknown>[]][] = [];
  for (const k of Object.keys(o)) {
    const v = o[k];
    if (v === null || v === undefined) continue;
    if (isTable(v)) tables.push([k, v]);
    else if (Array.isArray(v) && v.length > 0 && v.every(isTable)) arrays.push([k, v]);
    else lines.push(`${indent}${tomlKey(k)} = ${tomlValue(v, [...path, k], env)}`);
  }
  for (const [k, t] of tables) lines.push(`${indent}[${name}.${tomlKey(k)}]`, tomlTableBody(`${name}.${tomlKey(k)}`, t, [...path, k], env, `${indent}  `));
  for (const [k, ts] of arrays) ts.forEach((t, i) => lines.push(`${indent}[[${name}.${tomlKey(k)}]]`, tomlTableBody(`${name}.${tomlKey(k)}`, t, [...path, k, i], env, `${indent}  `)));
  return lines.filter((l) => l !== '').join('\n');
}
