/**
 * TOML literals for Telegraf configs (TOML 1.0, as smol-toml and Telegraf read
 * it). Telegraf substitutes `${VAR}` and `$VAR` in the raw file before parsing
 * it, so a `$` from the model is written `\u0024`: TOML decodes it, Telegraf
 * never sees a variable. Everything else is standard basic-string escaping.
 */
import { UnrepresentableValue } from './errors.js';

export type Path = (string | number)[];

export function tomlString(s: string): string {
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
export function tomlValue(v: unknown, path: Path): string {
  if (typeof v === 'string') return tomlString(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'nan';
    if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
    return Number.isInteger(v) ? String(v) : String(v).includes('.') || String(v).includes('e') ? String(v) : `${v}.0`;
  }
  if (Array.isArray(v)) return `[${v.map((x, i) => tomlValue(x, [...path, i])).join(', ')}]`;
  if (isTable(v)) return `{ ${Object.keys(v).map((k) => `${tomlKey(k)} = ${tomlValue(v[k], [...path, k])}`).join(', ')} }`;
  throw new UnrepresentableValue(`${v === null ? 'null' : typeof v} has no TOML form`, path);
}

/**
 * The body of a table: its plain keys first (TOML requires them before any
 * sub-table), then sub-tables `[name.key]` and arrays of tables `[[name.key]]`.
 */
export function tomlTableBody(name: string, o: Record<string, unknown>, path: Path, indent = '  '): string {
  const lines: string[] = [];
  const tables: [string, Record<string, unknown>][] = [];
  const arrays: [string, Record<string, unknown>[]][] = [];
  for (const k of Object.keys(o)) {
    const v = o[k];
    if (v === null || v === undefined) continue;
    if (isTable(v)) tables.push([k, v]);
    else if (Array.isArray(v) && v.length > 0 && v.every(isTable)) arrays.push([k, v]);
    else lines.push(`${indent}${tomlKey(k)} = ${tomlValue(v, [...path, k])}`);
  }
  for (const [k, t] of tables) lines.push(`${indent}[${name}.${tomlKey(k)}]`, tomlTableBody(`${name}.${tomlKey(k)}`, t, [...path, k], `${indent}  `));
  for (const [k, ts] of arrays) ts.forEach((t, i) => lines.push(`${indent}[[${name}.${tomlKey(k)}]]`, tomlTableBody(`${name}.${tomlKey(k)}`, t, [...path, k, i], `${indent}  `)));
  return lines.filter((l) => l !== '').join('\n');
}
