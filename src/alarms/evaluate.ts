/**
 * A reference evaluator of StackLight's alarm semantics, written from
 * ../shared/reference/stacklight-semantics.md and independent of any target:
 * rules over sampled series, triggers, alarms (AFD) and alarm clusters (GSE).
 * It is the oracle of the generated promtool tests (generators/prometheus/
 * unit-tests.ts): the rules Prometheus runs must agree with it.
 *
 * Series are sampled every `step` seconds from t=0 and evaluated at their last
 * sample, so every series is fresh. Where lmac chose between readings of
 * StackLight (docs/alarms.md) this follows lmac: avg/max/min/sum pool the
 * samples of a group, last/variance/sd/diff are per series and a group matches
 * when one series does.
 */
import type { Policy, Severity } from '../model/lma-types.js';
import { parseFieldExpression, type FieldExpression, type FieldTerm } from '../model/field-expression.js';
import { luaPatternToRegex } from './lua-pattern.js';
import type { Operator, ResolvedAlarm, ResolvedCluster, ResolvedRule, ResolvedTrigger } from './resolve.js';
import { STATUS_WEIGHT } from './status.js';

export interface SampledSeries {
  name: string;
  labels: Readonly<Record<string, string>>;
  /** samples[i] was taken at i * step seconds; the evaluation is at the last one. */
  samples: readonly number[];
}

/** How many of the newest samples a range of `seconds` holds. */
export type RangeSamples = (seconds: number) => number;

export interface RuleOutcome {
  /** 1 match, 0 no match, -1 no data. */
  result: 1 | 0 | -1;
  /** A value within rounding of its threshold: the target's arithmetic may decide otherwise. */
  ambiguous: boolean;
}

export function compare(v: number, op: Operator, t: number): boolean {
  switch (op) {
    case '==':
      return v === t;
    case '!=':
      return v !== t;
    case '>':
      return v > t;
    case '>=':
      return v >= t;
    case '<':
      return v < t;
    case '<=':
      return v <= t;
  }
}

const patterns = new Map<string, RegExp | null>();

function luaMatch(pattern: string, value: string): boolean | null {
  let re = patterns.get(pattern);
  if (re === undefined) {
    const r = luaPatternToRegex(pattern);
    re = r.ok ? new RegExp(`^(?:${r.regex})$`, 's') : null;
    patterns.set(pattern, re);
  }
  return re === null ? null : re.test(value);
}

function termHolds(t: FieldTerm, value: string): boolean {
  switch (t.op) {
    case '==':
      return value === t.value;
    case '!=':
      return value !== t.value;
    case '=~':
    case '!~': {
      const m = luaMatch(t.value, value);
      // A malformed pattern never matches, even negated.
      return m === null ? false : t.op === '=~' ? m : !m;
    }
    default: {
      const n = Number(value);
      return value.trim() !== '' && Number.isFinite(n) && compare(n, t.op, Number(t.value));
    }
  }
}

/** Whether a label value satisfies a field expression (a missing label is ''). */
export function fieldHolds(expr: FieldExpression, value: string): boolean {
  return expr.some((group) => group.every((t) => termHolds(t, value)));
}

function parsedField(source: string): FieldExpression {
  const p = parseFieldExpression(source);
  return p.ok ? p.expr : [];
}

export function ruleMetric(rule: ResolvedRule): string {
  return rule.value ? `${rule.metric}_${rule.value}` : rule.metric;
}

/** The series a rule reads: its metric, the environment, the host (node alarms) and its field matchers. */
export function selects(rule: ResolvedRule, s: SampledSeries, environment: string, host: string | null): boolean {
  if (s.name !== ruleMetric(rule) || s.labels.environment !== environment) return false;
  if (host !== null && s.labels.hostname !== host) return false;
  return Object.entries(rule.field).every(([label, source]) => fieldHolds(parsedField(source), s.labels[label] ?? ''));
}

function variance(xs: readonly number[]): number {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
}

function perSeries(fn: ResolvedRule['function'], xs: readonly number[]): number {
  switch (fn) {
    case 'last':
      return xs[xs.length - 1];
    case 'variance':
      return variance(xs);
    case 'sd':
      return Math.sqrt(variance(xs));
    case 'diff':
      return xs[xs.length - 1] - xs[0];
    default:
      throw new Error(`${fn} is not a per-series function`);
  }
}

function pooled(fn: ResolvedRule['function'], xs: readonly number[]): number {
  switch (fn) {
    case 'avg':
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    case 'max':
      return Math.max(...xs);
    case 'min':
      return Math.min(...xs);
    case 'sum':
      return xs.reduce((a, b) => a + b, 0);
    default:
      throw new Error(`${fn} is not a pooled function`);
  }
}

const POOLED = new Set<ResolvedRule['function']>(['avg', 'max', 'min', 'sum']);

/** One rule over the series a host (or the domain, host null) sent. */
export function evaluateRule(rule: ResolvedRule, series: readonly SampledSeries[], environment: string, host: string | null, range: RangeSamples): RuleOutcome {
  if (rule.function === 'roc') throw new Error('roc is not evaluated');
  const mine = series.filter((s) => selects(rule, s, environment, host));
  if (mine.length === 0) return { result: -1, ambiguous: false };
  const k = Math.max(1, range(rule.window * rule.periods));
  const groups = new Map<string, (readonly number[])[]>();
  for (const s of mine) {
    const key = JSON.stringify(rule.group_by.map((g) => s.labels[g] ?? ''));
    groups.set(key, [...(groups.get(key) ?? []), s.samples.slice(-k)]);
  }
  let ambiguous = false;
  const test = (v: number, xs: readonly number[]): boolean => {
    const t = rule.threshold;
    if (Math.abs(v - t) <= 1e-9 * Math.max(1, Math.abs(t))) {
      // Integer data is exact in any order of evaluation, except a spread that is not zero.
      const exact = Number.isInteger(t) && xs.every(Number.isInteger) && (!['variance', 'sd'].includes(rule.function) || v === 0);
      if (!exact) ambiguous = true;
    }
    return compare(v, rule.relational_operator, rule.threshold);
  };
  let match = false;
  for (const members of groups.values()) {
    if (POOLED.has(rule.function)) {
      const xs = members.flat();
      if (test(pooled(rule.function, xs), xs)) match = true;
    } else {
      for (const xs of members) if (test(perSeries(rule.function, xs), xs)) match = true;
    }
  }
  return { result: match ? 1 : 0, ambiguous };
}

