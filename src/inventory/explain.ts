/**
 * `lmac explain`: where a value comes from. For one node and one key path, every
 * file that set or merged into it (merge order, file:line, what it wrote), the
 * references the written values go through (each with the value it resolved to
 * and where that was set), and the final value.
 */
import type { SourceLocation } from '../diagnostics/index.js';
import { contributions, type ContributionKind } from './provenance.js';
import { getPath, NOT_FOUND, splitDelimited } from './inventory-query.js';
import { parseValueString, Tmpl, type TmplPart } from './reference-parser.js';
import type { MergedNode } from './resolve.js';
import type { Obj } from './values.js';

export interface ExplainStep {
  kind: ContributionKind;
  location: SourceLocation;
  /** Class or node name of the entity. */
  entity: string;
  /** Key path as written, with any `~`/`=` prefixes. */
  written: string;
  value: unknown;
}

export interface ExplainReference {
  ref: string;
  /** Depth in the chain: 0 for references written at the path itself. */
  depth: number;
  found: boolean;
  value?: unknown;
  setAt?: SourceLocation;
}

export interface Explanation {
  node: string;
  field: 'parameters' | 'exports';
  path: string[];
  found: boolean;
  steps: ExplainStep[];
  references: ExplainReference[];
  final?: unknown;
}

/** Splits `parameters:a:b`, `exports:x` or plain `a:b` (parameters). */
export function parseKeyPath(key: string, delimiter: string): { field: 'parameters' | 'exports'; path: string[] } {
  const parts = splitDelimited(key, delimiter).filter((p) => p !== '');
  if (parts[0] === 'parameters' || parts[0] === 'exports') return { field: parts[0], path: parts.slice(1) };
  return { field: 'parameters', path: parts };
}

export function explain(merged: MergedNode, rendered: { parameters: Obj; exports: Obj }, key: string, delimiter: string): Explanation {
  const { field, path } = parseKeyPath(key, delimiter);
  const cs = contributions(merged.order, field, path);
  const steps: ExplainStep[] = cs.map((c) => ({
    kind: c.kind,
    location: c.location,
    entity: c.entity.kind === 'base' ? '(automatic parameters)' : c.entity.name,
    written: c.writtenPath.join(':'),
    value: c.value,
  }));
  const final = getPath(rendered[field], path);
  const references: ExplainReference[] = [];
  const seen = new Set<string>();
  // Follow references breadth-first from what was written at the path; a chain
  // of `${a}` -> `${b}` shows every hop with the file that set it.
  let frontier: string[] = collectRefs(cs.map((c) => c.value), delimiter);
  for (let depth = 0; frontier.length > 0 && depth < 16; depth++) {
    const next: string[] = [];
    for (const ref of frontier) {
      if (seen.has(ref)) continue;
      seen.add(ref);
      const refPath = splitDelimited(ref, delimiter);
      const v = getPath(rendered.parameters, refPath);
      const rcs = contributions(merged.order, 'parameters', refPath);
      const last = rcs[rcs.length - 1];
      const r: ExplainReference = { ref: '${' + ref + '}', depth, found: v !== NOT_FOUND };
      if (v !== NOT_FOUND) r.value = v;
      if (last) r.setAt = last.location;
      references.push(r);
      next.push(...collectRefs(rcs.map((c) => c.value), delimiter));
    }
    frontier = next;
  }
  const out: Explanation = { node: merged.name, field, path, found: final !== NOT_FOUND || steps.length > 0, steps, references };
  if (final !== NOT_FOUND) out.final = final;
  return out;
}

function collectRefs(values: unknown[], delimiter: string): string[] {
  const out: string[] = [];
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      let t: string | Tmpl;
      try {
        t = parseValueString(v, delimiter);
      } catch {
        return;
      }
      if (t instanceof Tmpl) for (const p of t.parts) refsOf(p, out);
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === 'object') Object.values(v as Record<string, unknown>).forEach(visit);
  };
  values.forEach(visit);
  return out;
}

function refsOf(p: TmplPart, out: string[]): void {
  if (p.kind !== 'ref') return;
  for (const q of p.parts) refsOf(q, out);
  if (p.parts.every((q) => q.kind === 'str')) out.push(p.parts.map((q) => (q.kind === 'str' ? q.text : '')).join(''));
}
