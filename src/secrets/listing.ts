/**
 * The secrets one cluster domain references, for `lmac secrets`: where each
 * comes from at deploy time (its lma:secrets declaration with the defaults),
 * where the model references it, and which generated files read it (found by
 * its environment variable or file path in the files). Pure: the caller builds.
 */
import type { ClusterModel } from '../model/cluster-model.js';
import { referencesIn, secretSource, type SecretSource } from './reference.js';

export interface SecretReferenceSite {
  /** `lma:backends:influxdb:password` */
  path: string;
  nodes: string[];
}

export interface DomainSecret extends SecretSource {
  references: SecretReferenceSite[];
  /** Generated files (relative to out/<cluster>/) that name its environment variable or file. */
  outputs: string[];
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every secret the domain's nodes reference, by name. */
export function domainSecrets(model: ClusterModel, files: ReadonlyMap<string, string> = new Map()): DomainSecret[] {
  const byName = new Map<string, DomainSecret>();
  for (const n of model.nodes) {
    if (!n.lma) continue;
    for (const r of referencesIn(n.lma)) {
      // The first node declaring it gives its source (the lint checks each node's own declaration).
      let s = byName.get(r.name);
      if (!s) {
        s = { ...secretSource(r.name, Object.hasOwn(n.lma.secrets, r.name) ? n.lma.secrets[r.name] : undefined), references: [], outputs: [] };
        byName.set(r.name, s);
      }
      const path = ['lma', ...r.path].join(':');
      const site = s.references.find((x) => x.path === path);
      if (site) {
        if (!site.nodes.includes(n.name)) site.nodes.push(n.name);
      } else s.references.push({ path, nodes: [n.name] });
    }
  }
  const secrets = [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const s of secrets) {
    s.references.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const env = new RegExp(`(?<![A-Za-z0-9_])${escapeRe(s.env)}(?![A-Za-z0-9_])`);
    const file = new RegExp(`${escapeRe(s.file)}(?![A-Za-z0-9_./-])`);
    for (const [p, content] of files) if (env.test(content) || file.test(content)) s.outputs.push(p);
    s.outputs.sort();
  }
  return secrets;
}

/** The generators (first path segments) of a list of output files, with counts: `collectors (6 files)`. */
export function summarizeOutputs(outputs: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const o of outputs) {
    const g = o.split('/')[0];
    counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  return [...counts].map(([g, k]) => `${g} (${k} ${k === 1 ? 'file' : 'files'})`).join(', ');
}
