/**
 * How alerting-enabled alarms and clusters reach Sensu (docs/alerting.md): the
 * check `lma_alerts` runs on the aggregator nodes every `interval` seconds; its
 * command (templates/sensu/lma-sensu-events.mjs, written to sensu/bin/) reads
 * lma_afd_status and lma_gse_status from Prometheus and posts one event per
 * alarm (and host) and per cluster to the local agent API, with StackLight's
 * name, source, status and handler. This file builds what that script reads:
 * the routing table, where the handler rules are decided.
 */
import type { ResolvedAlarm, ResolvedCluster } from '../../src/alarms/resolve.js';
import type { ClusterModel } from '../../src/model/cluster-model.js';
import type { Lma } from '../../src/model/lma-types.js';
import { lmaNodes, type NodeModel } from '../../src/model/node-model.js';
import { entitySubscription } from './checks.js';
import { DELIVERY_CHECK, NOOP_HANDLER, resource, type SensuResource } from './resource.js';

export const SCRIPT = 'lma-sensu-events.mjs';
export const SCRIPT_CONFIG = 'lma-sensu-events.json';

/** Where one alarm's or cluster's events go. */
export interface Route {
  /** The handlers of its events: the no-op handler for `enabled`, the named one for `enabled_with_notification`. */
  handlers: string[];
  /** The event's source (a proxy entity); null: the `hostname` of each status (node alarms). */
  source: string | null;
  description: string;
}

export interface DeliveryConfig {
  environment: string;
  prometheus_url: string;
  agent_url: string;
  interval: number;
  alarms: Record<string, Route>;
  clusters: Record<string, Route>;
}

/** StackLight's handler rule; null for `disabled` (no event at all). */
export function eventHandlers(alerting: ResolvedAlarm['alerting'], handler: string): string[] | null {
  if (alerting === 'disabled') return null;
  return alerting === 'enabled_with_notification' ? [handler || 'default'] : [NOOP_HANDLER];
}

/** StackLight's source: the host for node alarms; the `nagios_host` dimension (default `00-clusters`) otherwise. */
export function eventSource(x: { dimension: Record<string, string> }, nodeAlarm: boolean): string | null {
  return nodeAlarm ? null : (x.dimension.nagios_host ?? '00-clusters');
}

export function routes(model: ClusterModel): { alarms: Record<string, Route>; clusters: Record<string, Route> } {
  const alarms: Record<string, Route> = {};
  // An alarm defined differently on some nodes routes like its first definition, as its alert does.
  for (const g of model.alarms.nodeGroups) {
    const a = g.alarm;
    const handlers = eventHandlers(a.alerting, a.handler);
    if (handlers && !Object.hasOwn(alarms, a.name)) alarms[a.name] = { handlers, source: eventSource(a, true), description: a.description };
  }
  for (const [name, a] of Object.entries(model.alarms.remote)) {
    const handlers = eventHandlers(a.alerting, a.handler);
    if (handlers) alarms[name] = { handlers, source: eventSource(a, false), description: a.description };
  }
  const clusters: Record<string, Route> = {};
  for (const [name, c] of Object.entries(model.alarms.clusters) as [string, ResolvedCluster][]) {
    const handlers = eventHandlers(c.alerting, c.handler);
    if (handlers) clusters[name] = { handlers, source: eventSource(c, false), description: c.description };
  }
  const sorted = (o: Record<string, Route>): Record<string, Route> => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
  return { alarms: sorted(alarms), clusters: sorted(clusters) };
}

/** Nodes that run the delivery check: the aggregators, else the Prometheus servers. */
export function deliveryNodes(model: ClusterModel): (NodeModel & { lma: Lma })[] {
  const nodes = lmaNodes(model.nodes);
  const aggregators = nodes.filter((n) => n.lma.roles.aggregator);
  return aggregators.length > 0 ? aggregators : nodes.filter((n) => n.lma.backends.prometheus.enabled);
}

export function deliveryCheck(nodes: readonly NodeModel[], sensu: Lma['backends']['sensu'], namespace: string, hasDefault: boolean): SensuResource {
  const dir = sensu.install_dir.replace(/\/+$/, '');
  return resource(
    'CheckConfig',
    DELIVERY_CHECK,
    namespace,
    {
      command: `node ${dir}/${SCRIPT} ${dir}/${SCRIPT_CONFIG}`,
      interval: sensu.interval,
      // Two Prometheus queries and one POST per event, each bounded by the script's own timeout.
      timeout: Math.max(10, Math.min(sensu.interval, 60)),
      subscriptions: nodes.map((n) => entitySubscription(n.name)).sort(),
      // A broken delivery path is itself an incident.
      handlers: hasDefault ? ['default'] : [],
      publish: true,
    },
    { description: 'delivers the statuses of alerting-enabled alarms and clusters from Prometheus to Sensu as events (docs/alerting.md)' },
  );
}
