/**
 * Minimal inventories the property tests found (test/property/found/<slug>/,
 * each with a README line saying what went wrong and a case.yml):
 *
 *   check: reclass      lmac must render it as Reclass 1.7 does (needs reclass 1.7)
 *          reclass-bug  1.7 is wrong here: it must still differ from lmac (else the
 *                       case is stale), and lmac must give `lmac:` (per node, a
 *                       subset of the parameters) (needs reclass 1.7)
 *          robustness   rendering must not throw, loop or exhaust the heap, no
 *                       value may show engine internals, diagnostics well formed
 *          determinism  two fresh Inventory objects rendering the nodes in
 *                       opposite orders give the same info and the same
 *                       diagnostics in the same order
 *   status: open | fixed
 *
 * A failing case here is a known engine bug (status: open) or a regression.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { hasReclass, toolAvailable } from '../helpers/tools.js';
import { compareWithReclass, runOracleLimited } from './compare.js';
import { describeAnswer, EngineWorker } from './engine-worker.js';
import { robustnessProblems } from './checks.js';

const FOUND = path.join(path.dirname(fileURLToPath(import.meta.url)), 'found');
const cases = existsSync(FOUND) ? readdirSync(FOUND).filter((d) => existsSync(path.join(FOUND, d, 'case.yml'))).sort() : [];
const spec = (c: string) =>
  parse(readFileSync(path.join(FOUND, c, 'case.yml'), 'utf8')) as { check: 'reclass' | 'reclass-bug' | 'robustness' | 'determinism'; status: string; lmac?: Record<string, Record<string, unknown>> };
const what = (c: string) => readFileSync(path.join(FOUND, c, 'README.md'), 'utf8').trim();
const haveReclass = toolAvailable('reclass 1.7', hasReclass());

let engine: EngineWorker;
beforeAll(() => {
  engine = new EngineWorker();
});
afterAll(async () => {
  await engine?.close();
});

describe('inventories found by property testing', () => {
  for (const c of cases) {
    const s = spec(c);
    const dir = path.join(FOUND, c);
    const title = `GIVEN found/${c} (${s.status}) WHEN rendered THEN ${
      s.check === 'reclass' ? 'lmac equals Reclass 1.7' : s.check === 'reclass-bug' ? 'Reclass 1.7 still errs and lmac gives the sane result' : s.check === 'robustness' ? 'nothing throws and every diagnostic is well formed' : 'the result does not depend on the render order'
    }`;
    it.skipIf((s.check === 'reclass' || s.check === 'reclass-bug') && !haveReclass)(title, async () => {
      if (s.check === 'reclass-bug') {
        const oracle = runOracleLimited(dir);
        expect(oracle, 'Reclass 1.7 answered').not.toBeNull();
        const a = await engine.render(dir);
        expect(a.kind, describeAnswer(a)).toBe('ok');
        if (a.kind !== 'ok') return;
        expect(compareWithReclass(oracle!, a.runs[0], { acceptKnown1_7Bugs: false }), `Reclass 1.7 no longer differs: ${what(c)}`).not.toEqual([]);
        for (const [node, params] of Object.entries(s.lmac ?? {})) {
          const n = a.runs[0].nodes[node];
          expect(n?.ok, `${what(c)} (node ${node}: ${n?.diagnostics.map((d) => d.message).join('; ')})`).toBe(true);
          expect(n.info, what(c)).toMatchObject({ parameters: params });
        }
      } else if (s.check === 'reclass') {
        const oracle = runOracleLimited(dir);
        expect(oracle, 'Reclass 1.7 answered').not.toBeNull();
        const a = await engine.render(dir);
        expect(a.kind === 'ok' ? [] : [describeAnswer(a)]).toEqual([]);
        if (a.kind === 'ok') expect(compareWithReclass(oracle!, a.runs[0]), what(c)).toEqual([]);
      } else if (s.check === 'robustness') {
        const a = await engine.render(dir);
        expect(a.kind === 'ok' ? robustnessProblems(a.runs[0], path.resolve(dir)) : [describeAnswer(a)], what(c)).toEqual([]);
      } else {
        const a = await engine.render(dir, [false, true]);
        expect(a.kind, describeAnswer(a)).toBe('ok');
        if (a.kind !== 'ok') return;
        const [x, y] = a.runs;
        for (const name of Object.keys(x.nodes)) {
          expect(JSON.stringify(y.nodes[name].info), `${what(c)} (node ${name})`).toBe(JSON.stringify(x.nodes[name].info));
          expect(y.nodes[name].diagnostics.map((d) => `${d.code} ${d.message}`), `${what(c)} (node ${name})`).toEqual(x.nodes[name].diagnostics.map((d) => `${d.code} ${d.message}`));
        }
      }
    });
  }
});
