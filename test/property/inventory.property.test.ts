/**
 * Property tests of the inventory engine on random inventories (inventory-gen.ts):
 *  1. robustness: renderNode never throws; diagnostics are well formed and point
 *     at files that exist;
 *  2. determinism: two fresh Inventory objects (rendering nodes in opposite
 *     orders) give the same results;
 *  3. differential: on the constructs where lmac must equal Reclass 1.7, lmac
 *     and the real Reclass agree (needs reclass 1.7; see test/helpers/tools.ts).
 *
 * Knobs (for hunting bugs, not for CI): LMAC_FC_SEED, LMAC_FC_RUNS (robustness
 * and determinism), LMAC_FC_DIFF_RUNS (differential), LMAC_FC_IGNORE (a regexp:
 * failures whose text matches it count as passing, to look past a known bug).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Inventory } from '../../src/inventory/inventory.js';
import { openReclassDir } from '../../src/inventory/storage.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { hasReclass, toolAvailable } from '../helpers/tools.js';
import { plain, runOracle, type OracleAnswer } from '../conformance/oracle.js';
import { dumpFiles, inventoryArb, inventoryFiles, writeInventory, type InvSpec } from './inventory-gen.js';

const SEED = process.env.LMAC_FC_SEED ? Number(process.env.LMAC_FC_SEED) : undefined;
const RUNS = Number(process.env.LMAC_FC_RUNS ?? 150);
const DIFF_RUNS = Number(process.env.LMAC_FC_DIFF_RUNS ?? 25);
const IGNORE = process.env.LMAC_FC_IGNORE ? new RegExp(process.env.LMAC_FC_IGNORE) : null;
const params = (numRuns: number): fc.Parameters<[InvSpec]> => ({ numRuns, ...(SEED !== undefined ? { seed: SEED } : {}) });

/** Writes the inventory to a fresh temp dir, runs `f`, removes the dir. */
function withInventory(spec: InvSpec, f: (dir: string, files: Map<string, string>) => void): void {
  const files = inventoryFiles(spec);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lmac-prop-'));
  try {
    writeInventory(dir, files);
    f(dir, files);
  } catch (e) {
    if (IGNORE && IGNORE.test(String((e as Error).message))) return;
    throw e;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Rendered {
  storage: Diagnostic[];
  nodes: Record<string, { ok: boolean; info?: unknown; diagnostics: Diagnostic[] }>;
}

/** Renders every node; `reverse` walks the nodes in reverse order. Throws what the engine throws. */
function render(dir: string, reverse = false): Rendered {
  const inv = new Inventory(openReclassDir(dir));
  const nodes: Rendered['nodes'] = {};
  const names = inv.nodeNames();
  for (const name of reverse ? [...names].reverse() : names) {
    const r = inv.renderNode(name);
    nodes[name] = r.ok ? { ok: true, info: plain(r.info), diagnostics: r.warnings } : { ok: false, diagnostics: r.diagnostics };
  }
  return { storage: inv.diagnostics, nodes };
}

/** Problems with one diagnostic, empty when it is well formed. */
function diagnosticProblems(d: Diagnostic, dir: string): string[] {
  const problems: string[] = [];
  if (!/^LMAC\d{3}$/.test(d.code)) problems.push(`code ${JSON.stringify(d.code)} is not LMACnnn`);
  if (typeof d.message !== 'string' || d.message.trim() === '') problems.push('empty message');
  const locs = [['location', d.location] as const, ...(d.related ?? []).map((r, i) => [`related[${i}]`, r.location] as const)];
  for (const [what, loc] of locs) {
    if (!loc) continue;
    const abs = path.resolve(process.cwd(), loc.file);
    if (!abs.startsWith(dir + path.sep)) problems.push(`${what} file ${loc.file} is not in the inventory`);
    else if (!existsSync(abs)) problems.push(`${what} file ${loc.file} does not exist`);
    if (!Number.isInteger(loc.line) || loc.line < 1) problems.push(`${what} line ${loc.line} < 1`);
  }
  return problems.map((p) => `${d.severity} ${d.code}: ${p} (${d.message})`);
}

describe('inventory engine properties', () => {
  it('GIVEN random inventories (class graphs with cycles and missing classes, YAML 1.1 oddities, references, queries, settings, garbage) WHEN every node is rendered THEN nothing throws and every diagnostic is well formed and located in an existing file', () => {
    fc.assert(
      fc.property(inventoryArb('robust'), (spec) =>
        withInventory(spec, (dir, files) => {
          let r: Rendered;
          try {
            r = render(dir);
          } catch (e) {
            throw new Error(`the engine threw: ${(e as Error).stack}\n${dumpFiles(files)}`);
          }
          const problems = [...r.storage, ...Object.values(r.nodes).flatMap((n) => n.diagnostics)].flatMap((d) => diagnosticProblems(d, dir));
          for (const [name, n] of Object.entries(r.nodes)) {
            if (!n.ok && !n.diagnostics.some((d) => d.severity === 'error')) problems.push(`node ${name} failed without an error diagnostic`);
          }
          if (problems.length > 0) throw new Error(`${[...new Set(problems)].join('\n')}\n${dumpFiles(files)}`);
        }),
      ),
      params(RUNS),
    );
  });

  it('GIVEN a random inventory WHEN two fresh Inventory objects render it (in opposite node orders) THEN every node gives the identical JSON', () => {
    fc.assert(
      fc.property(inventoryArb('robust'), (spec) =>
        withInventory(spec, (dir, files) => {
          const a = render(dir);
          const b = render(dir, true);
          expect(Object.keys(b.nodes).sort(), dumpFiles(files)).toEqual(Object.keys(a.nodes).sort());
          for (const name of Object.keys(a.nodes)) {
            expect(JSON.stringify(b.nodes[name].info), `node ${name}\n${dumpFiles(files)}`).toBe(JSON.stringify(a.nodes[name].info));
            expect(b.nodes[name].diagnostics.map((d) => `${d.code} ${d.message}`), `node ${name}\n${dumpFiles(files)}`).toEqual(
              a.nodes[name].diagnostics.map((d) => `${d.code} ${d.message}`),
            );
          }
        }),
      ),
      params(Math.max(1, Math.round(RUNS / 2))),
    );
  });
});

/** The fields Reclass and lmac must agree on (as in test/conformance/conformance.test.ts). */
function comparable(info: Record<string, unknown>): Record<string, unknown> {
  const meta = info.__reclass__ as Record<string, unknown>;
  const uri = String(meta.uri);
  return {
    node: meta.node,
    name: meta.name,
    environment: meta.environment,
    uriTail: uri.split('/').slice(-2).join('/'),
    classes: info.classes,
    applications: info.applications,
    exports: info.exports,
    parameters: info.parameters,
    nodeEnvironment: info.environment,
  };
}

/** How lmac and Reclass 1.7 differ on one inventory; empty when they agree. */
function differences(dir: string): string[] {
  const oracle: OracleAnswer = runOracle(dir);
  let lmac: Rendered;
  try {
    lmac = render(dir);
  } catch (e) {
    return [`lmac threw ${(e as Error).name}: ${(e as Error).message} (Reclass: ${JSON.stringify(Object.fromEntries(Object.entries(oracle.nodes ?? {}).map(([n, o]) => [n, o.ok ? 'ok' : o.type])))})`];
  }
  const lmacStorage = lmac.storage.some((d) => d.severity === 'error');
  if (oracle.storage_error || lmacStorage) {
    if (Boolean(oracle.storage_error) === lmacStorage) return [];
    return [
      oracle.storage_error
        ? `Reclass fails the inventory (${oracle.storage_error.type}: ${oracle.storage_error.message}), lmac does not`
        : `lmac fails the inventory (${lmac.storage.map((d) => d.message).join('; ')}), Reclass does not`,
    ];
  }
  const out: string[] = [];
  const names = Object.keys(oracle.nodes ?? {}).sort();
  const lnames = Object.keys(lmac.nodes).sort();
  if (JSON.stringify(names) !== JSON.stringify(lnames)) out.push(`nodes: Reclass ${names.join(',')}, lmac ${lnames.join(',')}`);
  for (const name of names) {
    const o = oracle.nodes![name];
    const l = lmac.nodes[name];
    if (!l) continue;
    if (o.ok !== l.ok) {
      out.push(
        o.ok
          ? `node ${name}: Reclass renders it, lmac fails: ${l.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`).join('; ')}`
          : `node ${name}: Reclass fails (${o.type}: ${o.message}), lmac renders it`,
      );
      continue;
    }
    if (!o.ok) continue;
    const want = comparable(o.result!);
    const got = comparable(l.info as Record<string, unknown>);
    for (const field of Object.keys(want)) {
      if (JSON.stringify(want[field]) !== JSON.stringify(got[field]) && !deepEqual(want[field], got[field])) {
        out.push(`node ${name}: ${field} differs\n  Reclass: ${JSON.stringify(want[field])}\n  lmac:    ${JSON.stringify(got[field])}`);
      }
    }
  }
  return out;
}

function deepEqual(a: unknown, b: unknown): boolean {
  try {
    expect(b).toEqual(a);
    return true;
  } catch {
    return false;
  }
}

const haveReclass = toolAvailable('reclass 1.7', hasReclass());

describe.skipIf(!haveReclass)('differential fuzzing against Reclass 1.7', () => {
  it('GIVEN random inventories restricted to 1.7-compatible constructs (no include cycles, no sibling ~app removals, no inventory queries, no colliding Python keys) WHEN lmac and Reclass 1.7 render every node THEN both fail the same nodes and render the others identically', () => {
    fc.assert(
      fc.property(inventoryArb('reclass', { maxClasses: 15 }), (spec) =>
        withInventory(spec, (dir, files) => {
          const diffs = differences(dir);
          if (diffs.length > 0) throw new Error(`lmac and Reclass 1.7 differ:\n${diffs.join('\n')}\n${dumpFiles(files)}`);
        }),
      ),
      params(DIFF_RUNS),
    );
  });
});
