/**
 * The model's dashboards (lma.dashboards, united across the domain's nodes) as
 * DashboardSpecs: enabled ones only, rows and panels in `order` then name
 * order, a panel's datasource its own or else the dashboard's.
 */
import type { Dashboard } from '../../src/model/lma-types.js';
import type { DashboardSpec, PanelSpec, RowSpec } from './dashboard-spec.js';
import { statusMappings } from './status-mappings.js';
import { dashboardUid } from './uid.js';

/** Items of a keyed map by (`order`, name). */
export function inOrder<T extends { order: number }>(items: Readonly<Record<string, T>>): [string, T][] {
  return Object.entries(items).sort(([an, a], [bn, b]) => a.order - b.order || (an < bn ? -1 : an > bn ? 1 : 0));
}

export function modelDashboardSpec(name: string, d: Dashboard, environment: string): DashboardSpec {
  const rows: RowSpec[] = inOrder(d.rows).map(([rowName, r]) => ({
    title: r.title || rowName,
    collapsed: r.collapsed,
    panels: inOrder(r.panels).map(([, p]): PanelSpec => ({
      title: p.title,
      type: p.type,
      datasource: p.type === 'text' ? null : p.datasource || d.datasource,
      expr: p.expr,
      legend: p.legend,
      unit: p.unit,
      width: p.width,
      height: p.height,
      description: p.description,
      ...(p.mappings === 'status' ? { mappings: statusMappings() } : {}),
    })),
  }));
  return {
    uid: dashboardUid(name, d.uid),
    title: d.title,
    description: d.description,
    tags: [...d.tags],
    refresh: d.refresh,
    timeFrom: d.time_from,
    variables: { datasource: d.datasource, environment, multiHost: true },
    rows,
  };
}
