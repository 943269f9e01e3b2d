/**
 * Literals of Fluent Bit's classic configuration format (fluent-bit.conf and
 * parsers.conf), built from model values: escaped where the format can hold a
 * value, refused with UnrepresentableValue (LMAC300) where it cannot.
 *
 * What the classic reader does (src/config_format/flb_cf_fluentbit.c and the
 * "Format and schema" page of the docs), and what follows here:
 * - An entry is `Key Value`: the key runs to the first space, the value to the
 *   end of the line, and both are trimmed. So a value cannot hold a newline or
 *   CR, cannot start or end with white space, and cannot be empty.
 * - Only whole lines are comments (`#` first after the indentation); "end-of-line
 *   comments aren't supported", so `#` inside a value is data.
 * - There is no quoting or escaping at this level: `"` and `\` are data.
 * - `${NAME}` in any value is replaced by the environment variable NAME (or by
 *   nothing), with no way to escape it: refused.
 * - Some plugins split a value further. `tail`'s Path is a comma-separated list
 *   of globs (a comma is refused); record_modifier's `Record KEY VALUE` is read
 *   as two tokens where a token may be double-quoted with `\"` inside
 *   (flb_slist_split_tokens), see recordValue.
 */
import { secretName } from '../../../src/secrets/reference.js';
import { ENV_NAME, type SecretEnv } from '../../secrets/indirection.js';
import { UnrepresentableValue } from './errors.js';

export type ModelPath = (string | number)[];

/** One `Key Value` line; the key is padded so that values line up in a section. */
export interface FbEntry {
  key: string;
  value: string;
}

/** One `[NAME]` section with its entries, and whole-line comments written above it. */
export interface FbSection {
  name: string;
  comments: string[];
  entries: FbEntry[];
}

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

function show(value: string): string {
  return JSON.stringify(value);
}

/** A value as the classic reader keeps it: one line, trimmed, not empty, no `${`. */
export function value(raw: string, path: ModelPath, what = 'value'): string {
  if (secretName(raw) !== null) throw new UnrepresentableValue(`${what} ${show(raw)} is a secret reference, which lmac writes as an environment variable only in credentials (elasticsearch username and password)`, path);
  if (raw.length === 0) throw new UnrepresentableValue(`an empty ${what} cannot be written in Fluent Bit's classic format (a key needs a value)`, path);
  if (/[\r\n]/.test(raw)) throw new UnrepresentableValue(`${what} ${show(raw)} has a line break, which ends a Fluent Bit classic value`, path);
  if (CONTROL.test(raw) || raw.includes('\t')) throw new UnrepresentableValue(`${what} ${show(raw)} has a control character, which a Fluent Bit classic value cannot hold`, path);
  if (raw.trim() !== raw) throw new UnrepresentableValue(`${what} ${show(raw)} starts or ends with white space, which Fluent Bit trims from a classic value`, path);
  if (raw.includes('${')) throw new UnrepresentableValue(`${what} ${show(raw)} has \`\${\`, which Fluent Bit expands as an environment variable and cannot escape`, path);
  return raw;
}

/** A name that becomes part of a tag, a file name or a record key: letters, digits, `_` and `-`. */
export function name(raw: string, path: ModelPath, what: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(raw)) {
    throw new UnrepresentableValue(`${what} ${show(raw)} is not usable in Fluent Bit tags, file names and record keys (letters, digits, _ and - only)`, path);
  }
  return raw;
}

/** A record key set by lmac (record_modifier, label_field): a plain identifier. */
export function recordKey(raw: string, path: ModelPath, what: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(raw)) {
    throw new UnrepresentableValue(`${what} ${show(raw)} is not usable as a Fluent Bit record key and metric label (letters, digits and _, not starting with a digit)`, path);
  }
  return raw;
}

/** tail's Path: a glob, as the model wrote it; a comma would split it into two globs. */
export function tailPath(raw: string, path: ModelPath): string {
  const v = value(raw, path, 'log path');
  if (v.includes(',')) throw new UnrepresentableValue(`log path ${show(raw)} has a comma, which Fluent Bit's tail input reads as a separator between paths`, path);
  return v;
}

