/**
 * Alarms (AFD) and alarm clusters (GSE) resolved from a validated cluster
 * model into target-neutral data: every alarm with its enabled triggers in
 * order and their normalized rules, every cluster with its members, policy
 * (as data) and level in the topology. The alarms generator writes this as
 * JSON; the Prometheus generator compiles it to rules.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Diagnostic } from '../diagnostics/index.js';
import { Codes, error } from '../diagnostics/index.js';
import type { ClusterModel } from '../model/cluster-model.js';
import type { Alarm, Lma, Policy, RelationalOperator, Rule, Severity, Trigger } from '../model/lma-types.js';
import type { NodeModel } from '../model/node-model.js';
import { locateValue } from '../validate/locate.js';
import { BUILTIN_POLICIES } from './policies.js';

export type Operator = '==' | '!=' | '>=' | '>' | '<=' | '<';

const OPERATORS: Readonly<Record<RelationalOperator, Operator>> = {
  '==': '==', '!=': '!=', '>=': '>=', '>': '>', '<=': '<=', '<': '<',
  eq: '==', ne: '!=', gte: '>=', gt: '>', lte: '<=', lt: '<',
};

export function operator(op: RelationalOperator): Operator {
  return OPERATORS[op];
}

export interface ResolvedRule {
  metric: string;
  /** Field expressions by label, as written (numbers and booleans as text). */
  field: Record<string, string>;
  relational_operator: Operator;
  threshold: number;
  window: number;
  /** At least 1 (0 means 1). */
  periods: number;
  function: Rule['function'];
  group_by: string[];
  value: string;
}

export interface ResolvedTrigger {
  name: string;
  description: string;
  severity: Severity;
  logical_operator: 'or' | 'and';
  no_data_policy: Trigger['no_data_policy'];
  rules: ResolvedRule[];
}

export interface ResolvedAlarm {
  name: string;
  description: string;
  scope: 'node' | 'remote';
  alerting: Alarm['alerting'];
  handler: string;
  /** The `service` label: the alarm's service, else its dimension's. */
  service: string;
  dimension: Record<string, string>;
  /** Enabled triggers, in the alarm's order. */
  triggers: ResolvedTrigger[];
}

export interface AlarmGroup {
  alarm: ResolvedAlarm;
  /** Nodes evaluating this very definition (empty for a remote alarm). */
  hosts: string[];
}

export interface ResolvedCluster {
  name: string;
  description: string;
  policy: string;
  /** The policy's entries, tried top-down (nothing matched: unknown). */
  policy_rules: Policy;
  members: { name: string; kind: 'alarm' | 'cluster' }[];
  group_by: 'member' | 'hostname' | 'none';
  match: Record<string, string>;
  match_re: Record<string, string>;
  dimension: Record<string, string>;
  alerting: Alarm['alerting'];
  handler: string;
  hints: string[];
  interval: number;
  warm_up_period: number;
  /** 1 for clusters of alarms; one more than the highest member cluster otherwise. */
  level: number;
}

export interface ResolvedAlarms {
  environment: string;
  /** Per node, its enabled node alarms. */
  nodes: Record<string, Record<string, ResolvedAlarm>>;
  /** Node alarms grouped by identical definition (what a rule is compiled from). */
  nodeGroups: AlarmGroup[];
  remote: Record<string, ResolvedAlarm>;
  clusters: Record<string, ResolvedCluster>;
}

function resolveRule(r: Rule): ResolvedRule {
  return {
    metric: r.metric,
    field: Object.fromEntries(Object.entries(r.field).map(([k, v]) => [k, String(v)])),
    relational_operator: operator(r.relational_operator),
    threshold: r.threshold,
    window: r.window,
    periods: Math.max(1, r.periods),
    function: r.function,
    group_by: [...r.group_by],
    value: r.value,
  };
}

/** Operators as symbols, so every consumer compares the same way. */
function normalizePolicy(p: Policy): Policy {
  return p.map((e) => ({ status: e.status, trigger: e.trigger ? { logical_operator: e.trigger.logical_operator, rules: e.trigger.rules.map((r) => ({ ...r, relational_operator: operator(r.relational_operator) })) } : null }));
}

