/**
 * Semantic lint of one node's validated `lma`: what the schema cannot say.
 * Alarms name triggers that exist and are enabled; every trigger rule reads a
 * metric this node produces (the metrics catalogue: an enabled input or log of
 * the node, or a derived metric), with labels that metric has; a metric of a
 * Telegraf input has a name that input's plugin emits; field
 * expressions parse; functions can be evaluated by the alarm backend.
 */
import type { Diagnostic } from '../diagnostics/index.js';
import { Codes, error, warning } from '../diagnostics/index.js';
import { inputMetrics, producedMetrics, type NodeProduction } from '../collectors/catalogue.js';
import { EXPORTERS, exporterSpec } from '../collectors/exporters/index.js';
import { luaPatternToRegex } from '../alarms/lua-pattern.js';
import { emits } from '../collectors/telegraf-plugins.js';
import { logMetricsOf } from '../collectors/log-metrics.js';
import { parseFieldExpression } from '../model/field-expression.js';
import type { Lma } from '../model/lma-types.js';
import { locateValue, type MergeTrace, type ValuePath } from './locate.js';
import { didYouMean } from './suggest.js';

/** Labels every collected metric carries, whatever its catalogue entry says (collectors add them). */
export const GLOBAL_LABELS: readonly string[] = ['hostname', 'environment', 'region', 'availability_zone', 'roles', 'service'];

/** Functions Prometheus (the backend alarms compile to) cannot evaluate, and why. */
const PROMETHEUS_UNSUPPORTED: Record<string, string> = {
  roc: "roc is Heka's rate-of-change anomaly detector over historical windows and has no PromQL equivalent",
};