/**
 * The VALUE of record_modifier's `Record KEY VALUE` (a config-map SLIST_2: two
 * tokens). A bare token runs to the next space and is taken as it is; a token
 * starting with `"` runs to the next `"` not preceded by `\`, and `\"` inside it
 * becomes `"` (nothing else is unescaped). So: bare when the value has no space
 * and does not start with `"`; otherwise quoted with `"` written `\"`. A quoted
 * value cannot end with `\` (it would escape the closing quote): refused.
 */
export function recordValue(raw: string, path: ModelPath, what = 'value'): string {
  if (raw.length === 0) throw new UnrepresentableValue(`an empty ${what} cannot be set by Fluent Bit's record_modifier`, path);
  if (/[\r\n]/.test(raw)) throw new UnrepresentableValue(`${what} ${show(raw)} has a line break, which ends a Fluent Bit classic value`, path);
  if (CONTROL.test(raw) || raw.includes('\t')) throw new UnrepresentableValue(`${what} ${show(raw)} has a control character, which a Fluent Bit classic value cannot hold`, path);
  if (raw.includes('${')) throw new UnrepresentableValue(`${what} ${show(raw)} has \`\${\`, which Fluent Bit expands as an environment variable and cannot escape`, path);
  if (!raw.includes(' ') && !raw.startsWith('"')) return raw;
  if (raw.endsWith('\\')) throw new UnrepresentableValue(`${what} ${show(raw)} needs quoting (it has a space or starts with ") and ends with \\, which would escape Fluent Bit's closing quote`, path);
  return `"${raw.replace(/"/g, '\\"')}"`;
}

/** A host name or address (es, syslog): no spaces or separators a plugin would split on. */
export function host(raw: string, path: ModelPath): string {
  const v = value(raw, path, 'host');
  if (!/^[A-Za-z0-9._:-]+$/.test(v)) throw new UnrepresentableValue(`host ${show(raw)} is not a host name or address`, path);
  return v;
}

export function port(raw: number, path: ModelPath): string {
  if (!Number.isInteger(raw) || raw < 1 || raw > 65535) throw new UnrepresentableValue(`port ${raw} is not a TCP/UDP port (1-65535)`, path);
  return String(raw);
}

/**
 * A credential. A secret reference (`?{secret:elasticsearch/password}`)
 * becomes the environment variable it is declared to come from
 * (`${LMAC_SECRET_ELASTICSEARCH_PASSWORD}` by default), which Fluent Bit
 * expands: the deployment provides it, so no secret is written into the
 * generated file. Anything else is a plain value.
 */
export function credential(raw: string, path: ModelPath, what: string, env: SecretEnv): string {
  const name = env(raw);
  if (name !== null) {
    if (!ENV_NAME.test(name)) throw new UnrepresentableValue(`secret environment variable '${name}' is not a name Fluent Bit expands ([A-Za-z_][A-Za-z0-9_]*)`, path);
    return `\${${name}}`;
  }
  return value(raw, path, what);
}

/** A whole-line comment of lmac's own text. */
export function comment(text: string): string {
  if (/[\r\n]/.test(text)) throw new Error(`a comment line cannot hold a line break: ${show(text)}`);
  return text.length > 0 ? `# ${text}` : '#';
}

/**
 * A section from [key, value] pairs whose values are already literals (from the
 * functions above, or lmac's own constants, checked here as well).
 */
export function section(name: string, pairs: [string, string][], comments: string[] = []): FbSection {
  const width = Math.max(0, ...pairs.map(([k]) => k.length));
  return {
    name,
    comments: comments.map(comment),
    entries: pairs.map(([k, v]) => {
      if (!/^[A-Za-z0-9_.]+$/.test(k)) throw new Error(`not a Fluent Bit key: ${show(k)}`);
      if (v.length === 0 || /[\r\n]/.test(v) || v.trim() !== v) throw new Error(`not a Fluent Bit classic literal for ${k}: ${show(v)}`);
      return { key: k.padEnd(width), value: v };
    }),
  };
}
