/**
 * Generated promtool unit tests (out/<c>/prometheus/tests/): for every alarm
 * definition, input series that make each of its triggers decide the status,
 * series that keep it okay, and no series at all; for the alarm clusters,
 * their members' statuses all okay, all critical, none, and one input down per
 * cluster (only that cluster's inputs reported). Expected values come from the reference evaluator of StackLight's
 * semantics (src/alarms/evaluate.ts), never from the PromQL being tested, so
 * `promtool test rules` checks the compiled rules against the semantics.
 *
 * The tests run on a sample of the domain's nodes: the first, middle and last
 * node of each alarm definition (sampleHosts). Each test group feeds lma_node for
 * those nodes only, so the other nodes of a definition, which the rules
 * select by the same host matcher, neither report nor go silent; the tests
 * then grow with the model, not with the number of nodes (a node's no-data
 * alert would otherwise be expected in every scenario of every alarm).
 */
import type { AlarmGroup, ResolvedAlarm, ResolvedCluster, ResolvedRule } from '../../src/alarms/resolve.js';
import { evaluateAlarm, evaluateClusters, fieldHolds, ruleMetric, selects, type RangeSamples, type SampledSeries, type StatusSeries } from '../../src/alarms/evaluate.js';
import { luaPatternToRegex } from '../../src/alarms/lua-pattern.js';
import { STATUS_CODE, STATUS_SHORT } from '../../src/alarms/status.js';
import { parseFieldExpression, type FieldExpression } from '../../src/model/field-expression.js';
import type { Severity } from '../../src/model/lma-types.js';
import { toYamlInOrder } from '../../src/util/serialize.js';
import { alarmLabels, rulePart } from './afd-rules.js';
import { alertName, ruleText } from './alert-rules.js';
import { clusterLabels } from './gse-rules.js';
import { str } from './promql.js';

export interface UnitTestOptions {
  environment: string;
  /** The scrape interval in seconds: the test's sample interval. */
  step: number;
}

/** Assignments tried per alarm before giving up on a scenario it cannot reach. */
const SEARCH_LIMIT = 20000;

/** A series shape: start value and the step added at each sample. */
interface Shape {
  start: number;
  slope: number;
}

interface Scenario {
  title: string;
  series: { name: string; labels: Record<string, string>; shape: Shape }[];
  status: Severity | null;
}

/** A number as promtool's series notation reads it (no exponent). */
function numText(n: number): string {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toFixed(20).replace(/\.?0+$/, '');
}

function seriesText(name: string, labels: Record<string, string>): string {
  return `${name}{${Object.keys(labels).sort().map((k) => `${k}=${str(labels[k])}`).join(', ')}}`;
}

function valuesText(shape: Shape, last: number): string {
  return `${numText(shape.start)}${shape.slope < 0 ? '-' : '+'}${numText(Math.abs(shape.slope))}x${last}`;
}

/** promtool builds `a+bxN` by repeated addition; so do we. */
function samples(shape: Shape, last: number): number[] {
  const out: number[] = [];
  let v = shape.start;
  for (let i = 0; i <= last; i++) {
    out.push(v);
    v += shape.slope;
  }
  return out;
}

/** A string a Lua pattern matches, when a simple walk finds one. */
function patternSample(pattern: string): string | null {
  const body = pattern.replace(/^\^/, '').replace(/(?<!%)\$$/, '');
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    let item: string;
    if (ch === '%') {
      const c = body[++i] ?? '';
      item = ({ a: 'a', d: '1', l: 'a', s: ' ', u: 'A', w: 'a', x: 'a', p: '!' } as Record<string, string>)[c] ?? c;
    } else if (ch === '[') {
      const end = body.indexOf(']', i + 2);
      const set = body.slice(i + 1, end < 0 ? body.length : end);
      i = end < 0 ? body.length : end;
      item = set.startsWith('^') ? 'z' : set.startsWith('%') ? '1' : (set[0] ?? 'a');
    } else item = ch === '.' ? 'a' : ch;
    const q = body[i + 1];
    if (q === '*' || q === '?' || q === '-') {
      i++;
      continue;
    }
    if (q === '+') i++;
    out += item;
  }
  return luaPatternToRegex(pattern).ok ? out : null;
}

