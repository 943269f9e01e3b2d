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

/** JSON with sorted keys; `indent` 0 for compact. */
export function toJson(v: unknown, indent = 2): string {
  const parts: string[] = [];
  writeJson(v, indent, '', (s) => parts.push(s));
  return parts.join('');
}

export function writeJson(v: unknown, indent: number, pad: string, out: (s: string) => void): void {
  if (v === null || v === undefined) return out('null');
  switch (typeof v) {
    case 'string':
      return out(JSON.stringify(v));
    case 'number':
      return out(jsonNumber(v));
    case 'boolean':
      return out(v ? 'true' : 'false');
    case 'bigint':
      return out(v.toString());
  }
  if (v instanceof PyFloat) return out(jsonFloat(v));
  const nl = indent > 0 ? '\n' : '';
  const inner = indent > 0 ? pad + ' '.repeat(indent) : '';
  const colon = indent > 0 ? ': ' : ':';
  if (Array.isArray(v)) {
    if (v.length === 0) return out('[]');
    out('[' + nl);
    v.forEach((x, i) => {
      out(inner);
      writeJson(x, indent, inner, out);
      out((i < v.length - 1 ? ',' : '') + nl);
    });
    return out(pad + ']');
  }
  const keys = sortedKeys(v as object);
  if (keys.length === 0) return out('{}');
  out('{' + nl);
  keys.forEach((k, i) => {
    out(inner + JSON.stringify(k) + colon);
    writeJson((v as Record<string, unknown>)[k], indent, inner, out);
    out((i < keys.length - 1 ? ',' : '') + nl);
  });
  out(pad + '}');
}

const YAML_SPECIAL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|=|<<)$/;
const PLAIN = /^[A-Za-z_][A-Za-z0-9_./@%+-]*(?: [A-Za-z0-9_./@%+()-]+)*$/;

export function yamlString(s: string): string {
  return PLAIN.test(s) && !YAML_SPECIAL.test(s) ? s : JSON.stringify(s);
}

function yamlScalar(v: unknown): string | null {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return yamlString(v);
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

/** Block-style YAML with sorted keys. */
export function toYaml(v: unknown): string {
  const parts: string[] = [];
  writeYaml(v, '', (s) => parts.push(s));
  return parts.join('');
}

export function writeYaml(v: unknown, pad: string, out: (s: string) => void): void {
  const s = yamlScalar(v);
  if (s !== null) return out(s + '\n');
  writeBlock(v, pad, out);
}

function writeBlock(v: unknown, pad: string, out: (s: string) => void): void {
  if (Array.isArray(v)) {
    for (const x of v) {
      const s = yamlScalar(x);
      if (s !== null) out(`${pad}- ${s}\n`);
      else if (Array.isArray(x)) {
        out(`${pad}-\n`);
        writeBlock(x, pad + '  ', out);
      } else {
        // First key on the dash line, the rest aligned under it.
        const keys = sortedKeys(x as object);
        keys.forEach((k, i) => writeEntry(k, (x as Record<string, unknown>)[k], i === 0 ? `${pad}- ` : `${pad}  `, pad + '  ', out));
      }
    }
    return;
  }
  const o = v as Record<string, unknown>;
  for (const k of sortedKeys(o)) writeEntry(k, o[k], pad, pad, out);
}

function writeEntry(k: string, x: unknown, lead: string, pad: string, out: (s: string) => void): void {
  const s = yamlScalar(x);
  const key = yamlString(k);
  if (s !== null) out(`${lead}${key}: ${s}\n`);
  else {
    out(`${lead}${key}:\n`);
    writeBlock(x, Array.isArray(x) ? pad : pad + '  ', out);
  }
}
