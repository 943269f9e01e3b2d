/**
 * The Nagios view of a domain, as StackLight's optional Nagios backend had it:
 * one host per node, one virtual host per `nagios_host` of the alerting-enabled
 * clusters (`00-top-clusters`, `01-service-clusters`, ...; `00-clusters` when
 * none is set) suffixed with `-<host_suffix>` (the environment when empty), and
 * one passive service per alerting-enabled alarm and cluster, on the host its
 * alerts name in their `nagios_host` label.
 */
import type { ClusterModel } from '../../src/model/cluster-model.js';
import type { Lma } from '../../src/model/lma-types.js';

export interface NagiosHost {
  name: string;
  /** A node, or a virtual host of clusters and domain-wide alarms. */
  kind: 'node' | 'cluster';
  /** The node's name, or the `nagios_host` value the virtual host stands for. */
  alias: string;
}

export interface NagiosService {
  host: string;
  /** The alarm's or cluster's name, as the events name it. */
  name: string;
  kind: 'alarm' | 'cluster';
  notes: string;
}

/** Where a name came from, for the diagnostic of a name Nagios cannot take. */
export interface NameSource {
  /** Path under the node parameters (`lma:...`), or null for a node's own name. */
  path: (string | number)[] | null;
  /** The node whose value it is, when one is known. */
  node?: string;
  what: string;
}

export interface NagiosObjects {
  hosts: NagiosHost[];
  services: NagiosService[];
  /** Every name put into the objects, with where it came from (checked by the caller). */
  names: { name: string; source: NameSource }[];
  /** Virtual hosts whose name is a node's too. */
  conflicts: { name: string; source: NameSource }[];
}

/** The default `nagios_host` of StackLight's alarm clusters and remote alarms. */
export const DEFAULT_CLUSTER_HOST = '00-clusters';

export function hostSuffix(settings: Lma['backends']['nagios'], environment: string): string {
  return settings.host_suffix || environment;
}

export function nagiosObjects(cluster: ClusterModel, settings: Lma['backends']['nagios']): NagiosObjects {
  const environment = cluster.alarms.environment;
  const suffix = hostSuffix(settings, environment);
  const suffixSource: NameSource = settings.host_suffix ? { path: ['lma', 'backends', 'nagios', 'host_suffix'], what: 'backends.nagios.host_suffix' } : { path: ['lma', 'environment'], what: 'the environment (the default host suffix; set backends.nagios.host_suffix)' };
  const hosts = new Map<string, NagiosHost>();
  const services = new Map<string, NagiosService>();
  const names: NagiosObjects['names'] = [];

  const nodes = cluster.nodes.filter((n) => n.lma !== null).map((n) => n.name).sort();
  for (const n of nodes) {
    hosts.set(n, { name: n, kind: 'node', alias: n });
    names.push({ name: n, source: { path: null, node: n, what: `node name ${n}` } });
  }
  const conflicts: NagiosObjects['conflicts'] = [];
  const virtualHost = (nagiosHost: string, source: NameSource): string => {
    const name = `${nagiosHost}-${suffix}`;
    const existing = hosts.get(name);
    if (existing?.kind === 'node') conflicts.push({ name, source });
    else if (!existing) {
      hosts.set(name, { name, kind: 'cluster', alias: nagiosHost });
      names.push({ name: nagiosHost, source }, { name: suffix, source: suffixSource });
    }
    return name;
  };
  const service = (host: string, name: string, kind: NagiosService['kind'], description: string, source: NameSource): void => {
    const key = `${host}\0${name}`;
    if (services.has(key)) return;
    services.set(key, { host, name, kind, notes: description });
    names.push({ name, source });
  };

  const { nodeGroups, remote, clusters } = cluster.alarms;
  for (const g of nodeGroups) {
    const a = g.alarm;
    if (a.alerting === 'disabled') continue;
    const source: NameSource = { path: ['lma', 'alarms', a.name], node: g.hosts[0], what: `alarm ${a.name}` };
    const targets = a.dimension.nagios_host ? [virtualHost(a.dimension.nagios_host, { ...source, path: ['lma', 'alarms', a.name, 'dimension', 'nagios_host'] })] : g.hosts;
    for (const h of targets) service(h, a.name, 'alarm', a.description, source);
  }
  for (const name of Object.keys(remote).sort()) {
    const a = remote[name];
    if (a.alerting === 'disabled') continue;
    const source: NameSource = { path: ['lma', 'alarms', name], what: `alarm ${name}` };
    service(virtualHost(a.dimension.nagios_host ?? DEFAULT_CLUSTER_HOST, { ...source, path: ['lma', 'alarms', name, 'dimension', 'nagios_host'] }), name, 'alarm', a.description, source);
  }
  for (const name of Object.keys(clusters).sort()) {
    const c = clusters[name];
    if (c.alerting === 'disabled') continue;
    const source: NameSource = { path: ['lma', 'clusters', name], what: `alarm cluster ${name}` };
    service(virtualHost(c.dimension.nagios_host ?? DEFAULT_CLUSTER_HOST, { ...source, path: ['lma', 'clusters', name, 'dimension', 'nagios_host'] }), name, 'cluster', c.description, source);
  }

  const byName = <T extends { name: string }>(a: T, b: T): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  return {
    hosts: [...hosts.values()].sort(byName),
    services: [...services.values()].sort((a, b) => (a.host < b.host ? -1 : a.host > b.host ? 1 : byName(a, b))),
    names,
    conflicts,
  };
}
