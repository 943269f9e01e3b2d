/**
 * Reads model files as PyYAML's SafeLoader does (YAML 1.1), because Reclass
 * reads them that way: `yes`/`on` are booleans (`y`/`n` are not), `0777` is
 * octal, `1:20` is 80, `1e3` is a string (a float needs a dot), duplicate keys
 * keep the last value, `<<` merges, and mapping keys become Python str()
 * (`true:` -> 'True'). js-yaml parses (several times faster than the `yaml`
 * package, and loading dominates rendering time) with a schema made of PyYAML's
 * own resolver patterns (yaml/resolver.py); the `yaml` package, which keeps
 * source positions, only locates values for diagnostics.
 *
 * Timestamps stay strings (their text): Reclass cannot JSON-encode dates anyway.
 * Failures are diagnostics, never exceptions: syntax errors with line and column,
 * alias bombs, excessive nesting, unknown tags.
 */
import jsyaml from 'js-yaml';
import { parseAllDocuments, isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node as YNode } from 'yaml';
import type { Diagnostic } from '../diagnostics/index.js';
import { Codes, error } from '../diagnostics/index.js';
import { PyFloat, pyStr } from './py-value.js';

export interface YamlLimits {
  maxBytes: number;
  maxDepth: number;
  /** Values an alias-expanded document may hold beyond its own size (billion laughs guard). */
  maxExpansion: number;
}

export const DEFAULT_LIMITS: YamlLimits = { maxBytes: 32 * 1024 * 1024, maxDepth: 256, maxExpansion: 1_000_000 };

export interface LoadOk {
  ok: true;
  value: unknown;
}
export interface LoadFail {
  ok: false;
  diagnostics: Diagnostic[];
}

// PyYAML resolver.py, verbatim (re.X whitespace removed).
const BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const FLOAT = /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const INT = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const NULL = /^(?:~|null|Null|NULL|)$/;
const TIMESTAMP = /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/;

const TAG = 'tag:yaml.org,2002:';

class LoadError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly offset: number | undefined,
  ) {
    super(message);
  }
}

function toInt(text: string): number {
  let v = text.replace(/_/g, '');
  let sign = 1;
  if (v[0] === '-') sign = -1;
  if (v[0] === '+' || v[0] === '-') v = v.slice(1);
  if (v === '0') return 0;
  if (v.startsWith('0b')) return sign * parseInt(v.slice(2), 2);
  if (v.startsWith('0x')) return sign * parseInt(v.slice(2), 16);
  if (v[0] === '0') return sign * parseInt(v, 8);
  if (v.includes(':')) return sign * v.split(':').reduce((acc, d) => acc * 60 + Number(d), 0);
  return sign * Number(v);
}

function toFloat(text: string): number | PyFloat {
  let v = text.replace(/_/g, '').toLowerCase();
  let sign = 1;
  if (v[0] === '-') sign = -1;
  if (v[0] === '+' || v[0] === '-') v = v.slice(1);
  let x: number;
  if (v === '.inf') x = sign * Infinity;
  else if (v === '.nan') x = NaN;
  else if (v.includes(':')) x = sign * v.split(':').reduce((acc, d) => acc * 60 + Number(d), 0);
  else x = sign * Number(v);
  // Python keeps 1.0 a float; JavaScript would print it as 1.
  return Number.isInteger(x) || !Number.isFinite(x) ? new PyFloat(x) : x;
}

function toBool(text: string): boolean {
  const t = text.toLowerCase();
  return t === 'yes' || t === 'true' || t === 'on';
}

/** Resolves a plain scalar exactly like PyYAML's implicit resolvers (checked in their order). */
export function resolvePlain(text: string): unknown {
  const c = text[0] ?? '';
  if ('yYnNtTfFoO'.includes(c) && c !== '' && BOOL.test(text)) return toBool(text);
  if ('-+0123456789.'.includes(c) && c !== '' && FLOAT.test(text)) return toFloat(text);
  if ('-+0123456789'.includes(c) && c !== '' && INT.test(text)) return toInt(text);
  if ((c === '~' || c === 'n' || c === 'N' || c === '') && NULL.test(text)) return null;
  if (text === '=') throw new LoadError(Codes.YAML_UNSUPPORTED, "could not determine a constructor for the tag 'tag:yaml.org,2002:value' (a bare '=' must be quoted)", undefined);
  return text;
}

