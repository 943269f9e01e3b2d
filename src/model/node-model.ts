/**
 * One node as the generators see it: its name, its merged parameters and its
 * `lma` view, plus where each value came from (for diagnostics).
 */
import type { MergedNode } from '../inventory/resolve.js';
import type { NodeInfo } from '../inventory/inventory.js';
import type { Obj } from '../inventory/values.js';

export interface NodeModel {
  name: string;
  /** The node file, as shown in diagnostics. */
  file: string;
  environment: string;
  classes: readonly string[];
  applications: readonly string[];
  parameters: Obj;
  /** `parameters.lma`, or an empty mapping when the node has none. */
  lma: Obj;
  /** The entities merged for this node, in order: provenance (which file set a value). */
  order: MergedNode['order'];
}

export function nodeModel(info: NodeInfo, merged: MergedNode): NodeModel {
  const lma = info.parameters.lma;
  return {
    name: info.__reclass__.name,
    file: merged.node.file,
    environment: info.environment,
    classes: info.classes,
    applications: info.applications,
    parameters: info.parameters,
    lma: lma !== null && typeof lma === 'object' && !Array.isArray(lma) ? (lma as Obj) : {},
    // Only the order: the merge trees themselves are garbage once rendered.
    order: merged.order,
  };
}
