/**
 * One node as the generators see it: its name, its merged parameters and its
 * validated `lma` view (schema defaults applied), plus where each value came
 * from (for diagnostics).
 */
import type { MergedNode } from '../inventory/resolve.js';
import type { NodeInfo } from '../inventory/inventory.js';
import type { Obj } from '../inventory/values.js';
import type { Lma } from './lma-types.js';

export interface NodeModel {
  name: string;
  /** The node file, as shown in diagnostics. */
  file: string;
  environment: string;
  classes: readonly string[];
  applications: readonly string[];
  parameters: Obj;
  /** `parameters.lma` validated against schema/lma.schema.json, defaults applied; null when the node has none. */
  lma: Lma | null;
  /** The entities merged for this node, in order: provenance (which file set a value). */
  order: MergedNode['order'];
  /** For each entity in `order`, the names that included it (node first): the class chain. */
  chains: MergedNode['chains'];
}

export function nodeModel(info: NodeInfo, merged: MergedNode, lma: Lma | null): NodeModel {
  return {
    name: info.__reclass__.name,
    file: merged.node.file,
    environment: info.environment,
    classes: info.classes,
    applications: info.applications,
    parameters: info.parameters,
    lma,
    // Only the order: the merge trees themselves are garbage once rendered.
    order: merged.order,
    chains: merged.chains,
  };
}

/** A node with an `lma` namespace: the nodes generators work on. */
export type LmaNode = NodeModel & { lma: Lma };

/** The nodes with an `lma`, sorted by name (generators iterate them in this order, for deterministic output). */
export function lmaNodes(nodes: readonly NodeModel[]): LmaNode[] {
  return nodes.filter((n): n is LmaNode => n.lma !== null).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