/** A label value satisfying a field expression, if one of the obvious candidates does. */
export function fieldSample(expr: FieldExpression): string | null {
  const candidates: string[] = [];
  for (const group of expr) {
    for (const t of group) {
      if (t.op === '==') candidates.push(t.value);
      else if (t.op === '=~') {
        const p = patternSample(t.value);
        if (p !== null) candidates.push(p);
      } else if (t.op !== '!=' && t.op !== '!~') {
        const n = Number(t.value);
        candidates.push(...[n, n + 1, n - 1, Math.ceil(n), Math.floor(n), 0].filter((x) => Number.isInteger(x) && x >= 0).map(String));
      }
    }
  }
  candidates.push('lmac', 'x', '1', '0');
  return candidates.find((c) => fieldHolds(expr, c)) ?? null;
}

/** The series one rule reads on a host, with labels that satisfy its fields (null: none found). */
function seriesFor(rule: ResolvedRule, environment: string, host: string | null): { name: string; labels: Record<string, string> } | null {
  const labels: Record<string, string> = { environment };
  if (host !== null) labels.hostname = host;
  for (const label of Object.keys(rule.field).sort()) {
    const p = parseFieldExpression(rule.field[label]);
    if (!p.ok) return null;
    const v = fieldSample(p.expr);
    if (v === null) return null;
    labels[label] = v;
  }
  for (const g of rule.group_by) if (!(g in labels)) labels[g] = 'g1';
  return { name: ruleMetric(rule), labels };
}

function uniq(xs: number[]): number[] {
  return [...new Set(xs.filter((x) => Number.isFinite(x)).map((x) => (Object.is(x, -0) ? 0 : x)))];
}

/** Shapes worth trying for a series, from the thresholds and ranges of the rules reading it. */
function shapesFor(rules: readonly ResolvedRule[], step: number): Shape[] {
  const consts: number[] = [0, 1, -1];
  const slopes: number[] = [];
  for (const r of rules) {
    const t = r.threshold;
    const range = r.window * r.periods;
    consts.push(t, t + 1, t - 1, t / 2, t * 2, -t);
    if (r.function === 'sum') for (const k of [Math.floor(range / step) + 1, Math.ceil(range / step)]) if (k > 0) consts.push((t + 1) / k, (t - 1) / k, t / k);
    const m = Math.abs(t) + 1;
    slopes.push(m, -m, 10 * m, -10 * m);
  }
  return [...uniq(consts).map((start) => ({ start, slope: 0 })), ...uniq(slopes).map((slope) => ({ start: 0, slope }))];
}

/** Every rule range read under both readings of its ends: [t-r, t] (Prometheus 2) and (t-r, t] (Prometheus 3). */
function rangeReadings(step: number): RangeSamples[] {
  return [(s) => Math.floor(s / step) + 1, (s) => Math.max(1, Math.ceil(s / step))];
}

