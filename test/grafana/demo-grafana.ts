/**
 * The demo's Grafana output generated in-process (compileModel + the
 * generator), so the tests never read a stale out/, plus the walks the tests
 * share: every panel (rows' nested panels too), every query by datasource.
 */
import { parse } from 'yaml';
import { grafanaGenerator } from '../../generators/grafana/index.js';
import type { Artifact } from '../../src/build/generator.js';
import { compileModel } from '../../src/build/pipeline.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import type { ClusterModel } from '../../src/model/cluster-model.js';

export interface GridPos { x: number; y: number; w: number; h: number }
export interface DsRef { type?: string; uid?: string }
export interface Target { refId?: string; datasource?: DsRef; expr?: string; query?: string; rawQuery?: boolean }
export interface PanelJson { id: number; type: string; title: string; gridPos: GridPos; datasource?: DsRef; targets?: Target[]; panels?: PanelJson[]; collapsed?: boolean }
export interface VariableJson { name: string; type: string; query: string; datasource?: DsRef }
export interface DashboardJson { uid: string; title: string; panels: PanelJson[]; templating: { list: VariableJson[] } }

export function generateGrafana(root: string, cluster: string): { model: ClusterModel; files: Map<string, string>; diagnostics: Diagnostic[] } {
  const { model, diagnostics } = compileModel(root, cluster);
  if (!model) throw new Error(`${cluster} does not compile: ${diagnostics.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  const reported: Diagnostic[] = [];
  const out: Artifact[] = grafanaGenerator.generate(model, { version: 'test', report: (d) => reported.push(d), previous: new Map() });
  return { model, files: new Map(out.map((a) => [a.path, a.content])), diagnostics: reported };
}

export function dashboardsOf(files: Map<string, string>): DashboardJson[] {
  return [...files.entries()].filter(([p]) => p.startsWith('grafana/dashboards/')).map(([, c]) => JSON.parse(c) as DashboardJson);
}

/** Every panel, top level and inside (collapsed) rows. */
export function allPanels(d: DashboardJson): PanelJson[] {
  const out: PanelJson[] = [];
  const walk = (ps: PanelJson[]): void => {
    for (const p of ps) {
      out.push(p);
      walk(p.panels ?? []);
    }
  };
  walk(d.panels);
  return out;
}

export function provisionedUids(files: Map<string, string>): Set<string> {
  const doc = parse(files.get('grafana/provisioning/datasources.yml') ?? 'datasources: []') as { datasources: { uid: string }[] };
  return new Set(doc.datasources.map((d) => d.uid));
}

/** Queries of panels and variables on one datasource type: `[where, query]`. */
export function queriesOf(dashboards: DashboardJson[], type: string): [string, string][] {
  const out: [string, string][] = [];
  for (const d of dashboards) {
    for (const p of allPanels(d)) for (const t of p.targets ?? []) if ((t.datasource ?? p.datasource)?.type === type) out.push([`${d.uid}: panel ${p.id} ${p.title}`, t.expr ?? t.query ?? '']);
    for (const v of d.templating.list) if (v.datasource?.type === type) out.push([`${d.uid}: variable ${v.name}`, v.query]);
  }
  return out;
}