function resolveAlarm(name: string, a: Alarm, lma: Lma): ResolvedAlarm {
  const triggers: ResolvedTrigger[] = [];
  for (const t of a.triggers) {
    const tr = Object.hasOwn(lma.triggers, t) ? lma.triggers[t] : undefined;
    // The lint has reported unknown triggers; a disabled one is dropped, as in StackLight.
    if (!tr || !tr.enabled) continue;
    triggers.push({ name: t, description: tr.description, severity: tr.severity, logical_operator: tr.logical_operator, no_data_policy: tr.no_data_policy, rules: tr.rules.map(resolveRule) });
  }
  return {
    name,
    description: a.description,
    scope: a.scope,
    alerting: a.alerting,
    handler: a.handler,
    service: a.dimension.service ?? a.service,
    dimension: { ...a.dimension },
    triggers,
  };
}

function sorted<T>(o: Record<string, T>): [string, T][] {
  return Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function resolveAlarms(model: Omit<ClusterModel, 'alarms'>): { alarms: ResolvedAlarms; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const withLma = model.nodes.filter((n): n is NodeModel & { lma: Lma } => n.lma !== null);
  const nodes: Record<string, Record<string, ResolvedAlarm>> = {};
  const groups: AlarmGroup[] = [];
  const byName = new Map<string, AlarmGroup[]>();
  const remote: Record<string, ResolvedAlarm> = {};
  const remoteOwner = new Map<string, NodeModel>();
  for (const n of [...withLma].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const mine: Record<string, ResolvedAlarm> = {};
    for (const [name, a] of sorted(n.lma.alarms)) {
      if (!a.enabled) continue;
      const r = resolveAlarm(name, a, n.lma);
      if (a.scope === 'remote') {
        const first = remoteOwner.get(name);
        if (!first) {
          remoteOwner.set(name, n);
          remote[name] = r;
        } else if (!isDeepStrictEqual(remote[name], r)) {
          // The alarm item is the same (the cluster model checked it); its triggers differ.
          const where = locateValue(n, ['lma', 'alarms', name, 'triggers']);
          diagnostics.push(error(Codes.DOMAIN_CONFLICT, `remote alarm ${name} resolves to different triggers on nodes ${first.name} and ${n.name}; a remote alarm runs once per domain, so its triggers must be the same on every node`, where.location, where.related));
        }
        continue;
      }
      mine[name] = r;
      // Compared only with definitions of the same alarm: nodes x alarms stays linear.
      const same = byName.get(name) ?? [];
      const g = same.find((x) => isDeepStrictEqual(x.alarm, r));
      if (g) g.hosts.push(n.name);
      else {
        const fresh = { alarm: r, hosts: [n.name] };
        same.push(fresh);
        byName.set(name, same);
        groups.push(fresh);
      }
    }
    nodes[n.name] = mine;
  }
  groups.sort((a, b) => (a.alarm.name < b.alarm.name ? -1 : a.alarm.name > b.alarm.name ? 1 : a.hosts[0] < b.hosts[0] ? -1 : 1));

  const alarmNames = new Set([...groups.map((g) => g.alarm.name), ...Object.keys(remote)]);
  const clusters: Record<string, ResolvedCluster> = {};
  const enabled = sorted(model.clusters).filter(([, c]) => c.enabled);
  const enabledNames = new Set(enabled.map(([n]) => n));
  for (const [name, c] of enabled) {
    const policy = Object.hasOwn(model.policies, c.policy) ? model.policies[c.policy] : BUILTIN_POLICIES[c.policy];
    clusters[name] = {
      name,
      description: c.description,
      policy: c.policy,
      policy_rules: normalizePolicy(policy ?? []),
      members: c.members.filter((m) => enabledNames.has(m) || alarmNames.has(m)).map((m) => ({ name: m, kind: enabledNames.has(m) ? 'cluster' : 'alarm' })),
      group_by: c.group_by,
      match: { ...c.match },
      match_re: { ...c.match_re },
      dimension: { ...c.dimension },
      alerting: c.alerting,
      handler: c.handler,
      hints: [...c.hints],
      interval: c.interval,
      warm_up_period: c.warm_up_period,
      level: 0,
    };
  }
  // Levels (the lint has refused cycles).
  const level = (name: string, seen: Set<string>): number => {
    const c = clusters[name];
    if (c.level > 0) return c.level;
    if (seen.has(name)) return 1;
    seen.add(name);
    c.level = 1 + Math.max(0, ...c.members.filter((m) => m.kind === 'cluster').map((m) => level(m.name, seen)));
    return c.level;
  };
  for (const name of Object.keys(clusters)) level(name, new Set());

  const environment = withLma[0]?.lma.environment ?? '';
  return { alarms: { environment, nodes, nodeGroups: groups, remote, clusters }, diagnostics };
}
