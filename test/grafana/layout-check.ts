/**
 * Structural checks of a Grafana dashboard: unique panel ids, positions inside
 * the 24-column grid, no two panels overlapping, and every datasource uid
 * (panels, targets, variables) provisioned. Each returns the problems found.
 */
import { allPanels, type DashboardJson, type DsRef, type GridPos } from './demo-grafana.js';

export function duplicateIds(d: DashboardJson): string[] {
  const seen = new Map<number, string>();
  const out: string[] = [];
  for (const p of allPanels(d)) {
    const first = seen.get(p.id);
    if (first !== undefined) out.push(`${d.uid}: id ${p.id} of "${p.title}" is also "${first}"`);
    else seen.set(p.id, p.title);
  }
  return out;
}

function overlap(a: GridPos, b: GridPos): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

export function layoutProblems(d: DashboardJson): string[] {
  const out: string[] = [];
  const ps = allPanels(d);
  for (const p of ps) {
    const g = p.gridPos;
    if (!g || g.x < 0 || g.y < 0 || g.w < 1 || g.h < 1 || g.x + g.w > 24) out.push(`${d.uid}: "${p.title}" is outside the grid: ${JSON.stringify(g)}`);
  }
  for (let i = 0; i < ps.length; i++) {
    for (let j = i + 1; j < ps.length; j++) {
      if (overlap(ps[i].gridPos, ps[j].gridPos)) out.push(`${d.uid}: "${ps[i].title}" ${JSON.stringify(ps[i].gridPos)} overlaps "${ps[j].title}" ${JSON.stringify(ps[j].gridPos)}`);
    }
  }
  return out;
}

export function unprovisioned(d: DashboardJson, provisioned: Set<string>): string[] {
  const out: string[] = [];
  const check = (ref: DsRef | undefined, what: string): void => {
    if (ref?.uid !== undefined && !provisioned.has(ref.uid)) out.push(`${d.uid}: ${what} uses datasource ${ref.uid}, which datasources.yml does not provision`);
  };
  for (const p of allPanels(d)) {
    check(p.datasource, `panel "${p.title}"`);
    for (const t of p.targets ?? []) check(t.datasource, `a target of "${p.title}"`);
    // A query panel must say which datasource it reads (Grafana's default would be a guess).
    if ((p.targets ?? []).length > 0 && !p.datasource?.uid) out.push(`${d.uid}: panel "${p.title}" has queries but no datasource`);
  }
  for (const v of d.templating.list) check(v.datasource, `variable ${v.name}`);
  return out;
}
