/**
 * Lint of what a trigger's metric really selects and where a catalogue metric
 * really comes from (the model library's rules, docs/validation.md):
 * - LMAC229: a rule reads a metric that several of the node's inputs (or logs)
 *   of different services emit, without a `field` that tells them apart, so
 *   one alarm pools every service's series (an API check that fires when any
 *   endpoint of the domain fails).
 * - LMAC230: a derived metric's expression reads a metric the node neither
 *   declares nor produces: the recording rule gives nothing, and every alarm
 *   on it sees no data.
 * - LMAC231: a declared metric of a `prometheus` input that limits what it keeps
 *   (`fieldinclude`, or `fieldpass` as older Telegraf calls it) is not among the
 *   kept names, so Telegraf drops it.
 */
import type { Diagnostic } from '../diagnostics/index.js';
import { Codes, error, warning } from '../diagnostics/index.js';
import { inputMetrics, producedMetrics, LOG_SOURCE, type NodeProduction } from '../collectors/catalogue.js';
import { telegrafGlob } from '../collectors/telegraf-plugins.js';
import type { ClusterModel } from '../model/cluster-model.js';
import type { Input, Lma, Rule } from '../model/lma-types.js';
import { locateValue, type MergeTrace, type ValuePath } from './locate.js';
import { GLOBAL_LABELS } from './lint-node.js';

/** PromQL words that are not metric names. */
const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'and', 'or', 'unless', 'offset', 'inf', 'nan', 'atan2', 'start', 'end']);

/**
 * The metric names a PromQL expression reads: identifiers that are not
 * functions, aggregations, keywords, label names (inside `{}` and grouping
 * lists), durations or strings.
 */
