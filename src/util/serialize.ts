/**
 * Deterministic JSON and YAML text for rendered data: keys sorted, integral
 * floats kept as `1.0` (PyFloat), no anchors, strings quoted whenever a YAML 1.1
 * reader could take them for anything but a string.
 */
import { PyFloat, pyFloatRepr } from '../inventory/py-value.js';

function sortedKeys(o: object): string[] {
  return Object.keys(o).sort();
}

function jsonNumber(v: number): string {
  return Number.isFinite(v) ? String(v) : 'null';
}

function jsonFloat(f: PyFloat): string {
  if (!Number.isFinite(f.value)) return 'null';
  const r = pyFloatRepr(f.value);
  // Python writes 1e+16 where JSON wants 1e16; both parse to the same number.
  return r.replace('e+', 'e');
}

/**
 * Rendered text of shared subtrees, by subtree and indentation: the same
 * class data appears in many nodes' output and is written once.
 */
export interface TextCache {
  /** Whether `o` is immutable and shared, so its text can be reused. */
  shared(o: object): boolean;
  readonly texts: WeakMap<object, Map<string, string>>;
}

export function textCache(shared: (o: object) => boolean): TextCache {
  return { shared, texts: new WeakMap() };
}

/**
 * The text of `o`, from the cache when `o` is shared. Only the outermost shared
 * subtree is cached (its text holds its children's), so memory holds each
 * shared text once, not once per nesting level.
 */
function cached(o: object, pad: string, cache: TextCache | undefined, make: (inner: TextCache | undefined) => string): string {
  if (!cache || !cache.shared(o)) return make(cache);
  let byPad = cache.texts.get(o);
  if (!byPad) cache.texts.set(o, (byPad = new Map()));
  let t = byPad.get(pad);
  if (t === undefined) byPad.set(pad, (t = make(undefined)));
  return t;
}

/** JSON with sorted keys; `indent` 0 for compact; `pad` is the current indentation. */
export function toJson(v: unknown, indent = 2, pad = '', cache?: TextCache): string {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return jsonNumber(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return v.toString();
  }
  if (v instanceof PyFloat) return jsonFloat(v);
  const o = v as object;
  return cached(o, pad, cache, (cache) => {
    const nl = indent > 0 ? '\n' : '';
    const inner = indent > 0 ? pad + ' '.repeat(indent) : '';
    if (Array.isArray(o)) {
      if (o.length === 0) return '[]';
      let s = '[' + nl;
      for (let i = 0; i < o.length; i++) s += inner + toJson(o[i], indent, inner, cache) + (i < o.length - 1 ? ',' : '') + nl;
      return s + pad + ']';
    }
    const keys = sortedKeys(o);
    if (keys.length === 0) return '{}';
    const colon = indent > 0 ? ': ' : ':';
    let s = '{' + nl;
    for (let i = 0; i < keys.length; i++) {
      s += inner + JSON.stringify(keys[i]) + colon + toJson((o as Record<string, unknown>)[keys[i]], indent, inner, cache) + (i < keys.length - 1 ? ',' : '') + nl;
    }
    return s + pad + '}';
  });
}

const YAML_SPECIAL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|=|<<)$/;
const PLAIN = /^[A-Za-z_][A-Za-z0-9_./@%+-]*(?: [A-Za-z0-9_./@%+()-]+)*$/;

export function yamlString(s: string): string {
  return PLAIN.test(s) && !YAML_SPECIAL.test(s) ? s : JSON.stringify(s);
}

/** Whether a string can be written as a `|-` block and read back the same. */
function literalBlock(s: string): boolean {
  return s.includes('\n') && !/[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]/.test(s) && !/^[ \n]/.test(s) && !/\s$/.test(s) && !/[ \t]\n/.test(s);
}

/** Single quotes where they read better (PromQL is full of double quotes); JSON quoting for control characters. */
function yamlStringSingle(s: string): string {
  if (PLAIN.test(s) && !YAML_SPECIAL.test(s)) return s;
  return /[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]/.test(s) ? JSON.stringify(s) : `'${s.replace(/'/g, "''")}'`;
}

function yamlScalar(v: unknown, str: (s: string) => string = yamlString): string | null {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return str(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isNaN(v) ? '.nan' : v === Infinity ? '.inf' : v === -Infinity ? '-.inf' : yamlNumber(v);
  if (v instanceof PyFloat) return Number.isNaN(v.value) ? '.nan' : !Number.isFinite(v.value) ? (v.value > 0 ? '.inf' : '-.inf') : yamlFloat(v.value);
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v) && v.length === 0) return '[]';
  if (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) return '{}';
  return null;
}

function yamlNumber(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return yamlFloat(v);
}

/** YAML 1.1 floats need a dot and a signed exponent (PyYAML's resolver). */
function yamlFloat(v: number): string {
  const r = pyFloatRepr(v);
  if (!r.includes('e')) return r;
  const [m, e] = r.split('e');
  return `${m.includes('.') ? m : m + '.0'}e${e}`;
}

/** Block-style YAML with sorted keys; `pad` is the indentation of the top level. */
export function toYaml(v: unknown, pad = '', cache?: TextCache): string {
  const s = yamlScalar(v);
  if (s !== null) return s + '\n';
  return yamlBlock(v as object, pad, cache, true);
}

/**
 * Block-style YAML with keys in the order the object was built: for files whose
 * readers expect a conventional order (Prometheus rules: `record` before `expr`).
 * Only for data built by lmac in a fixed order, so the text is still deterministic.
 */
export function toYamlInOrder(v: unknown): string {
  const s = yamlScalar(v, yamlStringSingle);
  if (s !== null) return s + '\n';
  return yamlBlock(v as object, '', undefined, false);
}

function yamlBlock(v: object, pad: string, cache: TextCache | undefined, sort: boolean): string {
  const str = sort ? yamlString : yamlStringSingle;
  return cached(v, pad, cache, (cache) => {
    let out = '';
    if (Array.isArray(v)) {
      for (const x of v) {
        const s = yamlScalar(x, str);
        if (s !== null) out += `${pad}- ${s}\n`;
        else if (Array.isArray(x)) out += `${pad}-\n` + yamlBlock(x, pad + '  ', cache, sort);
        else {
          // The first key goes on the dash line, the rest align under it.
          const body = yamlBlock(x as object, pad + '  ', cache, sort);
          out += `${pad}- ${body.slice(pad.length + 2)}`;
        }
      }
      return out;
    }
    const o = v as Record<string, unknown>;
    for (const k of sort ? sortedKeys(o) : Object.keys(o)) {
      const x = o[k];
      if (!sort && typeof x === 'string' && literalBlock(x)) {
        // Multi-line text (PromQL) as a literal block: readable, and exactly the same string.
        out += `${pad}${str(k)}: |-\n${x.split('\n').map((l) => `${pad}  ${l}`).join('\n')}\n`;
        continue;
      }
      const s = yamlScalar(x, str);
      if (s !== null) out += `${pad}${str(k)}: ${s}\n`;
      else out += `${pad}${str(k)}:\n` + yamlBlock(x as object, Array.isArray(x) ? pad : pad + '  ', cache, sort);
    }
    return out;
  });
}
