/**
 * A DashboardSpec built into Grafana dashboard JSON with the foundation SDK's
 * typed builders (dashboard, rows, one panel builder per panel type, the
 * Prometheus and Elasticsearch dataqueries; InfluxQL with lmac's own builder).
 * Positions and ids come from layout.ts.
 */
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import { BigValueColorMode, BigValueGraphMode, LegendDisplayMode, LegendPlacement, ReduceDataOptionsBuilder, VizLegendOptionsBuilder, type DataSourceRef } from '@grafana/grafana-foundation-sdk/common';
import { DashboardBuilder, RowBuilder, ThresholdsConfigBuilder, ThresholdsMode, type Dashboard, type GridPos, type Panel, type ThresholdsConfig, type ValueMapping } from '@grafana/grafana-foundation-sdk/dashboard';
import { CountBuilder, DataqueryBuilder as ElasticsearchQueryBuilder, DateHistogramBuilder, LogsBuilder } from '@grafana/grafana-foundation-sdk/elasticsearch';
import { PanelBuilder as BarGaugePanel } from '@grafana/grafana-foundation-sdk/bargauge';
import { PanelBuilder as GaugePanel } from '@grafana/grafana-foundation-sdk/gauge';
import { PanelBuilder as HeatmapPanel } from '@grafana/grafana-foundation-sdk/heatmap';
import { PanelBuilder as LogsPanel } from '@grafana/grafana-foundation-sdk/logs';
import { DataqueryBuilder as PrometheusQueryBuilder, PromQueryFormat } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as StatPanel } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as StateTimelinePanel } from '@grafana/grafana-foundation-sdk/statetimeline';
import { PanelBuilder as TablePanel } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as TextPanel, TextMode } from '@grafana/grafana-foundation-sdk/text';
import { PanelBuilder as TimeseriesPanel } from '@grafana/grafana-foundation-sdk/timeseries';
import type { DashboardSpec, PanelSpec, PanelType } from './dashboard-spec.js';
import { datasourceRef } from './datasources.js';
import { InfluxqlQueryBuilder } from './influxql-query.js';
import { layoutRows } from './layout.js';
import { variables } from './variables.js';

/** What every panel builder of the SDK has (each panel type is its own class). */
interface CommonPanelBuilder extends cog.Builder<Panel> {
  id(id: number): this;
  title(title: string): this;
  description(description: string): this;
  datasource(datasource: DataSourceRef): this;
  gridPos(gridPos: GridPos): this;
  withTarget(target: cog.Builder<cog.Dataquery>): this;
  unit(unit: string): this;
  mappings(mappings: ValueMapping[]): this;
  thresholds(thresholds: cog.Builder<ThresholdsConfig>): this;
}

/** Panels showing one value per series read the last point, from an instant query. */
const SINGLE_VALUE: ReadonlySet<PanelType> = new Set(['stat', 'gauge', 'bargauge', 'table']);

function lastValue(): ReduceDataOptionsBuilder {
  return new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false);
}

function panelOfType(p: PanelSpec): CommonPanelBuilder {
  switch (p.type) {
    case 'timeseries':
      return new TimeseriesPanel().legend(new VizLegendOptionsBuilder().showLegend(true).displayMode(LegendDisplayMode.List).placement(LegendPlacement.Bottom));
    case 'stat':
      return new StatPanel().reduceOptions(lastValue()).colorMode(p.mappings ? BigValueColorMode.Background : BigValueColorMode.Value).graphMode(p.mappings ? BigValueGraphMode.None : BigValueGraphMode.Area);
    case 'gauge':
      return new GaugePanel().reduceOptions(lastValue());
    case 'bargauge':
      return new BarGaugePanel().reduceOptions(lastValue());
    case 'table':
      return new TablePanel();
    case 'text':
      return new TextPanel().mode(TextMode.Markdown).content(p.expr);
    case 'heatmap':
      return new HeatmapPanel();
    case 'logs':
      return new LogsPanel();
    case 'state-timeline':
      return new StateTimelinePanel().legend(new VizLegendOptionsBuilder().showLegend(true).displayMode(LegendDisplayMode.List).placement(LegendPlacement.Bottom));
  }
}

function target(p: PanelSpec): cog.Builder<cog.Dataquery> | null {
  if (p.type === 'text' || p.datasource === null) return null;
  const ds = datasourceRef(p.datasource);
  switch (p.datasource) {
    case 'prometheus': {
      const q = new PrometheusQueryBuilder().refId('A').datasource(ds).expr(p.expr);
      if (p.legend) q.legendFormat(p.legend);
      if (SINGLE_VALUE.has(p.type)) q.instant();
      else q.range();
      if (p.type === 'table') q.format(PromQueryFormat.Table);
      return q;
    }
    case 'influxdb': {
      const q = new InfluxqlQueryBuilder(p.expr).datasource(ds).resultFormat(p.type === 'table' ? 'table' : p.type === 'logs' ? 'logs' : 'time_series');
      if (p.legend) q.alias(p.legend);
      return q;
    }
    case 'elasticsearch': {
      // The log collector's records (Lucene query); logs panels list them, others count them over time.
      const q = new ElasticsearchQueryBuilder().refId('A').datasource(ds).query(p.expr).timeField('@timestamp');
      if (p.type === 'logs') q.metrics([new LogsBuilder().id('1')]);
      else q.metrics([new CountBuilder().id('1')]).bucketAggs([new DateHistogramBuilder().id('2').field('@timestamp').settings({ interval: 'auto' })]);
      if (p.legend) q.alias(p.legend);
      return q;
    }
  }
}

function panel(p: PanelSpec, id: number, gridPos: GridPos): CommonPanelBuilder {
  const b = panelOfType(p).id(id).title(p.title).gridPos(gridPos);
  if (p.description) b.description(p.description);
  if (p.unit) b.unit(p.unit);
  if (p.mappings) b.mappings(p.mappings);
  if (p.thresholds) b.thresholds(new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps(p.thresholds.map(([color, value], i) => ({ color, value: i === 0 ? null : value }))));
  const t = target(p);
  if (t && p.datasource) b.datasource(datasourceRef(p.datasource)).withTarget(t);
  return b;
}

/** The dashboard as plain JSON data (the SDK's objects carry marker functions; JSON drops them). */
export function buildDashboard(spec: DashboardSpec): Dashboard {
  const d = new DashboardBuilder(spec.title)
    .id(null)
    .uid(spec.uid)
    .tags(spec.tags)
    .readonly()
    .timezone('browser')
    .time({ from: spec.timeFrom, to: 'now' });
  if (spec.description) d.description(spec.description);
  if (spec.refresh) d.refresh(spec.refresh);
  if (spec.variables) d.variables(variables(spec.variables));
  const placed = layoutRows(spec.rows);
  spec.rows.forEach((r, i) => {
    const at = placed[i];
    const row = new RowBuilder(r.title).id(at.row.id).gridPos(at.row.gridPos).collapsed(r.collapsed);
    const panels = r.panels.map((p, j) => panel(p, at.panels[j].id, at.panels[j].gridPos));
    // A collapsed row holds its panels; an open row is followed by them at the top level (Grafana's JSON model).
    if (r.collapsed) for (const p of panels) row.withPanel(p);
    d.withRow(row);
    if (!r.collapsed) for (const p of panels) d.withPanel(p);
  });
  return JSON.parse(JSON.stringify(d.build())) as Dashboard;
}
