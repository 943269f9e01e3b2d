/**
 * Where an alarm becomes a rule: each AFD alarm compiled to Prometheus
 * recording rules with StackLight's semantics (docs/alarms.md), in one rule
 * group per alarm definition so each level sees the one before it in the
 * same evaluation:
 *
 *   lma_afd_rule_result{alarm, trigger, rule}  1 match, 0 no match, -1 no data
 *   lma_afd_trigger_status{alarm, trigger}     the trigger's status code, or
 *                                              nothing (no_data_policy skip)
 *   lma_afd_status{alarm, environment, service, <dimension>}
 *                                              the alarm's status code
 *
 * Node alarms carry `hostname`; a node that never sent the metric still gets
 * a status (no data), because the domain's nodes are known: `lma_node`.
 */
import type { AlarmGroup, ResolvedAlarm, ResolvedRule, ResolvedTrigger } from '../../src/alarms/resolve.js';
import { STATUS_CODE } from '../../src/alarms/status.js';
import { parseFieldExpression } from '../../src/model/field-expression.js';
import { duration, fieldMatchers, matcherText, num, reEscape, selector, str, type Matcher } from './promql.js';

export interface RecordingRule {
  record: string;
  expr: string;
  labels?: Record<string, string>;
}

export interface AlertingRule {
  alert: string;
  expr: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface RuleGroup {
  name: string;
  rules: (RecordingRule | AlertingRule)[];
}

export interface AfdOptions {
  environment: string;
  /** Seconds between samples (the scrape interval): the resolution of `diff`. */
  step: number;
}

/** How far back a group counts as having existed: older than this, it is gone, not missing. */
export const SEEN_LOOKBACK = 3600;

/** A selector's alternatives are a union; more than this is a model to simplify. */
const MAX_SELECTORS = 32;

export class RuleCompileError extends Error {}

function hostsMatcher(hosts: readonly string[]): Matcher {
  return hosts.length === 1 ? { label: 'hostname', op: '=', value: hosts[0] } : { label: 'hostname', op: '=~', value: hosts.map(reEscape).join('|') };
}

function paren(parts: string[]): string {
  return parts.length === 1 ? parts[0] : `(${parts.join(' or ')})`;
}

/** The selectors of a rule's metric: one per combination of its field alternatives. */
export function ruleSelectors(rule: ResolvedRule, base: Matcher[]): string[] {
  const metric = rule.value ? `${rule.metric}_${rule.value}` : rule.metric;
  let combos: Matcher[][] = [[]];
  for (const label of Object.keys(rule.field).sort()) {
    const parsed = parseFieldExpression(rule.field[label]);
    if (!parsed.ok) throw new RuleCompileError(parsed.message);
    const fm = fieldMatchers(label, parsed.expr);
    if (!fm.ok) throw new RuleCompileError(fm.message);
    combos = combos.flatMap((c) => fm.alternatives.map((a) => [...c, ...a]));
    if (combos.length > MAX_SELECTORS) throw new RuleCompileError(`the field expressions of ${rule.metric} expand to more than ${MAX_SELECTORS} selectors`);
  }
  return combos.map((ms) => selector(metric, [...base, ...ms]));
}

/** One rule's result per host (node alarms) or for the domain (remote): 1, 0 or -1. */
export function ruleResultExpr(rule: ResolvedRule, alarm: ResolvedAlarm, hosts: readonly string[], opts: AfdOptions): string {
  const node = alarm.scope === 'node';
  const base: Matcher[] = [{ label: 'environment', op: '=', value: opts.environment }];
  if (node) base.push(hostsMatcher(hosts));
  const sels = ruleSelectors(rule, base);
  const range = rule.window * rule.periods;
  const over = (fn: string, seconds = range): string => paren(sels.map((s) => `${fn}(${s}[${duration(seconds)}])`));
  const keys = [...new Set([...(node ? ['hostname'] : []), ...rule.group_by])];
  const by = `by (${keys.join(', ')})`;
  const cmp = `${rule.relational_operator} ${num(rule.threshold)}`;
  let match: string;
  switch (rule.function) {
    // Exact over the pooled samples of each group.
    case 'avg':
      match = `sum ${by} (${over('sum_over_time')}) / sum ${by} (${over('count_over_time')}) ${cmp}`;
      break;
    case 'max':
    case 'min':
    case 'sum':
      match = `${rule.function} ${by} (${over(`${rule.function}_over_time`)}) ${cmp}`;
      break;
    // Per series; a group matches when one of its series does.
    case 'last':
      match = `count ${by} (${over('last_over_time')} ${cmp})`;
      break;
    case 'variance':
      match = `count ${by} (${over('stdvar_over_time')} ${cmp})`;
      break;
    case 'sd':
      match = `count ${by} (${over('stddev_over_time')} ${cmp})`;
      break;
    case 'diff': {
      // last - first in the range; the first sample is the newest one step after the range starts.
      const diffs = sels.map((s) => (range > opts.step ? `last_over_time(${s}[${duration(range)}]) - last_over_time(${s}[${duration(opts.step)}] offset ${duration(range - opts.step)})` : `0 * last_over_time(${s}[${duration(range)}])`));
      match = `count ${by} (${paren(diffs.map((d) => `(${d})`))} ${cmp})`;
      break;
    }
    case 'roc':
      throw new RuleCompileError('roc has no PromQL equivalent');
  }
  const perHost = node ? 'group by (hostname)' : 'group';
  const data = `group ${by} (${over('present_over_time')})`;
  const seen = `group ${by} (${over('present_over_time', Math.max(SEEN_LOOKBACK, 2 * range))})`;
  const everyone = node ? selector('lma_node', [{ label: 'environment', op: '=', value: opts.environment }, hostsMatcher(hosts)]) : 'vector(1)';
  // `or` keeps the left side: a stale group wins over a match, a match over no match, data over none.
  return [`-1 * ${perHost} (${seen} unless ${data})`, `${perHost} (${match})`, `0 * ${perHost} (${data})`, `-1 * ${perHost} (${everyone})`].join('\nor ');
}

/** A trigger's status from its rules' results, with the semantics of `or`/`and` and no_data_policy. */
export function triggerStatusExpr(t: ResolvedTrigger, results: string, perHost: string): string {
  const n = t.rules.length;
  const sum = perHost ? `sum ${perHost}` : 'sum';
  const matches = `${sum} (${results} == bool 1)`;
  const nodata = `${sum} (${results} == bool -1)`;
  const s = STATUS_CODE[t.severity];
  const okay = `${matches} * 0`;
  if (t.no_data_policy === 'skip') {
    const fired = t.logical_operator === 'or' ? `(${matches} > 0)` : `((${matches} == ${n}) unless (${nodata} > 0))`;
    return `${fired} * 0 + ${s}\nor (${okay} unless (${nodata} > 0))`;
  }
  const p = STATUS_CODE[t.no_data_policy];
  return t.logical_operator === 'or'
    ? `(${matches} > 0) * 0 + ${s}\nor (${nodata} > 0) * 0 + ${p}\nor ${okay}`
    : `(${nodata} > 0) * 0 + ${p}\nor (${matches} == ${n}) * 0 + ${s}\nor ${okay}`;
}

/**
 * The alarm's status: triggers scanned in order, the first warning, critical
 * or down wins; otherwise okay over unknown; nothing when every trigger skipped.
 */
export function alarmStatusExpr(statuses: string[]): string {
  const decisive = statuses.map((u) => `(${u} != ${STATUS_CODE.okay} != ${STATUS_CODE.unknown})`);
  const okay = statuses.map((u) => `(${u} == ${STATUS_CODE.okay})`);
  const unknown = statuses.map((u) => `(${u} == ${STATUS_CODE.unknown})`);
  return [...decisive, ...okay, ...unknown].join('\nor ');
}

/** The labels of an alarm's status (and of its alerts). */
export function alarmLabels(a: ResolvedAlarm, environment: string): Record<string, string> {
  const labels: Record<string, string> = { alarm: a.name, environment };
  if (a.service) labels.service = a.service;
  for (const k of Object.keys(a.dimension).sort()) labels[k] = a.dimension[k];
  return labels;
}

/**
 * The rule group of one alarm. An alarm defined differently on some nodes (a
 * node class overriding a trigger) has several definitions with disjoint
 * hosts: each level is the union (`or`) of the definitions' expressions, so
 * every series is recorded by exactly one rule.
 */
export function afdGroup(defs: readonly AlarmGroup[], opts: AfdOptions): RuleGroup {
  const a0 = defs[0].alarm;
  const node = a0.scope === 'node';
  const multi = defs.length > 1;
  const perHost = node ? 'by (hostname)' : '';
  const union = (parts: string[]): string => (parts.length === 1 ? parts[0] : parts.map((p) => `(${p})`).join('\nor '));
  const results = new Map<string, { trigger: string; rule: number; exprs: string[] }>();
  const triggers = new Map<string, string[]>();
  const statuses = new Map<string, { labels: Record<string, string>; exprs: string[] }>();
  for (const g of defs) {
    const a = g.alarm;
    const restrict = multi && node ? `, ${matcherText(hostsMatcher(g.hosts))}` : '';
    for (const t of a.triggers) {
      t.rules.forEach((r, i) => {
        const key = `${t.name}\0${i}`;
        const e = results.get(key) ?? { trigger: t.name, rule: i, exprs: [] };
        e.exprs.push(ruleResultExpr(r, a, g.hosts, opts));
        results.set(key, e);
      });
      const sel = `lma_afd_rule_result{alarm=${str(a.name)}, trigger=${str(t.name)}${restrict}}`;
      triggers.set(t.name, [...(triggers.get(t.name) ?? []), triggerStatusExpr(t, sel, perHost)]);
    }
    if (a.triggers.length === 0) continue;
    const max = perHost ? `max ${perHost}` : 'max';
    const status = alarmStatusExpr(a.triggers.map((t) => `${max} (lma_afd_trigger_status{alarm=${str(a.name)}, trigger=${str(t.name)}${restrict}})`));
    const labels = alarmLabels(a, opts.environment);
    const key = JSON.stringify(labels);
    const e = statuses.get(key) ?? { labels, exprs: [] };
    e.exprs.push(status);
    statuses.set(key, e);
  }
  const rules: RecordingRule[] = [];
  for (const r of results.values()) rules.push({ record: 'lma_afd_rule_result', expr: union(r.exprs), labels: { alarm: a0.name, trigger: r.trigger, rule: String(r.rule) } });
  for (const [t, exprs] of triggers) rules.push({ record: 'lma_afd_trigger_status', expr: union(exprs), labels: { alarm: a0.name, trigger: t } });
  for (const s of statuses.values()) rules.push({ record: 'lma_afd_status', expr: union(s.exprs), labels: s.labels });
  return { name: `afd:${a0.name}`, rules };
}

/**
 * The rule file part of an alarm: the first word of its name (the library
 * prefixes every alarm with its service), so rules/afd-<part>.yml holds one
 * service's alarms. promtool evaluates every loaded rule at every step of a
 * test, so each service's generated tests load only its own part.
 */
export function rulePart(alarm: string): string {
  const word = alarm.split('_')[0].toLowerCase().replace(/[^a-z0-9-]/g, '-');
  return word || 'alarms';
}

/** `lma_node{hostname}` for every node of the domain: who should report, even when silent. */
export function nodesGroup(nodes: readonly string[], environment: string): RuleGroup {
  return { name: 'lma:nodes', rules: nodes.map((n) => ({ record: 'lma_node', expr: 'vector(1)', labels: { environment, hostname: n } })) };
}