/** Python str() of a mapping key, as Reclass stores keys. */
function keyString(k: unknown): string {
  return typeof k === 'string' ? k : pyStr(k);
}

function nodeOffset(n: YNode | null | undefined): number | undefined {
  return n?.range?.[0];
}

/**
 * Sentinels for the values whose Python str() differs from JavaScript's String():
 * js-yaml turns mapping keys into strings with String(), so `true:` must reach it
 * as something that prints `True`. They become plain values after loading.
 */
class PyConst {
  constructor(
    readonly value: boolean | null,
    private readonly text: string,
  ) {}
  toString(): string {
    return this.text;
  }
  get [Symbol.toStringTag](): string {
    return 'PyConst';
  }
}
const PY_TRUE = new PyConst(true, 'True');
const PY_FALSE = new PyConst(false, 'False');
const PY_NONE = new PyConst(null, 'None');

const scalarType = (tag: string, resolve: (s: string) => boolean, construct: (s: string) => unknown) =>
  new jsyaml.Type(tag, { kind: 'scalar', resolve: (d: string | null) => resolve(d ?? ''), construct: (d: string | null) => construct(d ?? '') });

const IMPLICIT = [
  scalarType(`${TAG}bool`, (s) => BOOL.test(s), (s) => (toBool(s) ? PY_TRUE : PY_FALSE)),
  scalarType(`${TAG}float`, (s) => FLOAT.test(s), toFloat),
  scalarType(`${TAG}int`, (s) => INT.test(s), toInt),
  scalarType(`${TAG}null`, (s) => NULL.test(s), () => PY_NONE),
  // Timestamps keep their text: Reclass cannot JSON-encode dates anyway.
  scalarType(`${TAG}timestamp`, (s) => TIMESTAMP.test(s), (s) => s),
  scalarType(`${TAG}value`, (s) => s === '=', () => {
    throw new LoadError(Codes.YAML_UNSUPPORTED, "could not determine a constructor for the tag 'tag:yaml.org,2002:value' (quote a bare '=')", undefined);
  }),
  // `<<` merge keys: js-yaml merges when a key resolves to this tag.
  scalarType(`${TAG}merge`, (s) => s === '<<', (s) => s),
];

/** Explicit `!!int "1"` etc., checked like PyYAML's constructors check them. */
const strict = (tag: string, re: RegExp, construct: (s: string) => unknown) =>
  scalarType(tag, () => true, (s) => {
    if (!re.test(s.trim())) throw new LoadError(Codes.YAML_SYNTAX, `invalid ${tag.replace(TAG, '!!')} value '${s}'`, undefined);
    return construct(s.trim());
  });
const EXPLICIT = [
  scalarType(`${TAG}str`, () => true, (s) => s),
  strict(`${TAG}int`, INT, toInt),
  strict(`${TAG}float`, new RegExp(`${FLOAT.source}|${INT.source}`), toFloat),
  strict(`${TAG}bool`, BOOL, (s) => (toBool(s) ? PY_TRUE : PY_FALSE)),
  scalarType(`${TAG}null`, () => true, () => PY_NONE),
  new jsyaml.Type(`${TAG}seq`, { kind: 'sequence', construct: (d: unknown[] | null) => d ?? [] }),
  new jsyaml.Type(`${TAG}map`, { kind: 'mapping', construct: (d: object | null) => d ?? {} }),
];

const SCHEMA = new jsyaml.Schema({ implicit: IMPLICIT, explicit: EXPLICIT });

interface FinishCtx {
  depth: number;
  size: number;
  budget: number;
  maxDepth: number;
  sizes: WeakMap<object, number>;
}

