/** Renders every node of a Reclass directory with a fresh Inventory: what the property tests compare. */
import { Inventory } from '../../src/inventory/inventory.js';
import { openReclassDir } from '../../src/inventory/storage.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';

export interface RenderedNode {
  ok: boolean;
  /** JSON-plain nodeinfo (ok nodes). */
  info?: unknown;
  /** Errors (failed nodes) or warnings (ok nodes). */
  diagnostics: Diagnostic[];
}

export interface Rendered {
  storage: Diagnostic[];
  nodes: Record<string, RenderedNode>;
}

/** `reverse`: render the nodes in reverse order (results are keyed by name either way). */
export function renderAll(dir: string, reverse = false): Rendered {
  const inv = new Inventory(openReclassDir(dir));
  const nodes: Rendered['nodes'] = {};
  const names = inv.nodeNames();
  for (const name of reverse ? [...names].reverse() : names) {
    const r = inv.renderNode(name);
    nodes[name] = r.ok ? { ok: true, info: JSON.parse(JSON.stringify(r.info)), diagnostics: r.warnings } : { ok: false, diagnostics: r.diagnostics };
  }
  return { storage: inv.diagnostics, nodes };
}
