/**
 * What the collector generators read of a node: its name, its validated
 * `lma`, and the global labels every metric and log record carries.
 */
import type { Lma } from '../../src/model/lma-types.js';
import type { NodeModel } from '../../src/model/node-model.js';

export interface CollectorNode {
  name: string;
  lma: Lma;
  /** hostname, environment, region and availability_zone (when set), and the node's roles. */
  labels: Record<string, string>;
  /** For diagnostics: where a value of this node was set. */
  model: NodeModel;
}

/**
 * The labels of a node: the ones its alarms group by (hostname), the
 * domain's, and `roles`, the node's Reclass applications (sorted, joined by
 * commas: `roles=~"(.*,)?nova(,.*)?"` selects the nodes of one role).
 */
export function nodeLabels(n: Pick<NodeModel, 'name' | 'applications'> & { lma: Lma }): Record<string, string> {
  const labels: Record<string, string> = { environment: n.lma.environment, hostname: n.name };
  if (n.lma.region) labels.region = n.lma.region;
  if (n.lma.availability_zone) labels.availability_zone = n.lma.availability_zone;
  const roles = [...new Set(n.applications)].sort();
  if (roles.length > 0) labels.roles = roles.join(',');
  return labels;
}