/** A deterministic PRNG (mulberry32), so a search beyond the limit gives the same tests every build. */
function prng(seed: string): () => number {
  let a = 0;
  for (const ch of seed) a = (Math.imul(a, 31) + ch.charCodeAt(0)) | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface AlarmTests {
  alarm: ResolvedAlarm;
  host: string | null;
  last: number;
  scenarios: Scenario[];
  /** Triggers no assignment made decide the status (hidden by an earlier one, or unreachable with these shapes). */
  unreached: string[];
}

/** The scenarios of one alarm definition, evaluated on its first host. */
export function alarmScenarios(g: AlarmGroup, opts: UnitTestOptions): AlarmTests {
  const a = g.alarm;
  const host = a.scope === 'node' ? g.hosts[0] : null;
  const rules = a.triggers.flatMap((t) => t.rules);
  const maxRange = Math.max(opts.step, ...rules.map((r) => r.window * r.periods));
  const last = Math.ceil(maxRange / opts.step) + 2;
  const readings = rangeReadings(opts.step);

  const templates = new Map<string, { name: string; labels: Record<string, string> }>();
  for (const r of rules) {
    const s = seriesFor(r, opts.environment, host);
    if (s) templates.set(seriesText(s.name, s.labels), s);
  }
  const series = [...templates.values()];
  const probe = (s: { name: string; labels: Record<string, string> }): SampledSeries => ({ ...s, samples: [0] });
  const choices = series.map((s) => shapesFor(rules.filter((r) => selects(r, probe(s), opts.environment, host)), opts.step));

  const evaluate = (shapes: readonly Shape[]): { status: Severity | null; triggers: (Severity | null)[] } | null => {
    const data = series.map((s, i) => ({ ...s, samples: samples(shapes[i], last) }));
    const outcomes = readings.map((range) => evaluateAlarm(a, data, opts.environment, host, range));
    const [o, other] = outcomes;
    if (o.ambiguous || other.ambiguous || o.status !== other.status || o.triggers.join() !== other.triggers.join()) return null;
    return o;
  };

  interface Target {
    title: string;
    /** The trigger this scenario makes decide (none for the quiet one). */
    trigger?: string;
    wants: (o: { status: Severity | null; triggers: (Severity | null)[] }) => boolean;
    found?: Shape[];
    status?: Severity | null;
  }
  const decisive = (s: Severity | null): boolean => s === 'warning' || s === 'critical' || s === 'down';
  const targets: Target[] = [{ title: 'quiet: every rule has data and no trigger fires', wants: (o) => o.status === 'okay' && o.triggers.every((t) => t === 'okay') }];
  a.triggers.forEach((t, i) => {
    if (decisive(t.severity)) {
      targets.push({ title: `fires: trigger ${t.name} decides (${t.severity})`, trigger: t.name, wants: (o) => o.status === t.severity && o.triggers[i] === t.severity && o.triggers.slice(0, i).every((x) => !decisive(x)) });
    } else if (t.severity === 'unknown') {
      // A trigger of severity unknown (a standby, say) decides only when nothing else does.
      targets.push({ title: `fires: trigger ${t.name} matches (unknown)`, trigger: t.name, wants: (o) => o.status === 'unknown' && o.triggers[i] === 'unknown' && o.triggers.every((x) => !decisive(x)) });
    }
  });

  const total = choices.reduce((n, c) => n * c.length, 1);
  const random = prng(`${a.name}/${host ?? ''}`);
  for (let n = 0; n < Math.min(total, SEARCH_LIMIT) && targets.some((t) => !t.found); n++) {
    let shapes: Shape[];
    if (total <= SEARCH_LIMIT) {
      let rest = n;
      shapes = choices.map((c) => {
        const pick = c[rest % c.length];
        rest = Math.floor(rest / c.length);
        return pick;
      });
    } else shapes = choices.map((c) => c[Math.floor(random() * c.length)]);
    const o = evaluate(shapes);
    if (!o) continue;
    for (const t of targets) {
      if (!t.found && t.wants(o)) {
        t.found = shapes;
        t.status = o.status;
      }
    }
  }

  const scenarios: Scenario[] = [];
  for (const t of targets) {
    if (t.found) {
      const shapes = t.found;
      scenarios.push({ title: t.title, series: series.map((s, i) => ({ ...s, shape: shapes[i] })), status: t.status ?? null });
    }
  }
  const silent = evaluateAlarm(a, [], opts.environment, host, readings[0]);
  scenarios.push({ title: 'no data: no series at all (no_data_policy)', series: [], status: silent.status });
  const unreached = targets.flatMap((t) => (t.trigger !== undefined && !t.found ? [t.trigger] : []));
  return { alarm: a, host, last, scenarios, unreached };
}

function alarmAlertExpectation(a: ResolvedAlarm, labels: Record<string, string>, status: Severity, environment: string): Record<string, unknown> {
  const routing: Record<string, string> = a.alerting === 'enabled_with_notification' ? { alerting: a.alerting, handler: a.handler } : { alerting: a.alerting };
  const host = labels.hostname;
  const rules = a.triggers.flatMap((t) => t.rules.map(ruleText));
  return {
    exp_labels: { ...labels, severity: status, environment, ...routing, nagios_host: a.dimension.nagios_host ?? host ?? '00-clusters' },
    exp_annotations: {
      summary: `${a.name} is ${STATUS_SHORT[status]}${host !== undefined ? ` on ${host}` : ''}`,
      description: `${a.description || a.name} (${STATUS_SHORT[status]}, rule='${rules.join(' | ')}'${host !== undefined ? `, host=${host}` : ''})`,
    },
  };
}

function clusterAlertExpectation(c: ResolvedCluster, status: Severity, environment: string): Record<string, unknown> {
  const routing: Record<string, string> = c.alerting === 'enabled_with_notification' ? { alerting: c.alerting, handler: c.handler } : { alerting: c.alerting };
  return {
    exp_labels: { ...clusterLabels(c, environment), severity: status, ...routing, nagios_host: c.dimension.nagios_host ?? '00-clusters' },
    exp_annotations: {
      summary: `${c.name} is ${STATUS_SHORT[status]}`,
      description: `${c.description || c.name} (${STATUS_SHORT[status]}, policy=${c.policy}, members=${c.members.map((m) => m.name).join(',')})`,
    },
  };
}

/** One promtool test group as YAML, indented under `tests:`, with a comment saying what it checks. */
function testGroup(comment: string[], group: Record<string, unknown>): string {
  const body = toYamlInOrder([group]).split('\n').filter((l) => l !== '').map((l) => `  ${l}`).join('\n');
  return `${comment.map((c) => `  # ${c.replace(/\n/g, ' ')}`).join('\n')}\n${body}\n`;
}

function testFile(header: string, ruleFiles: string[], groups: string[]): string {
  return `${header}rule_files:\n${ruleFiles.map((f) => `  - ${f}\n`).join('')}evaluation_interval: 15s\ntests:\n${groups.join('\n')}`;
}

const HEADER = '# Generated by lmac: promtool unit tests whose expected statuses come from\n# lmac\'s reference evaluator of StackLight\'s semantics (docs/alarms.md).\n# Run: promtool test rules tests/*.yml (from out/<cluster>/prometheus/).\n';

/** One scenario of one alarm, ready to share a promtool test group with others it cannot disturb. */
interface AfdCase {
  alarm: string;
  /** The rules of the alarm (on every node that has it) and the series of the scenario. */
  reads: readonly ResolvedRule[];
  writes: readonly SampledSeries[];
  comments: string[];
  series: Record<string, string>[];
  expr: Record<string, unknown>;
  alert: Record<string, unknown> | null;
}

/**
 * Scenarios packed into as few test groups as keep them independent: no two
 * of the same alarm, and none with a series another's alarm selects (its
 * metric and field matchers, on any host: a shared metric such as
 * procstat_lookup_running is fine when the matchers differ). promtool
 * evaluates every rule for every group, so fewer groups is a faster test.
 */
function pack(cases: readonly AfdCase[], step: number, environment: string, sample: readonly string[]): string[] {
  const bins: AfdCase[][] = [];
  const reads = (a: AfdCase, b: AfdCase): boolean => b.writes.some((s) => a.reads.some((r) => selects(r, s, environment, null)));
  const clash = (a: AfdCase, b: AfdCase): boolean => a.alarm === b.alarm || reads(a, b) || reads(b, a);
  // A group runs until its latest eval_time: the longest scenarios first, so they share groups
  // instead of stretching many short ones (a stable sort keeps the order otherwise).
  const seconds = (c: AfdCase): number => Number.parseInt(String(c.expr.eval_time), 10);
  for (const c of [...cases].sort((a, b) => seconds(b) - seconds(a))) {
    const bin = bins.find((b) => b.every((x) => !clash(x, c)));
    if (bin) bin.push(c);
    else bins.push([c]);
  }
  return bins.map((b) => {
    // The sampled nodes exist (lma_node) for as long as the group's longest scenario runs.
    const last = Math.max(...b.map(seconds)) / step;
    const nodes = sample.map((h) => ({ series: seriesText('lma_node', { environment, hostname: h }), values: `1+0x${last}` }));
    const group: Record<string, unknown> = { interval: `${step}s`, input_series: [...nodes, ...b.flatMap((c) => c.series)], promql_expr_test: b.map((c) => c.expr) };
    const alerts = b.flatMap((c) => (c.alert ? [c.alert] : []));
    if (alerts.length > 0) group.alert_rule_test = alerts;
    return testGroup(b.flatMap((c) => c.comments), group);
  });
}

/** The test files, by name under out/<c>/prometheus/tests/. */
/**
 * The nodes the tests run on: the first, middle and last of each node alarm
 * definition's hosts (all of them up to three, so a three-node control plane's
 * quorum is tested as it is; the ends of a long host matcher are covered).
 */
export function sampleHosts(alarmGroups: readonly AlarmGroup[]): string[] {
  const out = new Set<string>();
  for (const g of alarmGroups) {
    if (g.alarm.scope !== 'node' || g.hosts.length === 0) continue;
    for (const i of [0, Math.floor(g.hosts.length / 2), g.hosts.length - 1]) out.add(g.hosts[i]);
  }
  return [...out].sort();
}

export function unitTests(alarmGroups: readonly AlarmGroup[], clusters: readonly ResolvedCluster[], opts: UnitTestOptions): Record<string, string> {
  const env = opts.environment;
  const sample = sampleHosts(alarmGroups);
  const sampled = new Set(sample);
  const cases: AfdCase[] = [];
  for (const g of alarmGroups) {
    const t = alarmScenarios(g, opts);
    const a = t.alarm;
    const siblings = alarmGroups.filter((x) => x.alarm.name === a.name);
    const reads = siblings.flatMap((x) => x.alarm.triggers.flatMap((tr) => tr.rules));
    const labels = { ...alarmLabels(a, env), ...(t.host !== null ? { hostname: t.host } : {}) };
    const sel = `lma_afd_status{alarm=${str(a.name)}${t.host !== null ? `, hostname=${str(t.host)}` : ''}}`;
    const evalTime = `${t.last * opts.step}s`;
    const note = t.unreached.length > 0 ? [`no series found that make ${t.unreached.join(', ')} decide the status (an earlier trigger hides it, or constant and linear series cannot reach it)`] : [];
    for (const [i, s] of t.scenarios.entries()) {
      let alert: Record<string, unknown> | null = null;
      if (a.alerting !== 'disabled') {
        // The alert covers every sampled node of the alarm: the others have no data in this scenario.
        const data = s.series.map((x) => ({ ...x, samples: samples(x.shape, t.last) }));
        const alerts: Record<string, unknown>[] = [];
        for (const sib of siblings) {
          for (const h of sib.alarm.scope === 'node' ? sib.hosts.filter((x) => sampled.has(x)) : [null]) {
            const status = evaluateAlarm(sib.alarm, data, env, h, rangeReadings(opts.step)[0]).status;
            if (status !== null && status !== 'okay') alerts.push(alarmAlertExpectation(sib.alarm, { ...alarmLabels(sib.alarm, env), ...(h !== null ? { hostname: h } : {}) }, status, env));
          }
        }
        alert = { eval_time: evalTime, alertname: alertName(a.name), exp_alerts: alerts };
      }
      cases.push({
        alarm: a.name,
        reads,
        writes: s.series.map((x) => ({ name: x.name, labels: x.labels, samples: [0] })),
        comments: [`${a.name}${t.host !== null ? ` on ${t.host}` : ' (remote)'}: ${s.title} -> ${s.status ?? 'nothing recorded'}`, ...(i === 0 ? note : [])],
        series: s.series.map((x) => ({ series: seriesText(x.name, x.labels), values: valuesText(x.shape, t.last) })),
        expr: { expr: sel, eval_time: evalTime, exp_samples: s.status === null ? [] : [{ labels: seriesText('lma_afd_status', labels), value: STATUS_CODE[s.status] }] },
        alert,
      });
    }
  }
  const files: Record<string, string> = {};
  // One test file per rule file part: each loads only its own alarms' rules (and lma_node, and the alerts).
  const parts = new Map<string, AfdCase[]>();
  for (const c of cases) parts.set(rulePart(c.alarm), [...(parts.get(rulePart(c.alarm)) ?? []), c]);
  for (const part of [...parts.keys()].sort()) {
    files[`afd-${part}.yml`] = testFile(HEADER, [`../rules/afd-${part}.yml`, '../rules/alerts.yml'], pack(parts.get(part) ?? [], opts.step, env, sample));
  }
  if (clusters.length > 0) files['gse.yml'] = testFile(HEADER, ['../rules/gse.yml', '../rules/alerts.yml'], gseGroups(alarmGroups, clusters, opts, sampled));
  return files;
}

/** The alarm statuses the clusters read: one series per sampled node of each member alarm (one for a remote alarm). */
function leafSeries(alarmGroups: readonly AlarmGroup[], clusters: readonly ResolvedCluster[], environment: string, sampled: ReadonlySet<string>): Record<string, string>[] {
  const members = new Set(clusters.flatMap((c) => c.members.filter((m) => m.kind === 'alarm').map((m) => m.name)));
  const out: Record<string, string>[] = [];
  for (const g of alarmGroups) {
    if (!members.has(g.alarm.name)) continue;
    const base = alarmLabels(g.alarm, environment);
    if (g.alarm.scope === 'remote') out.push(base);
    else for (const h of g.hosts) if (sampled.has(h)) out.push({ ...base, hostname: h });
  }
  return out.sort((x, y) => (seriesText('', x) < seriesText('', y) ? -1 : 1));
}

function gseGroups(alarmGroups: readonly AlarmGroup[], clusters: readonly ResolvedCluster[], opts: UnitTestOptions, sampled: ReadonlySet<string>): string[] {
  const env = opts.environment;
  const leaves = leafSeries(alarmGroups, clusters, env, sampled);
  const ordered = [...clusters].sort((a, b) => (a.name < b.name ? -1 : 1));
  const evalTime = `${4 * opts.step}s`;
  const group = (title: string | string[], statuses: (Severity | null)[], alertsFor: readonly ResolvedCluster[]): string => {
    const inputs: StatusSeries[] = [];
    leaves.forEach((l, i) => {
      const s = statuses[i];
      if (s !== null) inputs.push({ labels: l, status: s });
    });
    const result = evaluateClusters(clusters, inputs, env);
    const g: Record<string, unknown> = {
      interval: `${opts.step}s`,
      input_series: inputs.map((x) => ({ series: seriesText('lma_afd_status', x.labels), values: `${STATUS_CODE[x.status]}+0x4` })),
      promql_expr_test: [{ expr: `lma_gse_status{environment=${str(env)}}`, eval_time: evalTime, exp_samples: ordered.map((c) => ({ labels: seriesText('lma_gse_status', clusterLabels(c, env)), value: STATUS_CODE[result[c.name]] })) }],
    };
    const alerting = alertsFor.filter((c) => c.alerting !== 'disabled');
    if (alerting.length > 0) {
      g.alert_rule_test = alerting.map((c) => ({ eval_time: evalTime, alertname: alertName(c.name), exp_alerts: result[c.name] === 'okay' ? [] : [clusterAlertExpectation(c, result[c.name], env)] }));
    }
    const summary = ordered.map((c) => `${c.name}=${result[c.name]}`).join(', ');
    return testGroup([...(Array.isArray(title) ? title : [title]), `expected: ${summary}`], g);
  };
  const out = [
    group('every member alarm okay on every sampled node', leaves.map(() => 'okay'), ordered),
    group('every member alarm critical on every sampled node', leaves.map(() => 'critical'), ordered),
    group('every member alarm unknown on every sampled node', leaves.map(() => 'unknown'), []),
    group('no member alarm reported', leaves.map(() => null), []),
  ];
  // Per cluster, one of its inputs down (the first alarm series it reads), the rest okay.
  const byName = new Map(clusters.map((c) => [c.name, c]));
  const leafAlarms = (c: ResolvedCluster, seen = new Set<string>()): Set<string> => {
    const names = new Set<string>();
    if (seen.has(c.name)) return names;
    seen.add(c.name);
    for (const m of c.members) {
      if (m.kind === 'alarm') names.add(m.name);
      else {
        const sub = byName.get(m.name);
        if (sub) for (const n of leafAlarms(sub, seen)) names.add(n);
      }
    }
    return names;
  };
  // Only the cluster's own inputs are reported, so clusters whose inputs do not overlap share a
  // test group (promtool evaluates every rule for every group: fewer groups, a faster test); the
  // expected statuses of every cluster still come from the evaluator over the group's inputs.
  const bins: { titles: string[]; used: Set<number>; statuses: (Severity | null)[]; clusters: ResolvedCluster[] }[] = [];
  for (const c of ordered) {
    const mine = leafAlarms(c);
    const own = new Set(leaves.flatMap((x, i) => (mine.has(x.alarm) ? [i] : [])));
    if (own.size === 0) continue;
    const first = Math.min(...own);
    const l = leaves[first];
    let bin = bins.find((b) => [...own].every((i) => !b.used.has(i)));
    if (!bin) {
      bin = { titles: [], used: new Set(), statuses: leaves.map(() => null), clusters: [] };
      bins.push(bin);
    }
    for (const i of own) {
      bin.used.add(i);
      bin.statuses[i] = i === first ? 'down' : 'okay';
    }
    bin.clusters.push(c);
    bin.titles.push(`${c.name}: one input down (${l.alarm}${l.hostname ? ` on ${l.hostname}` : ''}), its other inputs okay`);
  }
  for (const b of bins) out.push(group([...b.titles, 'the inputs of no other cluster reported'], b.statuses, b.clusters));
  return out;
}
