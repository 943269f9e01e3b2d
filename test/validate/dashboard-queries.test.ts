/**
 * The dashboard lint's list of series no node produces (BUILT_IN_SERIES) against
 * what lmac really records: every lma_ series the shipped clusters' rules
 * record is in it, and every lma_ name in it is recorded somewhere, so a
 * renamed recording rule cannot leave panels on it unchecked or wrongly flagged.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_SERIES } from '../../src/validate/lint-dashboards.js';
import { ROOT } from '../helpers/tools.js';

function recorded(): Set<string> {
  const out = new Set<string>();
  for (const cluster of ['demo', 'k8s-demo']) {
    const dir = path.join(ROOT, 'out', cluster, 'prometheus', 'rules');
    for (const f of readdirSync(dir)) {
      for (const m of readFileSync(path.join(dir, f), 'utf8').matchAll(/^\s*-?\s*record: (\S+)$/gm)) out.add(m[1]);
    }
  }
  return out;
}

describe('GIVEN the shipped clusters\' recording rules', () => {
  it('WHEN their lma_ series are compared with the dashboard lint\'s built-in series THEN the two lists agree', () => {
    const lma = [...recorded()].filter((n) => n.startsWith('lma_')).sort();
    expect(lma.length).toBeGreaterThan(0);
    expect([...BUILT_IN_SERIES].filter((n) => n.startsWith('lma_')).sort()).toEqual(lma);
  });
});
