/**
 * The validate stage for one rendered node: its merged `lma` against the
 * schema, then the node lint, the selection lint and the secret lint. Only a node whose `lma` passes the schema is
 * linted (the lint reads typed, defaulted data).
 */
import type { Diagnostic } from '../diagnostics/index.js';
import type { NodeInfo } from '../inventory/inventory.js';
import type { MergedNode } from '../inventory/resolve.js';
import { producedMetrics } from '../collectors/catalogue.js';
import type { Lma } from '../model/lma-types.js';
import { lintNode } from './lint-node.js';
import { lintSecrets } from './lint-secrets.js';
import { lintSelection } from './lint-selection.js';
import { checkLma } from './schema-check.js';

export interface NodeCheck {
  lma: Lma | null;
  diagnostics: Diagnostic[];
  /** The metric names the node declares or produces (for the domain's dashboard lint). */
  metrics: ReadonlySet<string>;
}

export function checkNode(info: NodeInfo, merged: MergedNode): NodeCheck {
  if (!Object.hasOwn(info.parameters, 'lma')) return { lma: null, diagnostics: [], metrics: new Set() };
  const trace = { name: info.__reclass__.name, file: merged.node.file, order: merged.order, chains: merged.chains };
  // A plain copy: integral floats become numbers, and defaults are written into the copy only.
  const data: unknown = JSON.parse(JSON.stringify(info.parameters.lma));
  const { lma, diagnostics } = checkLma(data, trace);
  if (!lma) return { lma: null, diagnostics, metrics: new Set() };
  // What the node's collectors produce, worked out once for both lints that read it.
  const production = producedMetrics(lma);
  const metrics = new Set([...Object.keys(lma.metrics), ...production.metrics.keys(), ...production.withheld.keys()]);
  return { lma, diagnostics: [...lintNode(lma, trace, production), ...lintSelection(lma, trace, production), ...lintSecrets(lma, trace)], metrics };
}
