/**
 * Provenance: which files set or merged into a parameter path, in merge order.
 * Computed on demand from the entities a node merged (never on the hot path):
 * `lmac explain` prints it, and diagnostics use it to point at file:line.
 */
import { locate, type Entity } from './entity.js';
import type { SourceLocation } from '../diagnostics/index.js';
import { PyFloat } from './py-value.js';

export type ContributionKind = 'set' | 'override' | 'constant' | 'parent';

export interface Contribution {
  /** Index of the entity in the node's merge order. */
  index: number;
  entity: Entity;
  kind: ContributionKind;
  /** The path as written in the file (with any `~`/`=` prefixes). */
  writtenPath: string[];
  /** The value as written (before interpolation). */
  value: unknown;
  location: SourceLocation;
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof PyFloat);
}

/**
 * Every contribution to `path` under `field` ('parameters' or 'exports'): files that
 * set the path itself, and files that replaced one of its parents with a non-mapping.
 */
export function contributions(order: readonly Entity[], field: 'parameters' | 'exports', path: readonly string[]): Contribution[] {
  const out: Contribution[] = [];
  order.forEach((entity, index) => {
    const root = entity.raw[field];
    if (!isMapping(root)) return;
    walk(root, 0, [field], '');
    function walk(node: Record<string, unknown>, depth: number, written: string[], inherited: '' | '~' | '='): void {
      const key = path[depth];
      for (const k of Object.keys(node)) {
        const flag = k[0] === '~' || k[0] === '=' ? (k[0] as '~' | '=') : '';
        if ((flag ? k.slice(1) : k) !== key) continue;
        const v = node[k];
        const w = [...written, k];
        const f = flag || inherited;
        if (depth === path.length - 1) {
          out.push({ index, entity, kind: f === '~' ? 'override' : f === '=' ? 'constant' : 'set', writtenPath: w.slice(1), value: v, location: locate(entity.text, entity.file, w) });
        } else if (isMapping(v)) {
          walk(v, depth + 1, w, f);
        } else if (v !== null && v !== undefined) {
          out.push({ index, entity, kind: 'parent', writtenPath: w.slice(1), value: v, location: locate(entity.text, entity.file, w) });
        }
      }
    }
  });
  return out;
}

/** Where an entity's `${...}` text sits under `path`, for pointing at a reference. */
export function findReference(cs: readonly Contribution[], needle: string): Contribution | undefined {
  for (let i = cs.length - 1; i >= 0; i--) {
    if (containsText(cs[i].value, needle)) return cs[i];
  }
  return undefined;
}

function containsText(v: unknown, needle: string): boolean {
  if (typeof v === 'string') return v.includes(needle);
  if (Array.isArray(v)) return v.some((x) => containsText(x, needle));
  if (v !== null && typeof v === 'object') return Object.values(v as Record<string, unknown>).some((x) => containsText(x, needle));
  return false;
}
