/**
 * The demo's dashboards and provisioning, generated in-process: structure
 * (ids, grid, datasources), the generated overview and node health
 * dashboards, determinism, and a cluster class overriding one panel.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/tools.js';
import { allPanels, dashboardsOf, generateGrafana, provisionedUids, type DashboardJson } from './demo-grafana.js';
import { duplicateIds, layoutProblems, unprovisioned } from './layout-check.js';

const demo = generateGrafana(ROOT, 'demo');
const dashboards = dashboardsOf(demo.files);
const provisioned = provisionedUids(demo.files);

describe('GIVEN the demo domain (Prometheus, InfluxDB and Elasticsearch enabled)', () => {
  it('WHEN the grafana generator runs THEN it writes the model dashboards, the overview, node health and both provisioning files, without diagnostics', () => {
    // One file per enabled model dashboard (by uid, else name), the two generated ones, the provisioning.
    const model = Object.entries(demo.model.dashboards).filter(([, d]) => d.enabled).map(([name, d]) => `grafana/dashboards/${d.uid || name}.json`);
    expect(model.length).toBeGreaterThan(30);
    expect([...demo.files.keys()].sort()).toEqual(
      [...model, 'grafana/dashboards/lma-node-health.json', 'grafana/dashboards/lma-overview.json', 'grafana/provisioning/dashboards.yml', 'grafana/provisioning/datasources.yml'].sort(),
    );
    expect(demo.diagnostics).toEqual([]);
    for (const d of dashboards) expect(`grafana/dashboards/${d.uid}.json`).toSatisfy((p: string) => demo.files.has(p));
  });

  it.each(dashboards.map((d) => [d.uid, d]))('WHEN dashboard %s is loaded THEN panel ids are unique, panels fit the grid without overlapping, and every datasource uid is provisioned', (_uid, d) => {
    expect(allPanels(d).length).toBeGreaterThan(1);
    expect(duplicateIds(d)).toEqual([]);
    expect(layoutProblems(d)).toEqual([]);
    expect(unprovisioned(d, provisioned)).toEqual([]);
  });

  it('WHEN datasources.yml is read THEN each enabled backend is one datasource with a stable uid and the model url, Prometheus the default', () => {
    const doc = parse(demo.files.get('grafana/provisioning/datasources.yml')!) as { apiVersion: number; datasources: Record<string, unknown>[] };
    expect(doc.apiVersion).toBe(1);
    expect(doc.datasources.map((d) => [d.uid, d.type, d.url, d.isDefault ?? false])).toEqual([
      ['lmac-prometheus', 'prometheus', 'http://10.20.0.50:9090', true],
      ['lmac-influxdb', 'influxdb', 'http://10.20.0.50:8086', false],
      ['lmac-elasticsearch', 'elasticsearch', 'http://10.20.0.50:9200', false],
    ]);
    const providers = (parse(demo.files.get('grafana/provisioning/dashboards.yml')!) as { providers: { type: string; options: { path: string } }[] }).providers;
    expect(providers).toHaveLength(1);
    expect(providers[0].type).toBe('file');
  });

  it('WHEN every dashboard is read THEN it has the environment and hostname variables, environment preset to the domain', () => {
    for (const d of dashboards) {
      const vars = d.templating.list as unknown as { name: string; type: string; current?: { value: string } }[];
      expect(vars.map((v) => `${v.name}:${v.type}`), d.uid).toEqual(['environment:query', 'hostname:query']);
      expect(vars[0].current?.value).toBe('demo.example.net');
    }
  });

  it('WHEN the LMA overview is read THEN every alarm cluster has a status panel, top clusters first, with OKAY..DOWN mappings', () => {
    const d = dashboards.find((x) => x.uid === 'lma-overview')!;
    const stats = allPanels(d).filter((p) => p.type === 'stat');
    const clusters = Object.values(demo.model.alarms.clusters);
    expect(stats.map((p) => p.title).sort()).toEqual(clusters.map((c) => c.name).sort());
    const levels = stats.map((p) => demo.model.alarms.clusters[p.title].level);
    expect(levels).toEqual([...levels].sort((a, b) => b - a));
    // Top clusters (highest level) come first, in name order.
    const top = Math.max(...levels);
    expect(stats[0].title).toBe(clusters.filter((c) => c.level === top).map((c) => c.name).sort()[0]);
    expect(stats[0].targets?.[0].expr).toBe(`lma_gse_status{environment="$environment", cluster="${stats[0].title}"}`);
    const mapping = (stats[0] as unknown as { fieldConfig: { defaults: { mappings: { options: Record<string, { text: string; color: string }> }[] } } }).fieldConfig.defaults.mappings[0].options;
    expect(Object.fromEntries(Object.entries(mapping).map(([k, v]) => [k, v.text]))).toEqual({ 0: 'OKAY', 1: 'WARN', 2: 'UNKW', 3: 'CRIT', 4: 'DOWN' });
  });

  it('WHEN the node health dashboard is read THEN it shows the chosen host alarm statuses and its CPU, memory and disk', () => {
    const d = dashboards.find((x) => x.uid === 'lma-node-health')!;
    const exprs = allPanels(d).flatMap((p) => (p.targets ?? []).map((t) => t.expr));
    expect(exprs).toContain('lma_afd_status{environment="$environment", hostname="$hostname"}');
    for (const m of ['cpu_usage_idle', 'mem_available_percent', 'disk_used_percent']) expect(exprs.some((e) => e?.includes(m)), m).toBe(true);
  });

  it('WHEN the rows are read THEN model order decides row order, and the InfluxDB dashboards query InfluxDB only', () => {
    const d = dashboards.find((x) => x.uid === 'linux_system')!;
    expect(d.panels.filter((p) => p.type === 'row').map((r) => r.title)).toEqual(['CPU and load', 'Memory', 'Disks', 'Network', 'Processes']);
    for (const uid of ['linux_system_influxdb', 'rabbitmq_influxdb']) {
      const h = dashboards.find((x) => x.uid === uid)!;
      expect(new Set([...allPanels(h).flatMap((p) => (p.datasource ? [p.datasource.uid] : [])), ...h.templating.list.map((v) => v.datasource?.uid)])).toEqual(new Set(['lmac-influxdb']));
    }
  });

  it('WHEN generated twice THEN the bytes are the same', () => {
    const again = generateGrafana(ROOT, 'demo');
    expect([...again.files.entries()]).toEqual([...demo.files.entries()]);
  });
});

describe('GIVEN broken dashboards', () => {
  const d = dashboards.find((x) => x.uid === 'rabbitmq')!;
  const copy = (): DashboardJson => JSON.parse(JSON.stringify(d)) as DashboardJson;

  it('WHEN two panels share an id, or one is moved onto another or past column 24 THEN the checks fail', () => {
    const dup = copy();
    dup.panels[2].id = dup.panels[1].id;
    expect(duplicateIds(dup)).toHaveLength(1);
    const over = copy();
    over.panels[2].gridPos = { ...over.panels[1].gridPos };
    expect(layoutProblems(over).length).toBeGreaterThan(0);
    const wide = copy();
    wide.panels[1].gridPos = { ...wide.panels[1].gridPos, x: 20, w: 6 };
    expect(layoutProblems(wide).join('\n')).toContain('outside the grid');
  });

  it('WHEN a datasource is not provisioned THEN the check names the panels using it', () => {
    const without = new Set([...provisioned].filter((u) => u !== 'lmac-prometheus'));
    expect(unprovisioned(d, without).join('\n')).toContain('lmac-prometheus');
  });
});

describe('GIVEN a cluster class that overrides one panel of a service dashboard', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'lmac-grafana-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  cpSync(path.join(ROOT, 'models'), path.join(tmp, 'models'), { recursive: true });
  cpSync(path.join(ROOT, 'clusters/demo'), path.join(tmp, 'clusters/demo'), { recursive: true });
  const monitoring = path.join(tmp, 'clusters/demo/monitoring.yml');
  const text = readFileSync(monitoring, 'utf8');
  expect(text).not.toContain('parameters:');
  // The class's own parameters come after the classes it includes (service.grafana.server declares the dashboard), so they win (Reclass merge by key).
  writeFileSync(monitoring, `${text}parameters:\n  lma:\n    dashboards:\n      linux_system:\n        rows:\n          memory:\n            panels:\n              mem_used_bytes: {title: Memory in use, width: 24}\n`);

  it('WHEN built THEN only that panel changes: its title and width, and the layout below it', () => {
    const changed = generateGrafana(tmp, 'demo');
    const before = dashboards.find((x) => x.uid === 'linux_system')!;
    const after = dashboardsOf(changed.files).find((x) => x.uid === 'linux_system')!;
    const b = allPanels(before);
    const a = allPanels(after);
    expect(a.map((p) => p.id)).toEqual(b.map((p) => p.id));
    const diff = a.filter((p, i) => p.title !== b[i].title).map((p) => p.title);
    expect(diff).toEqual(['Memory in use']);
    const panel = a.find((p) => p.title === 'Memory in use')!;
    expect(panel.gridPos.w).toBe(24);
    expect(panel.targets?.[0].expr).toBe(b.find((p) => p.title === 'Memory used')!.targets?.[0].expr);
    expect(layoutProblems(after)).toEqual([]);
    for (const f of ['grafana/dashboards/rabbitmq.json', 'grafana/provisioning/datasources.yml']) expect(changed.files.get(f)).toBe(demo.files.get(f));
  });
});

describe('GIVEN dashboard names and uids', () => {
  it('WHEN a uid is derived THEN the model uid wins, a short name is kept, and a long name is cut to 40 characters with a stable hash', async () => {
    const { dashboardUid } = await import('../../generators/grafana/uid.js');
    expect(dashboardUid('rabbitmq', 'rmq')).toBe('rmq');
    expect(dashboardUid('rabbitmq', '')).toBe('rabbitmq');
    const long = 'a'.repeat(50);
    const uid = dashboardUid(long, '');
    expect(uid).toHaveLength(40);
    expect(uid).toBe(dashboardUid(long, ''));
    expect(uid).not.toBe(dashboardUid(`${'a'.repeat(49)}b`, ''));
  });
});
