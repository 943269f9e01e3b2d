/**
 * The shipped model library (models/) against issue 9's bar, measured with
 * `lmac catalog` itself: enough services, triggers, alarms, clusters and
 * dashboards; every policy in use; each trigger explains its threshold; each
 * alarm and alarm cluster has a generated promtool test in a shipped cluster's
 * out/ (test/golden runs promtool over those); docs/catalog.md is current.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCatalog, catalogMarkdown, loadLibrary } from '../../src/catalog/index.js';
import { BUILTIN_POLICIES } from '../../src/alarms/policies.js';
import { EXPORTERS } from '../../src/collectors/exporters/index.js';
import { ROOT } from '../helpers/tools.js';

const { classes, diagnostics } = loadLibrary(ROOT);
const catalog = buildCatalog(classes);
const SHIPPED = ['demo', 'k8s-demo'];

function generatedTests(kind: 'afd' | 'gse'): string {
  return SHIPPED.map((c) => {
    const dir = path.join(ROOT, 'out', c, 'prometheus', 'tests');
    return readdirSync(dir).filter((f) => f.startsWith(kind)).map((f) => readFileSync(path.join(dir, f), 'utf8')).join('\n');
  }).join('\n');
}

describe('GIVEN the model library', () => {
  it('WHEN it is read THEN every class file loads', () => {
    expect(diagnostics).toEqual([]);
  });

  it('WHEN counted by lmac catalog THEN it has at least 25 services, 200 triggers, 130 alarms, 130 alarm clusters and 40 dashboards', () => {
    const totals = { services: catalog.services, triggers: catalog.triggers, alarms: catalog.alarms, clusters: catalog.clusters, dashboards: catalog.dashboards };
    expect(totals.services).toBeGreaterThanOrEqual(25);
    expect(totals.triggers).toBeGreaterThanOrEqual(200);
    expect(totals.alarms).toBeGreaterThanOrEqual(130);
    expect(totals.clusters).toBeGreaterThanOrEqual(130);
    expect(totals.dashboards).toBeGreaterThanOrEqual(40);
  });

  it('WHEN its alarm clusters are counted by policy THEN every built-in policy is used', () => {
    for (const p of Object.keys(BUILTIN_POLICIES)) expect(catalog.policies[p] ?? 0, p).toBeGreaterThan(0);
  });

  it('WHEN its triggers are read THEN each has a description that can explain its threshold', () => {
    const short = catalog.library.flatMap((s) => s.triggers.filter((t) => t.description.trim().length < 40).map((t) => `${s.service}: ${t.name} (${JSON.stringify(t.description)})`));
    expect(short).toEqual([]);
  });

  it('WHEN its prometheus inputs are read THEN each names an exporter of the catalogue, so what it scrapes is checked', () => {
    const scrapes = catalog.library.flatMap((s) => s.inputs.filter((i) => i.plugin === 'prometheus').map((i) => `${s.service}: ${i.name} -> ${i.exporter || '(none)'}`));
    expect(scrapes.length).toBeGreaterThan(0);
    expect(scrapes.filter((x) => !Object.hasOwn(EXPORTERS, x.split(' -> ')[1]))).toEqual([]);
  });

  it('WHEN its services are read THEN each monitors something: triggers, alarms, a cluster and a Sensu check or dashboard', () => {
    const thin = catalog.library.filter((s) => s.triggers.length === 0 || s.alarms.length === 0).map((s) => s.service);
    expect(thin).toEqual([]);
  });

  it('WHEN the shipped clusters are built THEN every alarm of the library has a generated promtool test', () => {
    const afd = generatedTests('afd');
    const missing = catalog.library.flatMap((s) => s.alarms.map((a) => a.name)).filter((a) => !afd.includes(`lma_afd_status{alarm="${a}"`));
    expect(missing).toEqual([]);
  });

  it('WHEN the shipped clusters are built THEN every alarm cluster of the library has a generated promtool test', () => {
    const gse = generatedTests('gse');
    const names = [...catalog.library.flatMap((s) => s.clusters), ...catalog.system.flatMap((s) => s.clusters)].map((c) => c.name);
    const missing = names.filter((c) => !gse.includes(`lma_gse_status{cluster="${c}"`));
    expect(missing).toEqual([]);
  });

  it('WHEN docs/catalog.md is compared with `lmac catalog --format md` THEN it is current', () => {
    // Regenerate with: npx lmac catalog --format md > docs/catalog.md
    expect(readFileSync(path.join(ROOT, 'docs/catalog.md'), 'utf8')).toBe(catalogMarkdown(catalog));
  });
});
