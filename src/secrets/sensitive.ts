/**
 * Which values of a node's `lma` are sensitive (passwords, tokens, webhook
 * URLs, API keys), from the schema's `x-lmac-sensitive` annotation:
 * - `true` on a property: its value is sensitive (on a map's
 *   `additionalProperties`: every value of the map);
 * - `"keys"` on a free-form object (an input's `options`): values under keys
 *   named like credentials (SENSITIVE_KEYS, any case, at any depth) are.
 * A sensitive value is a secret reference, empty, or, when its path is listed
 * in `lma:plaintext_allowed`, a plain value the model explicitly allows.
 */
import type { JsonSchema } from '../schema/class-variant.js';
import { readSchema } from '../schema/files.js';
import { isSecretReference } from './reference.js';

export const SENSITIVE_KEYWORD = 'x-lmac-sensitive';

/** Keys of free-form options whose values are credentials (compared lower-cased). */
export const SENSITIVE_KEYS: readonly string[] = ['password', 'passwd', 'token', 'bearer_token_string', 'secret', 'api_key', 'apikey', 'routing_key', 'webhook_url'];

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEYS.includes(key.toLowerCase());
}

/** A path pattern under `lma`: `*` is any map key, `#` any list index. */
export interface SensitivePattern {
  path: readonly string[];
  /** `value`: the value at the path; `keys`: values under credential-named keys beneath it. */
  kind: 'value' | 'keys';
}

type Path = (string | number)[];

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Every annotated place of a schema (lma.schema.json by default), found by walking it through `$ref`s. */
export function sensitivePatterns(schema: JsonSchema = readSchema('lma.schema.json')): SensitivePattern[] {
  const defs = isObject(schema.$defs) ? schema.$defs : {};
  const out: SensitivePattern[] = [];
  const walk = (s: unknown, path: string[], refs: readonly string[]): void => {
    if (!isObject(s)) return;
    if (typeof s.$ref === 'string') {
      const name = s.$ref.replace('#/$defs/', '');
      if (refs.includes(name) || !isObject(defs[name])) return; // a recursive definition: its annotations are found on the first pass
      walk(defs[name], path, [...refs, name]);
    }
    const mark = s[SENSITIVE_KEYWORD];
    if (mark === true) out.push({ path, kind: 'value' });
    else if (mark === 'keys') out.push({ path, kind: 'keys' });
    if (isObject(s.properties)) for (const [k, v] of Object.entries(s.properties)) walk(v, [...path, k], refs);
    if (isObject(s.additionalProperties)) walk(s.additionalProperties, [...path, '*'], refs);
    if (isObject(s.items)) walk(s.items, [...path, '#'], refs);
  };
  walk(schema, [], []);
  const seen = new Set<string>();
  return out.filter((p) => {
    const key = `${p.kind} ${p.path.join(':')}`;
    return !seen.has(key) && Boolean(seen.add(key));
  });
}

let cached: SensitivePattern[] | undefined;
function patterns(): SensitivePattern[] {
  return (cached ??= sensitivePatterns());
}

/** One sensitive value of a node's lma. */
export interface SensitiveValue {
  /** Path under `lma` (without `lma` itself). */
  path: Path;
  value: unknown;
}

/** The value is a plain one: not empty, not a secret reference (strings and numbers; booleans are flags, not credentials). */
export function isPlain(value: unknown): boolean {
  if (typeof value === 'number') return true;
  return typeof value === 'string' && value !== '' && !isSecretReference(value);
}

/** `backends:influxdb:password`, as `lma:plaintext_allowed` lists paths. */
export function showLmaPath(path: readonly (string | number)[]): string {
  return path.join(':');
}

/** Every scalar under a value, with its path. */
function leaves(v: unknown, path: Path, out: SensitiveValue[]): void {
  if (Array.isArray(v)) v.forEach((x, i) => leaves(x, [...path, i], out));
  else if (isObject(v)) for (const [k, x] of Object.entries(v)) leaves(x, [...path, k], out);
  else if (v !== undefined && v !== null) out.push({ path, value: v });
}

/** Values under credential-named keys, at any depth below `v`. */
function byKey(v: unknown, path: Path, out: SensitiveValue[]): void {
  if (Array.isArray(v)) v.forEach((x, i) => byKey(x, [...path, i], out));
  else if (isObject(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (isSensitiveKey(k)) leaves(x, [...path, k], out);
      else byKey(x, [...path, k], out);
    }
  }
}

/** Every value of `lma` in a sensitive place (whatever it holds: a reference, empty or plain). */
export function sensitiveValues(lma: unknown, ps: readonly SensitivePattern[] = patterns()): SensitiveValue[] {
  const out: SensitiveValue[] = [];
  const seen = new Set<string>();
  for (const p of ps) {
    const found: SensitiveValue[] = [];
    const walk = (v: unknown, i: number, path: Path): void => {
      if (i === p.path.length) {
        if (p.kind === 'keys') byKey(v, path, found);
        else leaves(v, path, found);
        return;
      }
      const seg = p.path[i];
      if (seg === '#') {
        if (Array.isArray(v)) v.forEach((x, j) => walk(x, i + 1, [...path, j]));
      } else if (isObject(v)) {
        if (seg === '*') for (const [k, x] of Object.entries(v)) walk(x, i + 1, [...path, k]);
        else if (Object.hasOwn(v, seg)) walk(v[seg], i + 1, [...path, seg]);
      }
    };
    walk(lma, 0, []);
    for (const f of found) {
      const key = showLmaPath(f.path);
      if (!seen.has(key)) {
        seen.add(key);
        out.push(f);
      }
    }
  }
  return out;
}

/** Whether `path` (under lma) is a place the schema marks sensitive, whether or not a node has a value there. */
export function isSensitivePath(path: readonly string[], ps: readonly SensitivePattern[] = patterns()): boolean {
  return ps.some((p) => {
    if (path.length < p.path.length) return false;
    const head = p.path.every((seg, i) => seg === '*' || (seg === '#' ? /^(0|[1-9][0-9]*)$/.test(path[i]) : seg === path[i]));
    if (!head) return false;
    if (p.kind === 'value') return path.length === p.path.length;
    return path.slice(p.path.length).some(isSensitiveKey);
  });
}

/** The plain values of sensitive fields that `lma:plaintext_allowed` does not allow: what must never reach out/. */
export function unprotectedValues(lma: { plaintext_allowed?: readonly string[] } & object): SensitiveValue[] {
  const allowed = new Set(lma.plaintext_allowed ?? []);
  return sensitiveValues(lma).filter((v) => isPlain(v.value) && !allowed.has(showLmaPath(v.path)));
}