/** Replaces sentinels with plain values; measures what aliases expand to. */
function finish(v: unknown, ctx: FinishCtx): unknown {
  if (v instanceof PyConst) return v.value;
  if (v === null || typeof v !== 'object' || v instanceof PyFloat) return v;
  const known = ctx.sizes.get(v);
  if (known !== undefined) {
    // A second path to one object is an alias; consumers copy it, so it counts again.
    ctx.size += known;
    if (ctx.size > ctx.budget) throw new LoadError(Codes.YAML_ALIAS_BOMB, `aliases expand to more than ${ctx.budget} values (a YAML alias bomb?); refusing the file`, undefined);
    return v;
  }
  if (++ctx.depth > ctx.maxDepth) throw new LoadError(Codes.YAML_TOO_DEEP, `nesting deeper than ${ctx.maxDepth} levels`, undefined);
  const start = ctx.size++;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = finish(v[i], ctx);
  } else {
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) o[k] = finish(o[k], ctx);
  }
  ctx.depth--;
  ctx.sizes.set(v, ctx.size - start);
  return v;
}

function lineCol(text: string, offset: number | undefined): { line: number; col: number } {
  if (offset === undefined) return { line: 1, col: 1 };
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { line, col: offset - last };
}

/** Parsed documents for locating, by source text: a warning repeated on many nodes parses its file once. */
const LOCATE_CACHE = new Map<string, Document | null>();
const LOCATE_CACHE_MAX = 256;

function cachedDocument(text: string): Document | null {
  let doc = LOCATE_CACHE.get(text);
  if (doc === undefined) {
    try {
      doc = parseDocs(text)[0] ?? null;
    } catch {
      doc = null;
    }
    if (LOCATE_CACHE.size >= LOCATE_CACHE_MAX) LOCATE_CACHE.delete(LOCATE_CACHE.keys().next().value as string);
    LOCATE_CACHE.set(text, doc);
  }
  return doc;
}

function parseDocs(text: string): Document[] {
  return parseAllDocuments(text, { schema: 'failsafe', uniqueKeys: false, merge: false, strict: false, prettyErrors: false }) as unknown as Document[];
}

/**
 * Mapping keys in document order, for the mappings where JavaScript's own order
 * differs: objects list integer-like keys first, so `~80:` then `80:` would
 * merge in the wrong order. Recorded only when a file has such a prefixed key.
 */
export const KEY_ORDER = new WeakMap<object, string[]>();
const PREFIXED_INT_KEY = /(?:^|[\s{,])[~=][-+]?\d+\s*:/m;

/** A mapping key of the `yaml` AST as the loader names it (Python str() of the resolved scalar). */
function keyOf(kn: { type?: string | undefined; value: unknown }): string {
  try {
    return kn.type === 'PLAIN' ? keyString(resolvePlain(String(kn.value))) : String(kn.value);
  } catch {
    return String(kn.value);
  }
}

function recordKeyOrder(value: unknown, node: unknown, doc: Document, depth: number): void {
  if (depth > 256 || value === null || typeof value !== 'object') return;
  if (isMap(node) && !Array.isArray(value)) {
    const keys: string[] = [];
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const k = keyOf(pair.key);
      if (k === '<<') continue;
      if (!keys.includes(k)) keys.push(k);
      recordKeyOrder((value as Record<string, unknown>)[k], pair.value, doc, depth + 1);
    }
    const own = Object.keys(value);
    if (keys.length === own.length && keys.some((k, i) => k !== own[i]) && keys.every((k) => own.includes(k))) KEY_ORDER.set(value, keys);
  } else if (isSeq(node) && Array.isArray(value)) {
    node.items.forEach((item, i) => recordKeyOrder(value[i], item, doc, depth + 1));
  }
}