export function metricNamesOf(expr: string): string[] {
  const s = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const out = new Set<string>();
  for (const m of s.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    const name = m[0];
    const before = s[(m.index ?? 0) - 1] ?? '';
    if (/[0-9.]/.test(before)) continue; // the unit of a number or duration (1e3, 5m)
    const after = s.slice((m.index ?? 0) + name.length);
    if (/^\s*\(/.test(after) || KEYWORDS.has(name.toLowerCase())) continue;
    out.add(name);
  }
  return [...out];
}

/**
 * Adds, per metric name, the services whose enabled inputs of `scope` emit it
 * (a declared metric of an input counts for that input: open plugins such as
 * prometheus emit what the model declares).
 */
function addServicesByMetric(lma: Lma, scope: Input['scope'], into: Map<string, Set<string>>): void {
  const add = (metric: string, service: string): void => {
    const s = into.get(metric) ?? new Set<string>();
    s.add(service);
    into.set(metric, s);
  };
  for (const [name, input] of Object.entries(lma.inputs)) {
    if (!input.enabled || input.scope !== scope) continue;
    for (const metric of inputMetrics(input)?.names ?? []) add(metric, input.service || name);
    for (const [metric, m] of Object.entries(lma.metrics)) if (m.source === name) add(metric, input.service || name);
  }
}

/** Whether a rule's field or group_by tells producers apart: `service`, or a tag of the input (not a global label). */
function tellsApart(rule: Pick<Rule, 'field' | 'group_by'>): boolean {
  return [...Object.keys(rule.field), ...rule.group_by].some((k) => k === 'service' || !GLOBAL_LABELS.includes(k));
}

export function lintSelection(lma: Lma, trace: MergeTrace, production: NodeProduction = producedMetrics(lma)): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (code: string, message: string, path: ValuePath, severity: 'error' | 'warning'): void => {
    const { location, related } = locateValue(trace, path);
    const d = severity === 'error' ? error(code, message, location, related) : { ...warning(code, message, location), ...(related.length > 0 ? { related } : {}) };
    d.node = trace.name;
    out.push(d);
  };
  // Names of inputs collectd runs on a legacy node count as known: LMAC302 reports the alarms that miss them.
  const known = new Set([...Object.keys(lma.metrics), ...production.metrics.keys(), ...production.withheld.keys()]);

  // Node-scoped inputs only: the remote collector's are checked across the domain (lintRemoteSelection).
  const services = new Map<string, Set<string>>();
  addServicesByMetric(lma, 'node', services);
  const logServices = new Set(Object.values(lma.logs).filter((l) => l.enabled).map((l) => l.service));
  const isLog = (source: string): boolean => Object.hasOwn(lma.logs, source) && !Object.hasOwn(lma.inputs, source);
  const fromLogs = (metric: string): boolean => {
    if (production.metrics.get(metric)?.source === LOG_SOURCE) return true;
    const declared = Object.hasOwn(lma.metrics, metric) ? lma.metrics[metric] : undefined;
    if (!declared) return false;
    if (declared.source !== '') return isLog(declared.source);
    // A derived metric that selects a service in its own expression is not ambiguous.
    if (/\bservice\s*=~?\s*["']/.test(declared.derived)) return false;
    return metricNamesOf(declared.derived).some((n) => production.metrics.get(n)?.source === LOG_SOURCE || (Object.hasOwn(lma.metrics, n) && isLog(lma.metrics[n].source)));
  };

  for (const [name, trigger] of Object.entries(lma.triggers)) {
    if (!trigger.enabled) continue;
    trigger.rules.forEach((rule, i) => {
      if (fromLogs(rule.metric)) {
        if (logServices.size > 1 && !Object.hasOwn(rule.field, 'service') && !rule.group_by.includes('service')) {
          report(Codes.METRIC_SELECTION_AMBIGUOUS, `trigger ${name} reads ${rule.metric}, produced from the logs of ${logServices.size} services (${[...logServices].sort().join(', ')}), without a field service: it counts every service's log records`, ['lma', 'triggers', name, 'rules', i, 'metric'], 'warning');
        }
        return;
      }
      const svcs = services.get(rule.metric);
      if (svcs && svcs.size > 1 && !tellsApart(rule)) {
        report(Codes.METRIC_SELECTION_AMBIGUOUS, `trigger ${name} reads ${rule.metric}, emitted by inputs of ${svcs.size} services (${[...svcs].sort().join(', ')}), without a field telling them apart (service, or a tag the input sets): it pools all their series`, ['lma', 'triggers', name, 'rules', i, 'metric'], 'warning');
      }
    });
  }

  for (const [name, m] of Object.entries(lma.metrics)) {
    if (m.derived !== '') {
      const missing = metricNamesOf(m.derived).filter((n) => !known.has(n));
      if (missing.length > 0) {
        report(Codes.DERIVED_METRIC_UNKNOWN, `derived metric ${name} reads ${missing.join(', ')}, which the node neither declares in lma:metrics nor produces with an input or log: the recording rule gives no series`, ['lma', 'metrics', name, 'derived'], 'error');
      }
      continue;
    }
    const input = m.source && Object.hasOwn(lma.inputs, m.source) ? lma.inputs[m.source] : undefined;
    if (!input || input.plugin !== 'prometheus') continue;
    const options = input.options as Record<string, unknown>;
    const key = Array.isArray(options.fieldinclude) ? 'fieldinclude' : Array.isArray(options.fieldpass) ? 'fieldpass' : '';
    if (!key) continue;
    const globs = (options[key] as unknown[]).filter((g): g is string => typeof g === 'string');
    // A histogram or summary is scraped as <base>_bucket/_sum/_count and named so in lma:metrics.
    if (!globs.some((g) => telegrafGlob(g).test(name))) {
      report(Codes.SCRAPED_METRIC_NOT_INCLUDED, `metric ${name}: input ${m.source} keeps only ${key} ${globs.join(', ')}, so Telegraf drops ${name}; add it (or a glob) to ${key}`, ['lma', 'metrics', name, 'source'], 'error');
    }
  }
  return out;
}

/**
 * LMAC229 across the domain for remote alarms: the remote collector runs the
 * remote inputs of every node, so a remote alarm's rule selects among all of
 * them, not only among its own node's.
 */
export function lintRemoteSelection(model: ClusterModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const services = new Map<string, Set<string>>();
  for (const n of model.nodes) if (n.lma) addServicesByMetric(n.lma, 'remote', services);
  const seen = new Set<string>();
  for (const n of model.nodes) {
    const lma = n.lma;
    if (!lma) continue;
    for (const alarm of Object.values(lma.alarms)) {
      if (!alarm.enabled || alarm.scope !== 'remote') continue;
      for (const t of alarm.triggers) {
        const trigger = Object.hasOwn(lma.triggers, t) ? lma.triggers[t] : undefined;
        if (!trigger?.enabled || seen.has(t)) continue;
        seen.add(t);
        trigger.rules.forEach((rule, i) => {
          const svcs = services.get(rule.metric);
          if (svcs && svcs.size > 1 && !tellsApart(rule)) {
            const { location, related } = locateValue(n, ['lma', 'triggers', t, 'rules', i, 'metric']);
            const d = warning(Codes.METRIC_SELECTION_AMBIGUOUS, `trigger ${t} of a remote alarm reads ${rule.metric}, which the remote collector gets from inputs of ${svcs.size} services (${[...svcs].sort().join(', ')}), without a field telling them apart (service, or a tag the input sets): it pools all their series`, location);
            out.push(related.length > 0 ? { ...d, related } : d);
          }
        });
      }
    }
  }
  return out;
}
