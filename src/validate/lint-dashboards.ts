/**
 * LMAC311: a dashboard panel's PromQL reads a metric that no node of the
 * domain declares or produces, so the panel shows "No data" (a renamed
 * metric, an input the domain does not enable, a typo). Dashboards are
 * domain-wide, so a name counts when any node has it.
 */
import type { Diagnostic } from '../diagnostics/index.js';
import { Codes, warning } from '../diagnostics/index.js';
import type { ClusterModel } from '../model/cluster-model.js';
import { metricNamesOf } from './lint-selection.js';
import { locateValue } from './locate.js';
import { didYouMean } from './suggest.js';

/**
 * Series that exist without a node producing them: lmac's own recording
 * rules (generators/prometheus: afd-rules.ts, gse-rules.ts, the lma_node
 * rule) and what Prometheus itself writes (alerts, scrape health).
 * test/validate/dashboard-queries.test.ts keeps the lma_ ones in step with
 * the generated rules.
 */
export const BUILT_IN_SERIES: ReadonlySet<string> = new Set([
  'lma_afd_rule_result',
  'lma_afd_status',
  'lma_afd_trigger_status',
  'lma_gse_group_weight',
  'lma_gse_status',
  'lma_node',
  'ALERTS',
  'ALERTS_FOR_STATE',
  'up',
  'scrape_duration_seconds',
  'scrape_samples_scraped',
  'scrape_samples_post_metric_relabeling',
  'scrape_series_added',
]);

/** A panel's query with Grafana's variables ($environment, ${hostname}, [[x]]) taken out. */
function withoutVariables(expr: string): string {
  return expr.replace(/\$\{[^}]*\}|\[\[[^\]]*\]\]|\$\w+/g, ' ');
}

export function lintDashboardQueries(model: ClusterModel, known: ReadonlySet<string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const names = [...known, ...BUILT_IN_SERIES];
  for (const name of Object.keys(model.dashboards).sort()) {
    const d = model.dashboards[name];
    if (!d.enabled) continue;
    const owner = model.nodes.find((n) => n.lma && Object.hasOwn(n.lma.dashboards, name));
    for (const [rowName, row] of Object.entries(d.rows)) {
      for (const [panelName, p] of Object.entries(row.panels)) {
        if ((p.datasource || d.datasource) !== 'prometheus' || p.expr === '') continue;
        const unknown = metricNamesOf(withoutVariables(p.expr)).filter((m) => !known.has(m) && !BUILT_IN_SERIES.has(m));
        for (const m of unknown) {
          const path = ['lma', 'dashboards', name, 'rows', rowName, 'panels', panelName, 'expr'];
          out.push(warning(Codes.PANEL_METRIC_UNKNOWN, `panel ${panelName} of dashboard ${name} reads metric '${m}', which no node of domain ${model.name} declares in lma:metrics or produces with an input or log: the panel shows no data${didYouMean(m, names)}`, owner ? locateValue(owner, path).location : undefined));
        }
      }
    }
  }
  return out;
}
