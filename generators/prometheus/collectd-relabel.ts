/**
 * metric_relabel_configs of the legacy collectors' scrape job: collectd's
 * write_prometheus series become the catalogue's (Telegraf) names and labels,
 * as src/collectors/collectd-metrics.ts translates them, and get the `service`
 * label Telegraf would have set from the input. Series without a translation
 * are kept under their collectd names.
 *
 * Every rule is conditioned on the node (the `hostname` target label):
 * translations depend on each node's inputs and options. Rules run in phases
 * (rename, set labels, map values, service, drop labels), and within a phase
 * rules touch distinct series or labels, so grouping them (hosts and names as
 * alternations) does not change the result.
 */
import { collectdMetricsOf, type CollectdTranslation } from '../../src/collectors/collectd-metrics.js';
import { isLegacyNode } from '../../src/collectors/catalogue.js';
import type { Lma } from '../../src/model/lma-types.js';

export interface RelabelConfig {
  source_labels: string[];
  regex: string;
  target_label: string;
  replacement: string;
}

interface Spec {
  phase: number;
  /** Source labels after hostname and __name__. */
  extra: string[];
  /** The regex after `<host>;<name>`. */
  tail: string;
  target: string;
  replacement: string;
}

/** RE2 (Prometheus relabeling) metacharacters escaped: the regex matches the text. */
export function escapeRegex(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/** A literal replacement: `$` starts a group reference, `$$` is a dollar. */
function literal(s: string): string {
  return s.replace(/\$/g, '$$$$');
}

function specs(t: CollectdTranslation, service: string): { name: string; spec: Spec }[] {
  const out: { name: string; spec: Spec }[] = [];
  const match = t.match ? { extra: [t.match.label], tail: `;${escapeRegex(t.match.value)}` } : { extra: [], tail: '' };
  out.push({ name: t.from, spec: { phase: 1, ...match, target: '__name__', replacement: literal(t.metric) } });
  // Later rules still tell this translation's series from others renamed to the same metric
  // (two procstat inputs) by the collectd label that selected them, until it is dropped last;
  // unless a rule overwrites that label, when all of the metric's series of the node get the same.
  const keyed = t.match && !t.set.some((op) => op.label === t.match?.label) ? match : { extra: [], tail: '' };
  const rule = (phase: number, extra: string[], tail: string, target: string, replacement: string): { name: string; spec: Spec } => ({
    name: t.metric,
    spec: { phase, extra: [...keyed.extra, ...extra], tail: `${keyed.tail}${tail}`, target, replacement },
  });
  for (const op of t.set) {
    if ('value' in op) {
      out.push(rule(2, [], '', op.label, literal(op.value)));
      continue;
    }
    out.push(rule(2, [op.from], ';(.*)', op.label, `${literal(op.prefix ?? '')}\${1}`));
    for (const [from, to] of Object.entries(op.map ?? {})) out.push(rule(3, [op.from], `;${escapeRegex(from)}`, op.label, literal(to)));
  }
  if (service) out.push(rule(4, [], '', 'service', literal(service)));
  // Setting a label to the empty string removes it.
  for (const label of t.drop) out.push(rule(5, [], '', label, ''));
  return out;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const alternation = (xs: readonly string[]): string => (xs.length === 1 ? escapeRegex(xs[0]) : `(?:${xs.map(escapeRegex).join('|')})`);

export function collectdRelabelConfigs(nodes: readonly { name: string; lma: Lma }[]): RelabelConfig[] {
  // (spec, name) -> hosts
  const byRule = new Map<string, { spec: Spec; name: string; hosts: Set<string> }>();
  for (const n of nodes) {
    if (!isLegacyNode(n.lma)) continue;
    for (const [inputName, input] of Object.entries(n.lma.inputs)) {
      if (!input.enabled || input.scope !== 'node') continue;
      for (const t of collectdMetricsOf(input.plugin, inputName, input.options as Record<string, unknown>)?.translations ?? []) {
        for (const { name, spec } of specs(t, input.service)) {
          const key = JSON.stringify([spec, name]);
          const seen = byRule.get(key);
          if (seen) seen.hosts.add(n.name);
          else byRule.set(key, { spec, name, hosts: new Set([n.name]) });
        }
      }
    }
  }
  // (spec, hosts) -> names
  const grouped = new Map<string, { spec: Spec; hosts: string[]; names: string[] }>();
  for (const r of byRule.values()) {
    const hosts = [...r.hosts].sort(cmp);
    const key = JSON.stringify([r.spec, hosts]);
    const seen = grouped.get(key);
    if (seen) seen.names.push(r.name);
    else grouped.set(key, { spec: r.spec, hosts, names: [r.name] });
  }
  const rules = [...grouped.values()].map((g) => ({
    phase: g.spec.phase,
    config: {
      source_labels: ['hostname', '__name__', ...g.spec.extra],
      regex: `${alternation(g.hosts)};${alternation([...g.names].sort(cmp))}${g.spec.tail}`,
      target_label: g.spec.target,
      replacement: g.spec.replacement,
    },
  }));
  rules.sort((a, b) => a.phase - b.phase || cmp(JSON.stringify(a.config), JSON.stringify(b.config)));
  return rules.map((r) => r.config);
}
