/** Compares lmac's rendering of an inventory with Reclass 1.7's (the oracle), as data. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { comparable, type OracleAnswer, type OracleNode } from '../conformance/oracle.js';

import { ROOT, SYSTEM_PYTHON } from '../helpers/tools.js';
import type { Rendered, RenderedNode } from './render-all.js';

/**
 * Reclass 1.7's own objects printed into a value: what 1.7 does when a
 * reference loops through a container (`a: {b: 'x-${a}'}`: `Value(RefItem(...))`)
 * or formats a dict holding an unmerged override (`<reclass.values.valuelist.ValueList
 * object at 0x...>`). There is nothing to compare against; lmac must fail or
 * render plain data, never its own internals.
 */
export const RECLASS_INTERNALS = /\b(?:Value|ValueList|CompItem|RefItem|ScaItem|DictItem|ListItem|InvItem)\(|<reclass\./;

/** lmac's internal objects (Tmpl, VList, PDict) formatted like a Python dict into a string. */
export const LMAC_INTERNALS = /'(?:source|parts|nested|overwrite|complex|owner|rendered)': /;

/** Key sets of lmac's internal objects (Tmpl, VList, PDict) when one is copied into the output as data. */
const LMAC_OBJECT_KEYS = [['source', 'parts'], ['values', 'complex'], ['map', 'owner'], ['item', 'overwrite']];

/** The places in a JSON value that show lmac internals (as text or as a copied object). */
export function internalsIn(v: unknown): string[] {
  const out: string[] = [];
  const clip = (x: string) => (x.length > 300 ? x.slice(0, 300) + '…' : x);
  const walk = (x: unknown, at: string): void => {
    if (typeof x === 'string') {
      if (LMAC_INTERNALS.test(x)) out.push(`${at}: ${clip(x)}`);
    } else if (Array.isArray(x)) x.forEach((y, i) => walk(y, `${at}:${i}`));
    else if (x !== null && typeof x === 'object') {
      const keys = Object.keys(x);
      if (LMAC_OBJECT_KEYS.some((ks) => ks.every((k) => keys.includes(k)))) out.push(`${at}: ${clip(JSON.stringify(x))}`);
      else for (const [k, y] of Object.entries(x)) walk(y, at ? `${at}:${k}` : k);
    }
  };
  walk(v, '');
  return out;
}

/**
 * Runs Reclass 1.7 through test/conformance/reclass-oracle.py like runOracle,
 * with a time limit and a smaller address-space cap, so that an inventory that
 * makes 1.7 itself explode costs seconds. null: 1.7 gave no answer.
 */
export function runOracleLimited(dir: string, timeoutMs = 30_000): OracleAnswer | null {
  const script = path.join(ROOT, 'test/conformance/reclass-oracle.py');
  const r = spawnSync(SYSTEM_PYTHON, [script, dir], {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    timeout: timeoutMs,
    env: { ...process.env, ORACLE_MEM_MB: '768' },
  });
  if (r.error || r.status !== 0) return null;
  try {
    return JSON.parse(r.stdout) as OracleAnswer;
  } catch {
    // 1.7 printed something JSON cannot read (NaN/Infinity): no answer to compare with.
    return null;
  }
}

/**
 * Nodes where 1.7 is wrong and lmac deliberately does better, each kept as a
 * found/ case (check: reclass-bug): skipped by the differential property.
 */
function known1_7Bug(o: OracleNode, l: RenderedNode): boolean {
  // found/overwritten-list-index-reference: 1.7 dies with IndexError on an out-of-range
  // list index in a reference that a later value overrides; lmac warns (LMAC145).
  return !o.ok && o.type === 'IndexError' && l.ok && l.diagnostics.some((d) => d.code === 'LMAC145');
}

/** How lmac and Reclass 1.7 differ on one inventory; empty when they agree. */
export function compareWithReclass(oracle: OracleAnswer, lmac: Rendered, opts: { acceptKnown1_7Bugs?: boolean } = {}): string[] {
  const acceptKnown = opts.acceptKnown1_7Bugs ?? true;
  const lmacStorage = lmac.storage.filter((d) => d.severity === 'error');
  if (oracle.storage_error || lmacStorage.length > 0) {
    if (Boolean(oracle.storage_error) === lmacStorage.length > 0) return [];
    return [
      oracle.storage_error
        ? `Reclass fails the inventory (${oracle.storage_error.type}: ${oracle.storage_error.message}), lmac does not`
        : `lmac fails the inventory (${lmacStorage.map((d) => `${d.code} ${d.message}`).join('; ')}), Reclass does not`,
    ];
  }
  const out: string[] = [];
  const names = Object.keys(oracle.nodes ?? {}).sort();
  const lnames = Object.keys(lmac.nodes).sort();
  if (JSON.stringify(names) !== JSON.stringify(lnames)) out.push(`node names: Reclass ${names.join(',')}; lmac ${lnames.join(',')}`);
  for (const name of names) {
    const o = oracle.nodes![name];
    const l = lmac.nodes[name];
    if (!l) continue;
    const errors = () => l.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`).join('; ');
    if (l.ok && internalsIn(l.info).length > 0) {
      out.push(`node ${name}: lmac renders its internal objects into a value: ${internalsIn(l.info)[0]}${o.ok ? `\n  Reclass: ${JSON.stringify(o.result?.parameters)}` : ` (Reclass fails: ${o.type})`}`);
      continue;
    }
    if (o.ok && RECLASS_INTERNALS.test(JSON.stringify(o.result))) continue;
    if (acceptKnown && known1_7Bug(o, l)) continue;
    if (o.ok !== l.ok) {
      out.push(o.ok ? `node ${name}: Reclass renders it, lmac fails: ${errors()}` : `node ${name}: Reclass fails (${o.type}: ${o.message}), lmac renders it`);
      continue;
    }
    if (!o.ok) continue;
    const want = comparable(o.result!);
    const got = comparable(l.info as Record<string, unknown>);
    for (const field of Object.keys(want)) {
      if (isDeepStrictEqual(want[field], got[field])) continue;
      const leaves = leafDifferences(want[field], got[field], field).filter((d) => !documentedDivergence(d.reclass, d.lmac));
      if (leaves.length === 0) continue;
      out.push(
        `node ${name}: ${field} differs (${leaves.map((d) => `at ${d.path}: Reclass ${JSON.stringify(d.reclass)}, lmac ${JSON.stringify(d.lmac)}`).join('; ')})\n  Reclass: ${JSON.stringify(want[field])}\n  lmac:    ${JSON.stringify(got[field])}`,
      );
    }
  }
  return out;
}

interface LeafDifference {
  path: string;
  reclass: unknown;
  lmac: unknown;
}

/** Where two JSON values differ: the smallest differing subtrees (a whole list when lengths differ). */
function leafDifferences(a: unknown, b: unknown, at: string): LeafDifference[] {
  if (isDeepStrictEqual(a, b)) return [];
  const isObj = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);
  if (isObj(a) && isObj(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => (k in a && k in b ? leafDifferences(a[k], b[k], `${at}:${k}`) : [{ path: `${at}:${k}`, reclass: a[k], lmac: b[k] }]));
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) return a.flatMap((x, i) => leafDifferences(x, b[i], `${at}:${i}`));
  return [{ path: at, reclass: a, lmac: b }];
}

/**
 * Differences docs/inventory.md lists as deliberate: where 1.7 reads a value
 * that is still unrendered it yields the `${...}` text (or an object repr),
 * lmac the rendered value.
 */
function documentedDivergence(reclass: unknown, lmac: unknown): boolean {
  return typeof reclass === 'string' && (RECLASS_INTERNALS.test(reclass) || (reclass.includes('${') && !(typeof lmac === 'string' && lmac.includes('${'))));
}
