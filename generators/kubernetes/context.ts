/**
 * What every Kubernetes component builder reads: the domain, its nodes, the
 * files the other generators wrote (packaged into ConfigMaps), and the
 * domain's deployment settings (`lma.deploy`).
 */
import { createHash } from 'node:crypto';
import type { Chart } from 'cdk8s';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import type { ClusterModel } from '../../src/model/cluster-model.js';
import type { Deploy } from '../../src/model/lma-types.js';
import type { LmaNode } from '../../src/model/node-model.js';
import type { DomainSecretSources } from './secrets.js';

export type { LmaNode };

export interface KubeContext {
  cluster: ClusterModel;
  /** Nodes with an `lma`, sorted by name. */
  nodes: readonly LmaNode[];
  /** out/<cluster>/ files of the generators before this one (path -> content). */
  files: ReadonlyMap<string, string>;
  /** The domain's deployment settings (the first node's, in name order; lint keeps them equal). */
  deploy: Deploy;
  namespace: string;
  environment: string;
  /** The domain's secrets by the variable and file they are read from (secrets.ts). */
  secrets: DomainSecretSources;
  /** A problem found while building the manifests (reported with the build's diagnostics). */
  report(d: Diagnostic): void;
}

/** The label every object carries; its value names the manifest file (`<component>-<kind>.yaml`). */
export const COMPONENT_LABEL = 'app.kubernetes.io/component';
export const PART_OF = 'lmac';

/** The labels of a component's objects and pods (stable: selectors are built from them). */
export function componentLabels(component: string): Record<string, string> {
  return { 'app.kubernetes.io/name': component, [COMPONENT_LABEL]: component, 'app.kubernetes.io/part-of': PART_OF };
}

/** The pod-template annotation whose change rolls the pods when a config they mount changes. */
export const CHECKSUM_ANNOTATION = 'lmac.io/config-checksum';

/** sha256 over named contents (name and content, in name order): the same files give the same sum. */
export function checksum(contents: ReadonlyMap<string, string> | Record<string, string>): string {
  const entries = contents instanceof Map ? [...contents.entries()] : Object.entries(contents);
  const h = createHash('sha256');
  for (const [k, v] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) h.update(`${k}\u0000${v}\u0000`);
  return h.digest('hex');
}

/** The previous generators' files under `prefix` (e.g. `collectors/ctl01/`), keyed by the rest of the path. */
export function filesUnder(files: ReadonlyMap<string, string>, prefix: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [p, c] of files) if (p.startsWith(prefix)) out.set(p.slice(prefix.length), c);
  return out;
}

/** A component builder: adds its objects to the chart. */
export type Component = (chart: Chart, ctx: KubeContext) => void;
