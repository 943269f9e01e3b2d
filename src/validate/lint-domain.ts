/**
 * Semantic lint of one cluster domain: the parts of `lma` united across its
 * nodes. Alarm-cluster members must be produced by an alarm or cluster of the
 * domain and satisfy the cluster's `match`; clusters form no cycle; hints,
 * policies and handlers name things that exist; dashboards have unique uids
 * and query provisioned datasources. These are the silent gaps StackLight's
 * own data shipped (../reference/stacklight-semantics.md).
 */
import type { Diagnostic, RelatedInformation } from '../diagnostics/index.js';
import { Codes, error } from '../diagnostics/index.js';
import { BUILTIN_POLICIES } from '../alarms/policies.js';
import type { ClusterModel } from '../model/cluster-model.js';
import type { Dimension } from '../model/lma-types.js';
import type { NodeModel } from '../model/node-model.js';
import { locateValue, type ValuePath } from './locate.js';
import { didYouMean } from './suggest.js';


const DATASOURCES = ['prometheus', 'influxdb', 'elasticsearch'] as const;

/** A status producer of the domain: an alarm (on some node, or remote) or an alarm cluster. */
interface Producer {
  kind: 'alarm' | 'cluster';
  enabled: boolean;
  dimensions: Dimension[];
}

function has(o: object, k: string): boolean {
  return Object.hasOwn(o, k);
}

/** The value at `path` under a node's lma, if the node has it. */
function lookup(n: NodeModel, path: ValuePath): unknown {
  let v: unknown = n.lma;
  for (const p of path.slice(1)) {
    if (v === null || typeof v !== 'object' || !has(v, String(p))) return undefined;
    v = (v as Record<string, unknown>)[String(p)];
  }
  return v;
}

