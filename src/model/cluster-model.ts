/**
 * One cluster domain as the generators see it: its nodes, and the parts of the
 * `lma` namespace that belong to the domain rather than to one node (remote
 * alarms, alarm clusters, policies, dashboards, handlers), united across nodes.
 * Two nodes defining the same name differently is an error naming both places.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Diagnostic, SourceLocation } from '../diagnostics/index.js';
import { Codes, error } from '../diagnostics/index.js';
import { contributions } from '../inventory/provenance.js';
import { setKey } from '../inventory/values.js';
import { resolveAlarms, type ResolvedAlarms } from '../alarms/resolve.js';
import type { Alarm, Cluster, Dashboard, Handler, Policy, Secret } from './lma-types.js';
import type { NodeModel } from './node-model.js';

/** Sections of `lma` that are one per domain, united across its nodes. */
export const DOMAIN_SECTIONS = ['clusters', 'policies', 'dashboards', 'handlers', 'secrets'] as const;
export type DomainSection = (typeof DOMAIN_SECTIONS)[number];

export interface ClusterModel {
  name: string;
  nodes: readonly NodeModel[];
  /** Remote-scoped alarms (`scope: remote`), united across nodes. */
  remoteAlarms: Readonly<Record<string, Alarm>>;
  clusters: Readonly<Record<string, Cluster>>;
  policies: Readonly<Record<string, Policy>>;
  dashboards: Readonly<Record<string, Dashboard>>;
  handlers: Readonly<Record<string, Handler>>;
  /** Where each secret comes from: one declaration per domain (the generators render it once). */
  secrets: Readonly<Record<string, Secret>>;
  /** Alarms and alarm clusters resolved for compilation (src/alarms/resolve.ts). */
  alarms: ResolvedAlarms;
}

type Section = 'alarms' | DomainSection;

/** Where a node's value for lma:<section>:<name> was set (the last file that wrote it). */
function whereSet(n: NodeModel, path: string[]): SourceLocation {
  const cs = contributions(n.order, 'parameters', path);
  return cs[cs.length - 1]?.location ?? { file: n.file, line: 1, col: 1 };
}

export function clusterModel(name: string, nodes: readonly NodeModel[]): { model: ClusterModel; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const unite = <T>(key: Section, pick: (v: T) => boolean = () => true): Record<string, T> => {
    const out: Record<string, T> = {};
    const owner = new Map<string, NodeModel>();
    for (const n of nodes) {
      if (!n.lma) continue;
      const items = n.lma[key] as Record<string, T>;
      for (const item of Object.keys(items).sort()) {
        const v = items[item];
        if (!pick(v)) continue;
        const first = owner.get(item);
        if (!first) {
          owner.set(item, n);
          setKey(out, item, v);
        } else if (!isDeepStrictEqual(JSON.parse(JSON.stringify(out[item])), JSON.parse(JSON.stringify(v)))) {
          const path = ['lma', key, item];
          diagnostics.push(
            error(Codes.DOMAIN_CONFLICT, `lma:${key}:${item} is defined differently on nodes ${first.name} and ${n.name}; a domain-wide ${key.replace(/s$/, '')} must be the same on every node`, whereSet(n, path), [
              { message: `node ${first.name} defines it here`, location: whereSet(first, path) },
            ]),
          );
        }
      }
    }
    return out;
  };
  const isRemote = (v: Alarm): boolean => v.scope === 'remote';
  const united = {
    name,
    nodes,
    remoteAlarms: unite<Alarm>('alarms', isRemote),
    clusters: unite<Cluster>('clusters'),
    policies: unite<Policy>('policies'),
    dashboards: unite<Dashboard>('dashboards'),
    handlers: unite<Handler>('handlers'),
    secrets: unite<Secret>('secrets'),
  };
  const { alarms, diagnostics: alarmDiags } = resolveAlarms(united);
  diagnostics.push(...alarmDiags);
  return { model: { ...united, alarms }, diagnostics };
}