export function loadYaml(text: string, file: string, limits?: Partial<YamlLimits>): LoadOk | LoadFail {
  const lim: YamlLimits = { ...DEFAULT_LIMITS, ...limits };
  const fail = (code: string, message: string, where?: { line: number; col: number }): LoadFail => ({
    ok: false,
    diagnostics: [error(code, message, { file, ...(where ?? { line: 1, col: 1 }) })],
  });
  if (text.length > lim.maxBytes || Buffer.byteLength(text, 'utf8') > lim.maxBytes) return fail(Codes.FILE_TOO_LARGE, `${file} is larger than ${lim.maxBytes} bytes`);
  // js-yaml recurses once per nesting level: refuse absurd nesting before it does.
  const deep = /[[{]{256}/.exec(text);
  if (deep) return fail(Codes.YAML_TOO_DEEP, `nesting deeper than ${lim.maxDepth} levels`, lineCol(text, deep.index));
  let raw: unknown;
  try {
    raw = jsyaml.load(text, { schema: SCHEMA, json: true, filename: file });
  } catch (e) {
    if (e instanceof LoadError) return fail(e.code, e.message);
    if (e instanceof RangeError) return fail(Codes.YAML_TOO_DEEP, 'nesting too deep to parse');
    if (e instanceof jsyaml.YAMLException) {
      const m = e.mark as { line?: number; column?: number } | undefined;
      const reason = e.reason || e.message;
      const unknownTag = /^unknown tag/.test(reason);
      const msg = unknownTag ? reason.replace(/^unknown tag/, 'could not determine a constructor for the tag') : reason;
      return fail(unknownTag ? Codes.YAML_UNSUPPORTED : Codes.YAML_SYNTAX, msg, m && m.line !== undefined ? { line: m.line + 1, col: (m.column ?? 0) + 1 } : undefined);
    }
    return fail(Codes.YAML_SYNTAX, (e as Error).message);
  }
  try {
    const value = raw === undefined ? null : finish(raw, { depth: 0, size: 0, budget: lim.maxExpansion, maxDepth: lim.maxDepth, sizes: new WeakMap() });
    if (PREFIXED_INT_KEY.test(text)) {
      const doc = cachedDocument(text);
      if (doc) recordKeyOrder(value, doc.contents, doc, 0);
    }
    return { ok: true, value };
  } catch (e) {
    if (e instanceof LoadError) {
      // The loaded data has no positions left: point at the first alias, where expansion starts.
      const alias = e.code === Codes.YAML_ALIAS_BOMB ? /(?:^|[\s,[{:-])(\*[^\s,\]}]+)/m.exec(text) : null;
      return fail(e.code, e.message, alias ? lineCol(text, alias.index + alias[0].indexOf('*')) : undefined);
    }
    if (e instanceof RangeError) return fail(Codes.YAML_TOO_DEEP, 'nesting too deep to load');
    throw e;
  }
}

/**
 * Line and column (1-based) of the value at `path` (mapping keys, list indices),
 * for diagnostics. A key written with a Reclass prefix (`~key`, `=key`) matches
 * `key`. Returns the key's position for mapping entries, the item's for lists.
 */
export function locateInYaml(text: string, path: readonly (string | number)[]): { line: number; col: number } | undefined {
  const doc = cachedDocument(text);
  if (!doc) return undefined;
  let node: unknown = doc.contents;
  let offset = nodeOffset(node as YNode);
  for (const k of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      let found: { key: YNode; value: unknown } | undefined;
      for (const p of node.items) {
        if (!isPair(p) || !isScalar(p.key)) continue;
        const kn = p.key;
        const name = keyOf(kn);
        const bare = name[0] === '~' || name[0] === '=' ? name.slice(1) : name;
        if (name === String(k) || bare === String(k)) found = { key: kn, value: p.value }; // last wins, as in loading
      }
      if (!found) return undefined;
      offset = nodeOffset(found.key);
      node = found.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(k)];
      if (item === undefined) return undefined;
      offset = nodeOffset(item as YNode);
      node = item;
    } else return undefined;
  }
  return offset === undefined ? undefined : lineCol(text, offset);
}