export function lintDomain(model: ClusterModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const where = (path: ValuePath): { location?: Diagnostic['location']; related: RelatedInformation[] } => {
    const n = model.nodes.find((x) => x.lma && lookup(x, path) !== undefined);
    return n ? locateValue(n, path) : { related: [] };
  };
  const report = (code: string, message: string, path: ValuePath, extra: RelatedInformation[] = []): void => {
    const { location, related } = where(path);
    out.push(error(code, message, location, [...extra, ...related]));
  };

  // Everything that emits a status in this domain, by name.
  const producers = new Map<string, Producer>();
  const add = (name: string, kind: Producer['kind'], enabled: boolean, dimension: Dimension): void => {
    const p = producers.get(name) ?? { kind, enabled: false, dimensions: [] };
    p.enabled ||= enabled;
    if (enabled && !p.dimensions.some((d) => JSON.stringify(d) === JSON.stringify(dimension))) p.dimensions.push(dimension);
    producers.set(name, p);
  };
  for (const n of model.nodes) for (const [name, a] of Object.entries(n.lma?.alarms ?? {})) add(name, 'alarm', a.enabled, a.dimension);
  for (const [name, c] of Object.entries(model.clusters)) add(name, 'cluster', c.enabled, c.dimension);

  const policies = [...Object.keys(BUILTIN_POLICIES), ...Object.keys(model.policies)];
  const clusterNames = Object.keys(model.clusters);
  for (const [name, c] of Object.entries(model.clusters)) {
    if (!c.enabled) continue;
    const at = ['lma', 'clusters', name];
    if (!policies.includes(c.policy)) report(Codes.POLICY_UNKNOWN, `alarm cluster ${name} uses policy '${c.policy}', which is neither built in nor defined in lma:policies${didYouMean(c.policy, policies)}`, [...at, 'policy']);

    const matching: string[] = [];
    const regexes: [string, RegExp][] = [];
    for (const [k, re] of Object.entries(c.match_re)) {
      try {
        regexes.push([k, new RegExp(re)]);
      } catch (e) {
        report(Codes.CLUSTER_MATCH_UNSATISFIABLE, `alarm cluster ${name}: match_re ${k} is not a regular expression: ${(e as Error).message}`, [...at, 'match_re', k]);
      }
    }
    const satisfies = (member: string, d: Dimension): boolean => {
      const field = (k: string): string | undefined => (k === 'member' ? member : has(d, k) ? d[k] : undefined);
      return Object.entries(c.match).every(([k, v]) => field(k) === v) && regexes.every(([k, re]) => re.test(field(k) ?? ''));
    };
    c.members.forEach((m, i) => {
      const p = producers.get(m);
      if (!p) {
        report(Codes.CLUSTER_MEMBER_UNKNOWN, `alarm cluster ${name} lists member '${m}', which no alarm or cluster of domain ${model.name} produces${didYouMean(m, producers.keys())}`, [...at, 'members', i]);
      } else if (!p.enabled) {
        report(Codes.CLUSTER_MEMBER_UNKNOWN, `alarm cluster ${name} lists member '${m}', which is disabled everywhere in domain ${model.name}`, [...at, 'members', i]);
      } else if (p.dimensions.some((d) => satisfies(m, d))) matching.push(m);
    });
    const known = c.members.filter((m) => producers.get(m)?.enabled);
    if (known.length > 0 && matching.length === 0) {
      const dims = known.map((m) => `${m} ${producers.get(m)?.dimensions.map((d) => JSON.stringify(d)).join(' or ')}`);
      report(Codes.CLUSTER_MATCH_UNSATISFIABLE, `alarm cluster ${name} can never see a status: no member's dimension satisfies its match ${JSON.stringify({ ...c.match, ...c.match_re })} (members: ${dims.join('; ')})`, [...at, Object.keys(c.match).length > 0 ? 'match' : 'match_re']);
    }
    c.hints.forEach((h, i) => {
      if (!has(model.clusters, h)) report(Codes.CLUSTER_HINT_UNKNOWN, `alarm cluster ${name} hints at '${h}', which is not an alarm cluster of domain ${model.name}${didYouMean(h, clusterNames)}`, [...at, 'hints', i]);
    });
  }

  // Cycles among clusters (a cluster that is, through members, its own member).
  const state = new Map<string, 'active' | 'done'>();
  const visit = (name: string, stack: string[]): void => {
    state.set(name, 'active');
    for (const m of model.clusters[name].members) {
      if (!has(model.clusters, m)) continue;
      if (state.get(m) === 'active') {
        const cycle = [...stack.slice(stack.indexOf(m)), m];
        report(Codes.CLUSTER_CYCLE, `alarm clusters form a cycle: ${cycle.join(' -> ')}`, ['lma', 'clusters', m, 'members', model.clusters[m].members.indexOf(cycle[1])]);
      } else if (!state.has(m)) visit(m, [...stack, m]);
    }
    state.set(name, 'done');
  };
  for (const name of clusterNames.sort()) if (!state.has(name)) visit(name, [name]);

  // Handlers: the ones alerting alarms and clusters name, and the members of set handlers.
  const handlerNames = Object.keys(model.handlers);
  const notifying: [string, ValuePath, string][] = [];
  const seenAlarm = new Set<string>();
  for (const n of model.nodes) {
    for (const [name, a] of Object.entries(n.lma?.alarms ?? {})) {
      if (a.enabled && a.alerting === 'enabled_with_notification' && !seenAlarm.has(`${name}\0${a.handler}`)) {
        seenAlarm.add(`${name}\0${a.handler}`);
        notifying.push([`alarm ${name}`, ['lma', 'alarms', name, 'handler'], a.handler]);
      }
    }
  }
  for (const [name, c] of Object.entries(model.clusters)) {
    if (c.enabled && c.alerting === 'enabled_with_notification') notifying.push([`alarm cluster ${name}`, ['lma', 'clusters', name, 'handler'], c.handler]);
  }
  for (const [who, path, handler] of notifying) {
    // A defaulted handler is located at its alarm or cluster (locateValue climbs to what was written).
    if (!has(model.handlers, handler)) report(Codes.HANDLER_UNKNOWN, `${who} notifies handler '${handler}', which is not defined in lma:handlers of domain ${model.name}${didYouMean(handler, handlerNames) || (handlerNames.length ? ` (handlers: ${handlerNames.join(', ')})` : '')}`, path);
  }
  for (const [name, h] of Object.entries(model.handlers)) {
    if (h.type !== 'set') continue;
    h.handlers.forEach((m, i) => {
      if (!has(model.handlers, m)) report(Codes.HANDLER_SET_INVALID, `set handler ${name} lists '${m}', which is not a handler${didYouMean(m, handlerNames)}`, ['lma', 'handlers', name, 'handlers', i]);
    });
  }
  const setCycle = (start: string): string[] | null => {
    const walk = (name: string, stack: string[]): string[] | null => {
      const h = has(model.handlers, name) ? model.handlers[name] : undefined;
      if (!h || h.type !== 'set') return null;
      for (const m of h.handlers) {
        if (m === start) return [...stack, m];
        if (!stack.includes(m)) {
          const c = walk(m, [...stack, m]);
          if (c) return c;
        }
      }
      return null;
    };
    return walk(start, [start]);
  };
  for (const name of handlerNames.sort()) {
    const cycle = setCycle(name);
    if (cycle && cycle.every((x) => x >= name)) report(Codes.HANDLER_SET_INVALID, `set handlers form a cycle: ${cycle.join(' -> ')}`, ['lma', 'handlers', name, 'handlers']);
  }

  // Dashboards: unique uids, datasources provisioned by an enabled backend.
  const provisioned = new Set<string>();
  for (const n of model.nodes) for (const ds of DATASOURCES) if (n.lma?.backends[ds].enabled) provisioned.add(ds);
  const uids = new Map<string, string>();
  for (const name of Object.keys(model.dashboards).sort()) {
    const d = model.dashboards[name];
    if (!d.enabled) continue;
    const uid = d.uid || name;
    const first = uids.get(uid);
    if (first !== undefined) {
      const other = where(['lma', 'dashboards', first, ...(model.dashboards[first].uid ? ['uid'] : [])]);
      report(Codes.DASHBOARD_UID_DUPLICATE, `dashboards ${first} and ${name} have the same uid '${uid}'; Grafana would keep only one`, ['lma', 'dashboards', name, ...(d.uid ? ['uid'] : [])], [{ message: `dashboard ${first} has it`, location: other.location }]);
    } else uids.set(uid, name);
    const check = (ds: string, path: ValuePath, what: string): void => {
      if (!provisioned.has(ds)) report(Codes.DATASOURCE_NOT_PROVISIONED, `${what} queries datasource ${ds}, but backend ${ds} is not enabled in domain ${model.name}${provisioned.size ? ` (provisioned: ${[...provisioned].sort().join(', ')})` : ' (no datasource is provisioned)'}`, path);
    };
    const dashAt = ['lma', 'dashboards', name];
    const inherited: string[] = [];
    for (const [rowName, row] of Object.entries(d.rows)) {
      for (const [panelName, p] of Object.entries(row.panels)) {
        if (p.datasource) check(p.datasource, [...dashAt, 'rows', rowName, 'panels', panelName, 'datasource'], `panel ${panelName} of dashboard ${name}`);
        else inherited.push(panelName);
      }
    }
    if (inherited.length > 0) check(d.datasource, [...dashAt, 'datasource'], `dashboard ${name} (panels ${inherited.join(', ')})`);
  }
  return out;
}
