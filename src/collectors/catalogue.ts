/**
 * The metrics a node's collectors really produce, by name: what its enabled
 * inputs emit (Telegraf's documented names, src/collectors/telegraf-plugins.ts;
 * on a legacy node, what collectd's series are translated into,
 * src/collectors/collectd-metrics.ts) and what its logs produce
 * (src/collectors/log-metrics.ts).
 *
 * A `prometheus` input that names its `exporter` emits what the exporter
 * catalogue lists for it (src/collectors/exporters/), less what its
 * fieldinclude / fieldexclude drop.
 *
 * This is the catalogue's other half: `lma.metrics` declares the metrics the
 * model describes (type, unit, description) and derived ones; every name an
 * input emits is in the catalogue without being written out, with the labels
 * the plugin documents, so an alarm or a dashboard may read any of them and
 * is still checked.
 */
import type { Input, Lma } from '../model/lma-types.js';
import { collectdMetricsOf } from './collectd-metrics.js';
import { exporterSpec, seriesOf } from './exporters/index.js';
import { logMetricsOf } from './log-metrics.js';
import { measurementName, metricsOf, prometheusName, telegrafGlob, type PluginMetrics } from './telegraf-plugins.js';

export interface ProducedMetric {
  /** The input producing it, or `logs` for log-derived metrics. */
  source: string;
  /** Its labels besides the global ones. */
  labels: readonly string[];
}

export interface NodeProduction {
  metrics: ReadonlyMap<string, ProducedMetric>;
  /** Telegraf inputs by name with what their plugin emits (null: a plugin lmac has no data for). */
  telegraf: ReadonlyMap<string, PluginMetrics | null>;
  /** Inputs collectd runs on this (legacy) node. */
  collectd: ReadonlySet<string>;
  /** Names Telegraf would emit for the inputs collectd runs, but collectd does not produce (metric -> input). */
  withheld: ReadonlyMap<string, string>;
}

/** The source name of log-derived metrics in ProducedMetric. */
export const LOG_SOURCE = 'logs';

/** Whether collectd, not Telegraf, runs the node's node-scoped inputs. */
export function isLegacyNode(lma: Pick<Lma, 'roles'>): boolean {
  return lma.roles.metric_collector && lma.roles.legacy_collector;
}

/** The string globs of a Telegraf filter option, or null when it is not set. */
function globsOf(options: Readonly<Record<string, unknown>>, ...keys: string[]): RegExp[] | null {
  for (const key of keys) {
    const v = options[key];
    if (Array.isArray(v)) return v.filter((g): g is string => typeof g === 'string').map(telegrafGlob);
  }
  return null;
}

/**
 * What an input emits: for a `prometheus` input naming a known exporter, the
 * exporter's series (those its fieldinclude / fieldpass and fieldexclude /
 * fielddrop keep, unless `unfiltered`: the scraped name is the field's);
 * otherwise what its plugin emits (metricsOf; null: a plugin lmac has no data
 * for).
 */
export function inputMetrics(input: Pick<Input, 'plugin' | 'options' | 'exporter'>, unfiltered = false): PluginMetrics | null {
  // Nodes of one role share their inputs: work each distinct one out once (the result is read-only).
  const key = JSON.stringify([input.plugin, input.exporter, unfiltered, input.options]);
  const seen = INPUT_METRICS.get(key);
  if (seen !== undefined) return seen;
  const m = computeInputMetrics(input, unfiltered);
  INPUT_METRICS.set(key, m);
  return m;
}

const INPUT_METRICS = new Map<string, PluginMetrics | null>();

function computeInputMetrics(input: Pick<Input, 'plugin' | 'options' | 'exporter'>, unfiltered: boolean): PluginMetrics | null {
  const options = input.options as Record<string, unknown>;
  const spec = input.plugin === 'prometheus' && input.exporter !== '' ? exporterSpec(input.exporter) : undefined;
  if (!spec) return metricsOf(input.plugin, options);
  const include = unfiltered ? null : globsOf(options, 'fieldinclude', 'fieldpass');
  const exclude = unfiltered ? [] : (globsOf(options, 'fieldexclude', 'fielddrop') ?? []);
  const measurement = measurementName(options, 'prometheus');
  const names = new Set<string>();
  const labels = new Map<string, readonly string[]>();
  for (const family of spec.families) {
    for (const [series, l] of seriesOf(family)) {
      if (include && !include.some((g) => g.test(series))) continue;
      if (exclude.some((g) => g.test(series))) continue;
      const name = prometheusName(measurement, series);
      names.add(name);
      labels.set(name, [...l, 'url']);
    }
  }
  return { names, labels, open: false, families: [] };
}

/**
 * What a node's collectors produce depends on its inputs, logs and roles only:
 * nodes of one role share them, so each distinct set is worked out once (the
 * result is read-only).
 */
export function producedMetrics(lma: Lma): NodeProduction {
  const key = JSON.stringify([lma.inputs, lma.logs, lma.roles]);
  const seen = PRODUCTIONS.get(key);
  if (seen) return seen;
  const p = computeProduction(lma);
  PRODUCTIONS.set(key, p);
  return p;
}

const PRODUCTIONS = new Map<string, NodeProduction>();

function computeProduction(lma: Pick<Lma, 'inputs' | 'logs' | 'roles'>): NodeProduction {
  const metrics = new Map<string, ProducedMetric>();
  const telegraf = new Map<string, PluginMetrics | null>();
  const collectd = new Set<string>();
  const add = (name: string, source: string, labels: readonly string[]): void => {
    // Two inputs emitting one name (two cpu inputs) share it: labels are the union.
    const seen = metrics.get(name);
    metrics.set(name, seen ? { source: seen.source, labels: [...new Set([...seen.labels, ...labels])] } : { source, labels });
  };
  const legacy = isLegacyNode(lma);
  for (const name of Object.keys(lma.inputs).sort()) {
    const input = lma.inputs[name];
    if (!input.enabled) continue;
    const options = input.options as Record<string, unknown>;
    if (legacy && input.scope === 'node') {
      collectd.add(name);
      const c = collectdMetricsOf(input.plugin, name, options);
      for (const [metric, labels] of c?.labels ?? []) add(metric, name, labels);
      continue;
    }
    const t = inputMetrics(input);
    telegraf.set(name, t);
    for (const metric of t?.names ?? []) add(metric, name, t?.labels.get(metric) ?? []);
  }
  const logs = Object.values(lma.logs).filter((l) => l.enabled);
  if (lma.roles.log_collector) for (const [metric, labels] of logMetricsOf(logs)) add(metric, LOG_SOURCE, labels);
  const withheld = new Map<string, string>();
  for (const name of collectd) {
    const input = lma.inputs[name];
    for (const metric of inputMetrics(input)?.names ?? []) if (!metrics.has(metric)) withheld.set(metric, name);
  }
  return { metrics, telegraf, collectd, withheld };
}