export function lintNode(lma: Lma, trace: MergeTrace, production: NodeProduction = producedMetrics(lma)): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (code: string, message: string, path: ValuePath, severity: 'error' | 'warning' = 'error'): void => {
    const { location, related } = locateValue(trace, path);
    const d = severity === 'error' ? error(code, message, location, related) : { ...warning(code, message, location), ...(related.length > 0 ? { related } : {}) };
    d.node = trace.name;
    out.push(d);
  };

  // Alarms -> triggers.
  for (const [name, alarm] of Object.entries(lma.alarms)) {
    if (!alarm.enabled) continue;
    let known = 0;
    let enabled = 0;
    alarm.triggers.forEach((t, i) => {
      const trigger = Object.hasOwn(lma.triggers, t) ? lma.triggers[t] : undefined;
      if (!trigger) {
        report(Codes.ALARM_UNKNOWN_TRIGGER, `alarm ${name} names trigger '${t}', which is not defined on the node${didYouMean(t, Object.keys(lma.triggers))}`, ['lma', 'alarms', name, 'triggers', i]);
        return;
      }
      known++;
      if (trigger.enabled) enabled++;
    });
    if (known > 0 && known === alarm.triggers.length && enabled === 0) {
      report(Codes.ALARM_TRIGGERS_DISABLED, `every trigger of alarm ${name} is disabled, so it can never fire; disable the alarm (enabled: false) or enable a trigger`, ['lma', 'alarms', name, 'triggers']);
    }
  }

  // An input's exporter: a known one, on a prometheus input that keeps the scraped names.
  for (const [name, input] of Object.entries(lma.inputs)) {
    if (input.exporter === '') continue;
    const path = ['lma', 'inputs', name, 'exporter'];
    if (input.plugin !== 'prometheus') {
      report(Codes.EXPORTER_INVALID, `input ${name} names exporter '${input.exporter}', but only a prometheus input scrapes an exporter (its plugin is ${input.plugin})`, path);
    } else if (!exporterSpec(input.exporter)) {
      const known = Object.keys(EXPORTERS).sort();
      report(Codes.EXPORTER_INVALID, `input ${name} names exporter '${input.exporter}', which lmac's exporter catalogue does not know${didYouMean(input.exporter, known) || `; it knows ${known.join(', ')}`} (leave exporter empty to take the declared names as they are)`, path);
    } else if ((input.options as Record<string, unknown>).metric_version !== 2) {
      report(Codes.EXPORTER_INVALID, `input ${name} scrapes exporter ${input.exporter} without options.metric_version: 2, so Telegraf renames what it scrapes (<name>_counter, <name>_gauge, ...) and the exporter's names do not hold; set metric_version: 2`, path);
    }
  }

  // The metrics catalogue: each collected metric comes from an enabled input or log of the node.
  const sources = new Map<string, boolean>();
  for (const [n, i] of Object.entries(lma.inputs)) sources.set(n, i.enabled);
  for (const [n, l] of Object.entries(lma.logs)) sources.set(n, (sources.get(n) ?? false) || l.enabled);
  for (const [name, m] of Object.entries(lma.metrics)) {
    const path = ['lma', 'metrics', name];
    if (m.source !== '' && m.derived !== '') report(Codes.METRIC_SOURCE_INVALID, `metric ${name} has both a source and a derived expression; a metric is either collected or derived`, path);
    else if (m.source === '' && m.derived === '') report(Codes.METRIC_SOURCE_INVALID, `metric ${name} has neither a source (the input or log producing it) nor a derived expression`, path);
    else if (m.source !== '' && !sources.has(m.source)) {
      report(Codes.METRIC_SOURCE_INVALID, `metric ${name} names source '${m.source}', which is neither an input nor a log of the node${didYouMean(m.source, sources.keys())}`, [...path, 'source']);
    } else if (m.source !== '' && Object.hasOwn(lma.inputs, m.source) && !(Object.hasOwn(lma.logs, m.source) && logMetricsOf([lma.logs[m.source]]).has(name))) {
      // A source that is also a log: a name its log produces is the log's, any other the input's.
      const input = lma.inputs[m.source];
      // Unfiltered: a name the input's fieldinclude drops is LMAC231's.
      const emitted = inputMetrics(input, true);
      if (emitted && !emits(emitted, name)) {
        const hint = didYouMean(name, emitted.names) || (emitted.families.length > 0 ? `; besides the names its README lists, it emits only ${emitted.families.map((f) => `${f}*`).join(', ')}` : '');
        const exporter = input.plugin === 'prometheus' ? exporterSpec(input.exporter) : undefined;
        const what = exporter ? `exporter ${input.exporter}, ${exporter.version}` : `plugin ${input.plugin}`;
        // An exporter's list may lack a name some version or feature exposes: a warning.
        const list = exporter ? `; lmac's list of ${input.exporter} follows ${exporter.source}` : '';
        report(Codes.METRIC_NOT_EMITTED, `metric ${name}: input ${m.source} (${what}) emits no such metric${hint}${list}`, path, exporter ? 'warning' : 'error');
      }
    }
  }

  // Trigger rules -> metrics, labels, field expressions, functions. The catalogue is what the
  // model declares plus what the node's collectors produce (src/collectors/catalogue.ts).
  const catalogue = [...new Set([...Object.keys(lma.metrics), ...production.metrics.keys()])];
  // On a legacy node: what Telegraf would emit for the inputs collectd runs instead (a catalogue name, not produced here).
  const telegrafOnly = production.withheld;
  const prometheus = lma.backends.prometheus.enabled;
  for (const [name, trigger] of Object.entries(lma.triggers)) {
    if (!trigger.enabled) continue;
    trigger.rules.forEach((rule, i) => {
      const at = ['lma', 'triggers', name, 'rules', i];
      const declared = Object.hasOwn(lma.metrics, rule.metric) ? lma.metrics[rule.metric] : undefined;
      const produced = production.metrics.get(rule.metric);
      if (!declared && !produced && telegrafOnly.has(rule.metric)) {
        report(Codes.METRIC_NOT_COLLECTED, `trigger ${name} reads metric '${rule.metric}', which collectd (this node's legacy_collector) does not produce from input ${telegrafOnly.get(rule.metric)}: the alarm sees no data on this node (docs/collectors.md lists what collectd provides)`, [...at, 'metric'], 'warning');
      } else if (!declared && !produced) {
        report(Codes.METRIC_NOT_PRODUCED, `trigger ${name} reads metric '${rule.metric}', which is neither in the node's metrics catalogue (lma:metrics) nor emitted by one of its inputs${didYouMean(rule.metric, catalogue)}`, [...at, 'metric']);
      } else if (declared && declared.source !== '' && sources.get(declared.source) === false) {
        report(Codes.METRIC_NOT_PRODUCED, `trigger ${name} reads metric '${rule.metric}', but its source '${declared.source}' is disabled on the node`, [...at, 'metric']);
      } else if (declared && production.collectd.has(declared.source) && !produced) {
        report(Codes.METRIC_NOT_COLLECTED, `trigger ${name} reads metric '${rule.metric}', which collectd (this node's legacy_collector) does not produce from input ${declared.source}: the alarm sees no data on this node (docs/collectors.md lists what collectd provides)`, [...at, 'metric'], 'warning');
      }
      if (declared || produced) {
        const labels = [...new Set([...(declared?.labels ?? []), ...(produced?.labels ?? []), ...GLOBAL_LABELS])];
        for (const label of Object.keys(rule.field)) {
          if (!labels.includes(label)) report(Codes.METRIC_LABEL_UNKNOWN, `trigger ${name} matches field '${label}', which metric ${rule.metric} does not have (labels: ${labels.join(', ')})${didYouMean(label, labels)}`, [...at, 'field', label]);
        }
        rule.group_by.forEach((label, j) => {
          if (!labels.includes(label)) report(Codes.METRIC_LABEL_UNKNOWN, `trigger ${name} groups by '${label}', which metric ${rule.metric} does not have (labels: ${labels.join(', ')})${didYouMean(label, labels)}`, [...at, 'group_by', j]);
        });
        const values = declared?.values ?? [];
        if (rule.value !== '' && !values.includes(rule.value)) {
          const has = values.length > 0 ? `its values are ${values.join(', ')}` : 'it has a single value';
          report(Codes.METRIC_LABEL_UNKNOWN, `trigger ${name} reads value '${rule.value}' of metric ${rule.metric}, but ${has}${didYouMean(rule.value, values)}`, [...at, 'value']);
        }
      }
      for (const [label, expr] of Object.entries(rule.field)) {
        const parsed = parseFieldExpression(expr);
        if (!parsed.ok) {
          report(Codes.FIELD_EXPRESSION_INVALID, `trigger ${name}: field ${label}: ${parsed.message}`, [...at, 'field', label]);
          continue;
        }
        for (const t of parsed.expr.flat()) {
          if (t.op === '=~' || t.op === '!~') {
            // StackLight never matched a malformed pattern, silently; here it is an error.
            const r = luaPatternToRegex(t.value);
            if (!r.ok) report(Codes.FIELD_EXPRESSION_INVALID, `trigger ${name}: field ${label}: ${r.message}`, [...at, 'field', label]);
          } else if (prometheus && ['>', '>=', '<', '<='].includes(t.op) && !(Number.isInteger(Number(t.value)) && Number(t.value) >= 0)) {
            report(Codes.FUNCTION_UNSUPPORTED, `trigger ${name}: field ${label}: '${t.op} ${t.value}' cannot be evaluated by the prometheus backend: labels compare as text, so lmac turns numeric comparisons into regular expressions over non-negative integers only`, [...at, 'field', label]);
          }
        }
      }
      const why = PROMETHEUS_UNSUPPORTED[rule.function];
      if (prometheus && why) report(Codes.FUNCTION_UNSUPPORTED, `trigger ${name} uses function ${rule.function}, which the prometheus backend cannot evaluate: ${why}`, [...at, 'function']);
    });
  }
  return out;
}
