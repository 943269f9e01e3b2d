/**
 * Sensu checks of the LMA pipeline itself, from every node's `lma:checks`. A
 * check is one resource per domain: nodes that define it with no `subscribers`
 * run it through their own `entity:<node>` subscription (which every Sensu
 * agent has, so no agent configuration is needed); explicit subscribers are
 * united. Empty `handlers` means `default`.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { Codes, error } from '../../src/diagnostics/index.js';
import type { ClusterModel } from '../../src/model/cluster-model.js';
import type { Check } from '../../src/model/lma-types.js';
import { lmaNodes, type NodeModel } from '../../src/model/node-model.js';
import { locateValue } from '../../src/validate/locate.js';
import { DELIVERY_CHECK, NOOP_HANDLER, resource, type SensuResource } from './resource.js';

/** The subscription of one node's agent (Sensu Go adds `entity:<name>` to every agent). */
export function entitySubscription(node: string): string {
  return `entity:${node}`;
}

export function checkResources(model: ClusterModel, namespace: string, report: (d: Diagnostic) => void): SensuResource[] {
  const nodes = lmaNodes(model.nodes);
  const seen = new Map<string, { check: Check; owner: NodeModel; subscriptions: Set<string> }>();
  for (const n of nodes) {
    for (const name of Object.keys(n.lma.checks).sort()) {
      const c = n.lma.checks[name];
      if (!c.enabled) continue;
      if (name === DELIVERY_CHECK) {
        const w = locateValue(n, ['lma', 'checks', name]);
        report(error(Codes.SENSU_NAME_RESERVED, `check name ${name} is reserved by lmac for Sensu (the check that delivers alarm and cluster statuses)`, w.location, w.related));
        continue;
      }
      const subs = c.subscribers.length > 0 ? c.subscribers : [entitySubscription(n.name)];
      const first = seen.get(name);
      if (!first) {
        seen.set(name, { check: c, owner: n, subscriptions: new Set(subs) });
        continue;
      }
      const rest = (x: Check): object => ({ ...x, subscribers: x.subscribers.length > 0 });
      if (!isDeepStrictEqual(rest(first.check), rest(c))) {
        const w = locateValue(n, ['lma', 'checks', name]);
        const o = locateValue(first.owner, ['lma', 'checks', name]);
        report(error(Codes.SENSU_CHECK_CONFLICT, `check ${name} is defined differently on nodes ${first.owner.name} and ${n.name}; a Sensu check is one resource per domain (only an empty subscribers list differs per node)`, w.location, [{ message: `node ${first.owner.name} defines it here`, location: o.location }]));
        continue;
      }
      for (const s of subs) first.subscriptions.add(s);
    }
  }
  const out: SensuResource[] = [];
  for (const name of [...seen.keys()].sort()) {
    const { check: c, owner, subscriptions } = seen.get(name)!;
    const handlers = c.handlers.length > 0 ? [...c.handlers] : ['default'];
    handlers.forEach((h, i) => {
      if (h !== NOOP_HANDLER && !Object.hasOwn(model.handlers, h)) {
        // A defaulted `default` is located at the check (locateValue climbs to what was written).
        const w = locateValue(owner, c.handlers.length > 0 ? ['lma', 'checks', name, 'handlers', i] : ['lma', 'checks', name]);
        report(error(Codes.SENSU_CHECK_HANDLER_UNKNOWN, `check ${name} notifies handler '${h}', which is not defined in lma:handlers of domain ${model.name}`, w.location, w.related));
      }
    });
    const spec = { command: c.command, interval: c.interval, timeout: c.timeout, subscriptions: [...subscriptions].sort(), handlers, publish: true };
    out.push(resource('CheckConfig', name, namespace, spec, c.description ? { description: c.description } : undefined));
  }
  return out;
}
