/**
 * Property tests of the inventory engine on random inventories (inventory-gen.ts):
 *  1. robustness: renderNode never throws (nor loops, nor eats the heap); every
 *     diagnostic is well formed and points at a file that exists;
 *  2. determinism: two fresh Inventory objects (rendering the nodes in opposite
 *     orders) give identical results;
 *  3. differential: on the constructs where lmac must equal Reclass 1.7, lmac
 *     and the real Reclass agree (needs reclass 1.7; see test/helpers/tools.ts).
 *
 * The engine runs in a child process with a heap cap and a time limit
 * (engine-worker.ts). Minimal inventories found so far are kept in found/ and
 * checked by found.test.ts.
 *
 * Knobs (for hunting bugs, not for CI): LMAC_FC_SEED, LMAC_FC_RUNS (robustness;
 * determinism runs half as many), LMAC_FC_DIFF_RUNS (differential),
 * LMAC_FC_TIMEOUT_MS (per property), LMAC_FC_SLOW_LOG (a file: inventories that
 * take over 5 s are appended to it), LMAC_FC_IGNORE (a regexp: a failure whose text matches it counts as a pass,
 * to look past a known bug).
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import fc from 'fast-check';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hasReclass, toolAvailable } from '../helpers/tools.js';
import { dumpFiles, inventoryArb, inventoryFiles, writeInventory, type InvSpec } from './inventory-gen.js';
import { describeAnswer, EngineWorker } from './engine-worker.js';
import { compareWithReclass, runOracleLimited } from './compare.js';
import { robustnessProblems } from './checks.js';

const SEED = process.env.LMAC_FC_SEED ? Number(process.env.LMAC_FC_SEED) : undefined;
const RUNS = Number(process.env.LMAC_FC_RUNS ?? 150);
const DIFF_RUNS = Number(process.env.LMAC_FC_DIFF_RUNS ?? 25);
/** vitest's time limit per property (shrinking a counterexample that exhausts the heap takes a while). */
const TIMEOUT = Number(process.env.LMAC_FC_TIMEOUT_MS ?? 300_000);
const IGNORE = process.env.LMAC_FC_IGNORE ? new RegExp(process.env.LMAC_FC_IGNORE) : null;
const SLOW_LOG = process.env.LMAC_FC_SLOW_LOG;
const params = (numRuns: number): fc.Parameters<[InvSpec]> => ({ numRuns, ...(SEED !== undefined ? { seed: SEED } : {}) });

let engine: EngineWorker;
beforeAll(() => {
  engine = new EngineWorker();
});
afterAll(async () => {
  await engine?.close();
});

/** Writes the inventory to a fresh temp dir, runs `f`, removes the dir; failures carry the files. */
async function withInventory(spec: InvSpec, f: (dir: string) => Promise<string[]>): Promise<void> {
  const files = inventoryFiles(spec);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lmac-prop-'));
  let problems: string[];
  const t0 = Date.now();
  try {
    writeInventory(dir, files);
    problems = await f(dir);
  } finally {
    if (SLOW_LOG && Date.now() - t0 > 5000) appendFileSync(SLOW_LOG, `=== ${Date.now() - t0} ms\n${dumpFiles(files)}`);
    rmSync(dir, { recursive: true, force: true });
  }
  if (problems.length === 0) return;
  const text = [...new Set(problems)].join('\n');
  if (IGNORE && IGNORE.test(text)) return;
  throw new Error(`${text}\n${dumpFiles(files)}`);
}

describe('inventory engine properties', () => {
  it('GIVEN random inventories (class graphs with cycles and missing classes, YAML 1.1 oddities, references, queries, settings, garbage) WHEN every node is rendered THEN nothing throws, loops or runs out of memory, no value shows engine internals, and every diagnostic is well formed and located in an existing file', async () => {
    await fc.assert(
      fc.asyncProperty(inventoryArb('robust'), (spec) =>
        withInventory(spec, async (dir) => {
          const a = await engine.render(dir);
          return a.kind === 'ok' ? robustnessProblems(a.runs[0], dir) : [describeAnswer(a)];
        }),
      ),
      params(RUNS),
    );
  }, TIMEOUT);

  it('GIVEN a random inventory WHEN two fresh Inventory objects render it (in opposite node orders) THEN every node gives the identical JSON and the same diagnostics', async () => {
    await fc.assert(
      fc.asyncProperty(inventoryArb('robust'), (spec) =>
        withInventory(spec, async (dir) => {
          const a = await engine.render(dir, [false, true]);
          if (a.kind !== 'ok') return [describeAnswer(a)];
          const [x, y] = a.runs;
          const problems: string[] = [];
          const names = Object.keys(x.nodes).sort();
          if (JSON.stringify(Object.keys(y.nodes).sort()) !== JSON.stringify(names)) problems.push('the node lists differ');
          for (const name of names) {
            const i = JSON.stringify(x.nodes[name].info);
            const j = JSON.stringify(y.nodes[name]?.info);
            if (i !== j) problems.push(`node ${name}: info differs\n  first:  ${i}\n  second: ${j}`);
            // The same diagnostics in the same order (found/diagnostics-order-depends-on-render-order).
            const di = JSON.stringify(x.nodes[name].diagnostics.map((d) => `${d.code} ${d.message}`));
            const dj = JSON.stringify(y.nodes[name]?.diagnostics.map((d) => `${d.code} ${d.message}`));
            if (di !== dj) problems.push(`node ${name}: diagnostics differ\n  first:  ${di}\n  second: ${dj}`);
          }
          return problems;
        }),
      ),
      params(Math.max(1, Math.round(RUNS / 2))),
    );
  }, TIMEOUT);
});

const haveReclass = toolAvailable('reclass 1.7', hasReclass());

describe.skipIf(!haveReclass)('differential fuzzing against Reclass 1.7', () => {
  it('GIVEN random inventories restricted to 1.7-compatible constructs (no include cycles, no sibling ~app removals, no inventory queries, no colliding Python keys) WHEN lmac and Reclass 1.7 render every node THEN both fail the same nodes and render the others identically', async () => {
    await fc.assert(
      fc.asyncProperty(inventoryArb('reclass', { maxClasses: 15 }), (spec) =>
        withInventory(spec, async (dir) => {
          const a = await engine.render(dir);
          const oracle = runOracleLimited(dir);
          if (oracle === null) return []; // Reclass 1.7 itself timed out or crashed: nothing to compare with.
          if (a.kind !== 'ok') return [`${describeAnswer(a)} (Reclass: ${JSON.stringify(Object.fromEntries(Object.entries(oracle.nodes ?? {}).map(([n, o]) => [n, o.ok ? 'ok' : o.type])))})`];
          return compareWithReclass(oracle, a.runs[0]);
        }),
      ),
      params(DIFF_RUNS),
    );
  }, TIMEOUT);
});
