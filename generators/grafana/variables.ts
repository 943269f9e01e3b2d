/**
 * The template variables of every dashboard: `environment` (the domain label
 * every metric carries; current value the domain's own) and `hostname` (the
 * nodes reporting in that environment), as query variables over the
 * dashboard's datasource. Panels refer to them as `$environment` and
 * `$hostname` (PromQL `hostname=~"$hostname"`, InfluxQL `"hostname" =~ /^$hostname$/`).
 */
import { QueryVariableBuilder, VariableRefresh, VariableSort } from '@grafana/grafana-foundation-sdk/dashboard';
import type { VariableSpec } from './dashboard-spec.js';
import { datasourceRef, type DatasourceKind } from './datasources.js';

/** The variable queries per datasource, as Grafana's datasource plugins take them. */
export function variableQueries(kind: DatasourceKind): { environment: string; hostname: string } {
  switch (kind) {
    case 'prometheus':
      // Every scrape target carries environment and hostname (generators/prometheus/config.ts), so `up` has them all.
      return { environment: 'label_values(up, environment)', hostname: 'label_values(up{environment="$environment"}, hostname)' };
    case 'influxdb':
      // Telegraf's global tags are on every measurement.
      return { environment: 'SHOW TAG VALUES WITH KEY = "environment"', hostname: `SHOW TAG VALUES WITH KEY = "hostname" WHERE "environment" = '$environment'` };
    case 'elasticsearch':
      return { environment: '{"find": "terms", "field": "environment"}', hostname: '{"find": "terms", "field": "hostname", "query": "environment:\\"$environment\\""}' };
  }
}

export function variables(v: VariableSpec): QueryVariableBuilder[] {
  const ds = datasourceRef(v.datasource);
  const q = variableQueries(v.datasource);
  const environment = new QueryVariableBuilder('environment')
    .label('Environment')
    .datasource(ds)
    .query(q.environment)
    .definition(q.environment)
    .current({ selected: true, text: v.environment, value: v.environment })
    .refresh(VariableRefresh.OnDashboardLoad)
    .sort(VariableSort.AlphabeticalAsc);
  const hostname = new QueryVariableBuilder('hostname')
    .label('Host')
    .datasource(ds)
    .query(q.hostname)
    .definition(q.hostname)
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(VariableSort.AlphabeticalAsc)
    .multi(v.multiHost)
    .includeAll(v.multiHost);
  // "All" as a regex, so panels matching `=~ "$hostname"` see every host (Grafana's default lists them all).
  if (v.multiHost) hostname.allValue('.*');
  return [environment, hostname];
}