/** A trigger's status from its rules' results; null when it skips (no data, policy skip). */
export function triggerStatus(t: ResolvedTrigger, results: readonly (1 | 0 | -1)[]): Severity | null {
  const nodata = results.some((r) => r === -1);
  const noDataStatus = t.no_data_policy === 'skip' ? null : t.no_data_policy;
  if (t.logical_operator === 'or') {
    if (results.some((r) => r === 1)) return t.severity;
    return nodata ? noDataStatus : 'okay';
  }
  if (nodata) return noDataStatus;
  return results.every((r) => r === 1) ? t.severity : 'okay';
}

/** Triggers in order: the first warning, critical or down decides; else okay over unknown; null if all skipped. */
export function alarmStatus(statuses: readonly (Severity | null)[]): Severity | null {
  for (const s of statuses) if (s === 'warning' || s === 'critical' || s === 'down') return s;
  if (statuses.includes('okay')) return 'okay';
  return statuses.includes('unknown') ? 'unknown' : null;
}

export interface AlarmOutcome {
  status: Severity | null;
  triggers: (Severity | null)[];
  ambiguous: boolean;
}

export function evaluateAlarm(alarm: ResolvedAlarm, series: readonly SampledSeries[], environment: string, host: string | null, range: RangeSamples): AlarmOutcome {
  let ambiguous = false;
  const triggers = alarm.triggers.map((t) =>
    triggerStatus(
      t,
      t.rules.map((r) => {
        const o = evaluateRule(r, series, environment, alarm.scope === 'node' ? host : null, range);
        ambiguous ||= o.ambiguous;
        return o.result;
      }),
    ),
  );
  return { status: alarmStatus(triggers), triggers, ambiguous };
}

export interface StatusSeries {
  labels: Readonly<Record<string, string>>;
  status: Severity;
}

function heaviest(statuses: readonly Severity[]): Severity {
  return statuses.reduce((a, b) => (STATUS_WEIGHT[b] > STATUS_WEIGHT[a] ? b : a));
}

/** A policy over group statuses: entries top-down, the first that holds; none: unknown. */
export function policyStatus(policy: Policy, groups: readonly Severity[]): Severity {
  for (const entry of policy) {
    if (!entry.trigger) return entry.status;
    const holds = entry.trigger.rules.map((r) => {
      const count = groups.filter((g) => r.arguments.includes(g)).length;
      // No groups: 0 * 100 / 0 is NaN, which compares false (and != true).
      const value = r.function === 'count' ? count : (count * 100) / groups.length;
      const op = r.relational_operator as Operator;
      return compare(value, op, r.threshold);
    });
    if (entry.trigger.logical_operator === 'and' ? holds.every(Boolean) : holds.some(Boolean)) return entry.status;
  }
  return 'unknown';
}

function labelsMatch(c: ResolvedCluster, labels: Readonly<Record<string, string>>, environment: string): boolean {
  if (labels.environment !== environment) return false;
  if (!Object.entries(c.match).every(([k, v]) => (labels[k] ?? '') === v)) return false;
  // Unanchored, as Heka's message matcher `Fields[k] =~ /re/`.
  return Object.entries(c.match_re).every(([k, re]) => new RegExp(re, 's').test(labels[k] ?? ''));
}

/** The output labels of a cluster's status: what higher clusters match on. */
export function clusterStatusLabels(c: ResolvedCluster, environment: string): Record<string, string> {
  return { ...c.dimension, cluster: c.name, environment };
}

/**
 * Every cluster's status from the alarms' statuses (labelled like
 * lma_afd_status: alarm, environment, dimensions, hostname), lower levels first.
 */
export function evaluateClusters(clusters: readonly ResolvedCluster[], alarms: readonly StatusSeries[], environment: string): Record<string, Severity> {
  const out: Record<string, Severity> = {};
  // Statuses by the member name they stand for: a cluster reads only its members' (large domains have many).
  const byMember = new Map<string, StatusSeries[]>();
  const index = (name: string, s: StatusSeries): void => {
    const list = byMember.get(name);
    if (list) list.push(s);
    else byMember.set(name, [s]);
  };
  for (const s of alarms) index(`alarm:${s.labels.alarm ?? ''}`, s);
  for (const c of [...clusters].sort((a, b) => a.level - b.level || (a.name < b.name ? -1 : 1))) {
    const groups = new Map<string, Severity[]>();
    for (const m of c.members) {
      for (const s of byMember.get(`${m.kind}:${m.name}`) ?? []) {
        if (!labelsMatch(c, s.labels, environment)) continue;
        const key = c.group_by === 'hostname' ? (s.labels.hostname ?? '') : m.name;
        const g = groups.get(key);
        if (g) g.push(s.status);
        else groups.set(key, [s.status]);
      }
    }
    const status = policyStatus(c.policy_rules, [...groups.values()].map(heaviest));
    out[c.name] = status;
    index(`cluster:${c.name}`, { labels: clusterStatusLabels(c, environment), status });
  }
  return out;
}
