/**
 * Where a value of a node's merged parameters was written: the file, line and
 * column in the class that set it, and the chain of classes that brought that
 * class in. List items are traced through Reclass list merging (later classes
 * append, `~key` replaces), so `rules[1]` points at the class that added it.
 */
import type { RelatedInformation, SourceLocation } from '../diagnostics/index.js';
import { locate, type Entity } from '../inventory/entity.js';
import { contributions, type Contribution } from '../inventory/provenance.js';

export type ValuePath = readonly (string | number)[];

/** What locating needs of a node: its merge order and the chains that included each entity. */
export interface MergeTrace {
  name: string;
  file: string;
  order: readonly Entity[];
  chains: readonly (readonly string[])[];
}

export interface Located {
  location: SourceLocation;
  /** The class chain of the file that set the value (node first). */
  related: RelatedInformation[];
}

/** `lma:triggers:x:rules:0` as users write paths (Reclass style). */
export function showPath(path: ValuePath): string {
  return path.join(':');
}

function chainOf(trace: MergeTrace, c: Contribution): RelatedInformation[] {
  const chain = [...(trace.chains[c.index] ?? []), c.entity.name];
  if (c.entity.kind === 'node' || chain.length < 2) return [];
  return [{ message: `set in class ${c.entity.name}, included via ${chain.slice(0, -1).join(' -> ')}` }];
}

function at(trace: MergeTrace, c: Contribution, tail: ValuePath): Located {
  return { location: locate(c.entity.text, c.entity.file, ['parameters', ...c.writtenPath, ...tail]), related: chainOf(trace, c) };
}

/**
 * The place that set `path` (a path under `parameters`). `prefer: 'first'` gives
 * the file that introduced the value (for "missing key" findings), `'last'` the
 * one whose value won the merge.
 */
export function locateValue(trace: MergeTrace, path: ValuePath, prefer: 'first' | 'last' = 'last'): Located {
  const k = path.findIndex((p) => typeof p === 'number');
  if (k >= 0) {
    const listPath = path.slice(0, k).map(String);
    const items: { c: Contribution; i: number }[] = [];
    const cs = contributions(trace.order, 'parameters', listPath);
    for (const c of cs) {
      const list = Array.isArray(c.value) ? c.value : [];
      const mine = list.map((_, i) => ({ c, i }));
      // `~key`, a constant, a non-list (a reference or a replaced parent) start the list anew.
      if ((c.kind !== 'set' && c.kind !== 'constant') || !Array.isArray(c.value)) items.length = 0;
      items.push(...mine);
    }
    const hit = items[path[k] as number];
    if (hit) return at(trace, hit.c, [hit.i, ...path.slice(k + 1)]);
    if (cs.length > 0) return at(trace, cs[cs.length - 1], []);
    return locateValue(trace, path.slice(0, k), prefer);
  }
  for (let n = path.length; n > 0; n--) {
    const cs = contributions(trace.order, 'parameters', path.slice(0, n).map(String));
    if (cs.length > 0) return at(trace, prefer === 'first' ? cs[0] : cs[cs.length - 1], []);
  }
  return { location: { file: trace.file, line: 1, col: 1 }, related: [] };
}
