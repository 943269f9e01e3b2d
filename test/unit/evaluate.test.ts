/**
 * The reference evaluator (src/alarms/evaluate.ts) on the fine points of
 * ../shared/reference/stacklight-semantics.md. It is the oracle of the
 * generated promtool tests, so it is pinned here by hand-worked cases.
 */
import { describe, expect, it } from 'vitest';
import { alarmStatus, evaluateClusters, evaluateRule, fieldHolds, policyStatus, triggerStatus, type SampledSeries } from '../../src/alarms/evaluate.js';
import { BUILTIN_POLICIES } from '../../src/alarms/policies.js';
import type { ResolvedCluster, ResolvedRule, ResolvedTrigger } from '../../src/alarms/resolve.js';
import { parseFieldExpression } from '../../src/model/field-expression.js';
import type { Severity } from '../../src/model/lma-types.js';

const ENV = 'e';
/** Every sample of a 60 s range at a 15 s step: [t-60, t] holds 5. */
const range = (s: number): number => Math.floor(s / 15) + 1;

function rule(over: Partial<ResolvedRule>): ResolvedRule {
  return { metric: 'm', field: {}, relational_operator: '>', threshold: 10, window: 60, periods: 1, function: 'last', group_by: [], value: '', ...over };
}

function series(samples: number[], labels: Record<string, string> = {}, name = 'm'): SampledSeries {
  return { name, labels: { environment: ENV, hostname: 'h1', ...labels }, samples };
}

const result = (r: ResolvedRule, s: SampledSeries[]): number => evaluateRule(r, s, ENV, 'h1', range).result;

