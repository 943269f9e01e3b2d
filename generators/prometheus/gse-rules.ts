/**
 * Where an alarm cluster becomes a rule: each GSE cluster compiled to two
 * recording rules in the `gse` group, members before the clusters that
 * contain them (so one evaluation sees the levels below):
 *
 *   lma_gse_group_weight{cluster, hostname|member}  each group's status, as a weight
 *   lma_gse_status{cluster, environment, <dimension>} the status the policy gives
 *
 * Inputs are the members' statuses whose labels satisfy `match`/`match_re`.
 * A group's status is the heaviest of its inputs (OKAY beats UNKNOWN), so it
 * is computed on weights; policies count groups by status, first entry wins,
 * nothing matched is unknown (docs/alarms.md).
 */
import type { ResolvedCluster } from '../../src/alarms/resolve.js';
import { STATUS_CODE, STATUS_WEIGHT } from '../../src/alarms/status.js';
import type { Policy, PolicyRule } from '../../src/model/lma-types.js';
import type { RecordingRule, RuleGroup } from './afd-rules.js';
import { num, reEscape, selector, type Matcher } from './promql.js';

/** Status code -> weight: OKAY 0->1, WARN 1->2, UNKW 2->0, CRIT 3->3, DOWN 4->4. */
function weight(x: string): string {
  return `(${x} + (${x} < bool 2) - 2 * (${x} == bool 2))`;
}

function inputs(c: ResolvedCluster, environment: string): string {
  const match: Matcher[] = [
    { label: 'environment', op: '=', value: environment },
    ...Object.keys(c.match).sort().map((k): Matcher => ({ label: k, op: '=', value: c.match[k] })),
    // Unanchored, as Heka's `Fields[k] =~ /re/` was (Prometheus anchors, hence `.*`).
    ...Object.keys(c.match_re).sort().map((k): Matcher => ({ label: k, op: '=~', value: `.*(?:${c.match_re[k]}).*` })),
  ];
  const parts: string[] = [];
  for (const [kind, metric] of [['alarm', 'lma_afd_status'], ['cluster', 'lma_gse_status']] as const) {
    const names = c.members.filter((m) => m.kind === kind).map((m) => m.name);
    if (names.length === 0) continue;
    const who: Matcher = names.length === 1 ? { label: kind, op: '=', value: names[0] } : { label: kind, op: '=~', value: names.map(reEscape).join('|') };
    parts.push(`label_replace(${selector(metric, [...match, who])}, "member", "$1", "${kind}", "(.*)")`);
  }
  return parts.length === 1 ? parts[0] : `(${parts.join(' or ')})`;
}

function policyRuleExpr(r: PolicyRule, groups: string): string {
  const counted = `(count(${r.arguments.map((s) => `${groups} == ${STATUS_WEIGHT[s]}`).join(' or ')}) or vector(0))`;
  // No groups at all gives 0/0 = NaN, which compares false (and != true), as in StackLight's Lua.
  const value = r.function === 'count' ? counted : `${counted} * 100 / (count(${groups}) or vector(0))`;
  return `${value} ${r.relational_operator} ${num(r.threshold)}`;
}

export function policyExpr(policy: Policy, groups: string): string {
  const entries = policy.map((e) => {
    const cond = e.trigger ? e.trigger.rules.map((r) => `(${policyRuleExpr(r, groups)})`).join(e.trigger.logical_operator === 'and' ? ' and ' : ' or ') : '';
    // `and on()` keeps the status whatever the condition's value: a percent of no groups is NaN.
    return e.trigger ? `vector(${STATUS_CODE[e.status]}) and on() (${cond})` : `vector(${STATUS_CODE[e.status]})`;
  });
  return [...entries, `vector(${STATUS_CODE.unknown})`].join('\nor ');
}

export function clusterLabels(c: ResolvedCluster, environment: string): Record<string, string> {
  const labels: Record<string, string> = { cluster: c.name, environment };
  for (const k of Object.keys(c.dimension).sort()) labels[k] = c.dimension[k];
  return labels;
}

export function gseGroup(clusters: readonly ResolvedCluster[], environment: string): RuleGroup {
  const ordered = [...clusters].sort((a, b) => a.level - b.level || (a.name < b.name ? -1 : 1));
  const rules: RecordingRule[] = [];
  for (const c of ordered) {
    const by = c.group_by === 'hostname' ? 'hostname' : 'member';
    if (c.members.length > 0) {
      rules.push({ record: 'lma_gse_group_weight', expr: `max by (${by}) ${weight(inputs(c, environment))}`, labels: { cluster: c.name, environment } });
    }
    const groups = selector('lma_gse_group_weight', [
      { label: 'cluster', op: '=', value: c.name },
      { label: 'environment', op: '=', value: environment },
    ]);
    rules.push({ record: 'lma_gse_status', expr: policyExpr(c.policy_rules, groups), labels: clusterLabels(c, environment) });
  }
  return { name: 'gse', rules };
}
