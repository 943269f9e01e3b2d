/**
 * The exporter catalogue's own shape (src/collectors/exporters/): every
 * family name and label is a valid Prometheus name, no family is listed twice
 * with different types within one exporter, and every entry says where its
 * names were read. Its names against the real daemons:
 * test/collectors/exporters-live.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { EXPORTERS } from '../../src/collectors/exporters/index.js';

const METRIC = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

describe('GIVEN the exporter catalogue', () => {
  it.each(Object.keys(EXPORTERS))('WHEN entry %s is read THEN its names and labels are Prometheus names, each family has one type, and it names its source', (id) => {
    const spec = EXPORTERS[id];
    expect(spec.source.length).toBeGreaterThan(3);
    expect(spec.version.length).toBeGreaterThan(0);
    const bad = spec.families.flatMap(([name, , labels = []]) => [...(METRIC.test(name) ? [] : [`name ${name}`]), ...labels.filter((l) => !LABEL.test(l) || l === 'le' || l === 'quantile').map((l) => `${name}: label ${l}`)]);
    expect(bad).toEqual([]);
    const types = new Map<string, string>();
    const clashes: string[] = [];
    for (const [name, type] of spec.families) {
      if (types.has(name) && types.get(name) !== type) clashes.push(`${name}: ${types.get(name)} and ${type}`);
      types.set(name, type);
    }
    expect(clashes).toEqual([]);
  });
});