describe('GIVEN a rule', () => {
  it('WHEN no series is selected THEN the result is no data (-1), whatever the function', () => {
    expect(result(rule({}), [])).toBe(-1);
    expect(result(rule({}), [series([50], { hostname: 'h2' })])).toBe(-1);
    expect(result(rule({}), [series([50], {}, 'other')])).toBe(-1);
  });

  it('WHEN each function reads the newest window x periods samples THEN its value is the documented one', () => {
    // Older samples fall out of the 60 s range: only the last 5 count.
    const xs = [1000, 1000, 2, 4, 6, 8, 10];
    const value = (fn: ResolvedRule['function'], op: ResolvedRule['relational_operator'], t: number): number => result(rule({ function: fn, relational_operator: op, threshold: t }), [series(xs)]);
    expect(value('last', '==', 10)).toBe(1);
    expect(value('avg', '==', 6)).toBe(1);
    expect(value('max', '==', 10)).toBe(1);
    expect(value('min', '==', 2)).toBe(1);
    expect(value('sum', '==', 30)).toBe(1);
    expect(value('variance', '==', 8)).toBe(1);
    expect(value('sd', '==', Math.sqrt(8))).toBe(1);
    expect(value('diff', '==', 8)).toBe(1);
    expect(value('max', '>', 10)).toBe(0);
  });

  it('WHEN periods is 3 THEN the range is window x periods', () => {
    const xs = [100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    expect(result(rule({ function: 'max', window: 60, periods: 1, threshold: 50 }), [series(xs)])).toBe(0);
    expect(result(rule({ function: 'max', window: 60, periods: 3, threshold: 50 }), [series(xs)])).toBe(1);
  });

  it('WHEN grouped THEN any group matching makes the rule match; avg pools a group, last is per series', () => {
    const s = [series([20], { dev: 'a' }), series([0], { dev: 'b' })];
    expect(result(rule({ function: 'avg', group_by: ['dev'] }), s)).toBe(1);
    expect(result(rule({ function: 'avg' }), s)).toBe(0); // pooled: (20 + 0) / 2 = 10, not > 10
    expect(result(rule({ function: 'last' }), s)).toBe(1); // one series of the pool matches
  });

  it('WHEN fields select series THEN only the matching ones count (a missing label is empty)', () => {
    const s = [series([50], { method: 'GET' }), series([50], { method: 'PUT' }), series([50])];
    const sel = (f: string): number => result(rule({ field: { method: f } }), s);
    expect(sel('== POST || == GET')).toBe(1);
    expect(sel('POST')).toBe(-1);
    expect(sel('!= GET && != PUT')).toBe(1); // the series without the label
    expect(sel('=~ ^P')).toBe(1);
    expect(sel('!~ .')).toBe(1);
  });
});

describe('GIVEN field expressions', () => {
  const holds = (expr: string, v: string): boolean => {
    const p = parseFieldExpression(expr);
    if (!p.ok) throw new Error(p.message);
    return fieldHolds(p.expr, v);
  };
  it('WHEN numeric, patterned or malformed THEN they hold as StackLight says', () => {
    expect(holds('> 2', '10')).toBe(true); // numeric, not text: "10" < "2" as text
    expect(holds('<= 2', 'x')).toBe(false);
    expect(holds('=~ sd[a-z]', '/dev/sdb')).toBe(true); // unanchored
    expect(holds('=~ ^sd', '/dev/sdb')).toBe(false);
    expect(holds('=~ %b()', 'x')).toBe(false); // malformed pattern never matches
    expect(holds('!~ %b()', 'x')).toBe(false); // ... not even negated
    expect(holds('== a && b || c', 'c')).toBe(true); // a bare operand means ==
  });
});

function trigger(over: Partial<ResolvedTrigger>): ResolvedTrigger {
  return { name: 't', description: '', severity: 'critical', logical_operator: 'or', no_data_policy: 'unknown', rules: [], ...over };
}

describe('GIVEN triggers and alarms', () => {
  it('WHEN `or` THEN a match wins over no data, no data over okay', () => {
    const t = trigger({ no_data_policy: 'warning' });
    expect(triggerStatus(t, [1, -1])).toBe('critical');
    expect(triggerStatus(t, [0, -1])).toBe('warning');
    expect(triggerStatus(t, [0, 0])).toBe('okay');
  });

  it('WHEN `and` THEN no data wins over matches, all must match', () => {
    const t = trigger({ logical_operator: 'and', no_data_policy: 'down' });
    expect(triggerStatus(t, [1, -1])).toBe('down');
    expect(triggerStatus(t, [1, 1])).toBe('critical');
    expect(triggerStatus(t, [1, 0])).toBe('okay');
  });

  it('WHEN no_data_policy is skip or any severity THEN missing data gives it (skip: nothing)', () => {
    for (const p of ['okay', 'warning', 'unknown', 'critical', 'down'] as const) expect(triggerStatus(trigger({ no_data_policy: p }), [-1])).toBe(p);
    expect(triggerStatus(trigger({ no_data_policy: 'skip' }), [-1])).toBeNull();
  });

  it('WHEN triggers are scanned in order THEN the first warning/critical/down decides, okay beats unknown, all skipped is nothing', () => {
    expect(alarmStatus(['warning', 'critical'])).toBe('warning'); // an earlier warning hides a later critical
    expect(alarmStatus(['okay', 'unknown', 'down'])).toBe('down');
    expect(alarmStatus(['unknown', 'okay'])).toBe('okay');
    expect(alarmStatus(['unknown', null])).toBe('unknown');
    expect(alarmStatus([null, null])).toBeNull();
  });
});

describe('GIVEN the built-in policies', () => {
  const P = BUILTIN_POLICIES;
  const g = (...s: Severity[]): Severity[] => s;
  it('WHEN counting groups THEN every branch gives the status the semantics list', () => {
    const cases: [string, Severity[], Severity][] = [
      ['highest_severity', g('okay', 'down', 'critical'), 'down'],
      ['highest_severity', g('okay', 'critical', 'warning'), 'critical'],
      ['highest_severity', g('okay', 'warning'), 'warning'],
      ['highest_severity', g('okay', 'unknown'), 'okay'],
      ['highest_severity', g('unknown'), 'unknown'],
      ['availability_of_members', g('down', 'critical'), 'down'],
      ['availability_of_members', g('okay', 'down', 'down'), 'critical'],
      ['availability_of_members', g('okay', 'okay', 'down'), 'warning'],
      ['availability_of_members', g('okay', 'okay'), 'okay'],
      ['availability_of_members', g('okay', 'okay', 'warning'), 'unknown'],
      ['status_of_members', g('down', 'down'), 'down'],
      ['status_of_members', g('okay', 'critical', 'critical'), 'critical'],
      ['status_of_members', g('okay', 'okay', 'unknown'), 'warning'],
      ['status_of_members', g('okay', 'okay'), 'okay'],
      ['status_of_members', g(), 'warning'], // no groups: percent is NaN, and NaN != 100 holds (its unknown fallback is unreachable)
      ['majority_of_node_members', g('down'), 'down'],
      ['majority_of_node_members', g('okay', 'critical'), 'critical'],
      ['majority_of_node_members', g('okay', 'okay', 'unknown'), 'warning'],
      ['majority_of_node_members', g('okay'), 'okay'],
      ['majority_of_members', g('down', 'down', 'okay'), 'down'],
      ['majority_of_members', g('critical', 'warning', 'warning', 'okay'), 'critical'],
      ['majority_of_members', g('warning', 'warning', 'okay'), 'warning'],
      ['majority_of_members', g('okay', 'warning'), 'okay'],
    ];
    for (const [p, groups, want] of cases) expect(policyStatus(P[p], groups), `${p}(${groups.join(',')})`).toBe(want);
  });
});

function cluster(over: Partial<ResolvedCluster>): ResolvedCluster {
  return { name: 'c', description: '', policy: 'highest_severity', policy_rules: BUILTIN_POLICIES.highest_severity, members: [], group_by: 'member', match: {}, match_re: {}, dimension: {}, alerting: 'enabled', handler: 'default', hints: [], interval: 10, warm_up_period: 0, level: 1, ...over };
}

describe('GIVEN alarm clusters', () => {
  const afd = (alarm: string, hostname: string, status: Severity, extra: Record<string, string> = {}) => ({ labels: { alarm, hostname, environment: ENV, ...extra }, status });

  it('WHEN grouped by hostname THEN a host is its heaviest input, okay beating unknown', () => {
    const c = cluster({ policy: 'availability_of_members', policy_rules: BUILTIN_POLICIES.availability_of_members, group_by: 'hostname', members: [{ name: 'a', kind: 'alarm' }, { name: 'b', kind: 'alarm' }] });
    // h1: okay+unknown -> okay; h2: okay -> okay: 100 % okay.
    expect(evaluateClusters([c], [afd('a', 'h1', 'okay'), afd('b', 'h1', 'unknown'), afd('a', 'h2', 'okay')], ENV).c).toBe('okay');
    // h2 down: count okay 1 and a down -> critical.
    expect(evaluateClusters([c], [afd('a', 'h1', 'okay'), afd('a', 'h2', 'down')], ENV).c).toBe('critical');
  });

  it('WHEN match filters inputs and a higher cluster matches the lower one\'s dimension THEN levels chain', () => {
    const low = cluster({ name: 'low', members: [{ name: 'a', kind: 'alarm' }], match: { service: 's' }, dimension: { tier: 'x' } });
    const top = cluster({ name: 'top', level: 2, members: [{ name: 'low', kind: 'cluster' }], match_re: { tier: 'x|y' } });
    const out = evaluateClusters([top, low], [afd('a', 'h1', 'critical', { service: 's' }), afd('a', 'h2', 'down', { service: 'other' })], ENV);
    expect(out).toEqual({ low: 'critical', top: 'critical' });
  });

  it('WHEN no member reported THEN they are not counted (highest_severity: unknown)', () => {
    expect(evaluateClusters([cluster({ members: [{ name: 'a', kind: 'alarm' }] })], [], ENV).c).toBe('unknown');
  });
});
