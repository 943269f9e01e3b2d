/**
 * Interpolation: resolves `${...}` and `$[...]` after every class is merged
 * (late binding), following Reclass 1.7's algorithm (Parameters.interpolate):
 *
 *  1. renderSimple walks the merged tree into plain data, folding simple VLists
 *     and leaving markers (Tmpl, Val, VList) where references remain; each
 *     marker's path is queued in `unrendered`, in document order.
 *  2. Each queued path is rendered after the paths its references name (and
 *     their ancestors); a path met again while it is being rendered is a loop.
 *  3. A rendered VList folds its contributions in order, with the type checks
 *     and allow_* settings (Reclass ValueList.render).
 *
 * Errors are collected with their parameter path (never thrown out of here);
 * the caller turns them into located diagnostics.
 */
import type { Settings } from './settings.js';
import { PyFloat, pyStr } from './py-value.js';
import { Tmpl, type TmplPart } from './reference-parser.js';
import { evaluateQuery, getPath, NOT_FOUND, QueryError, splitDelimited, type InvQuery, type QueryNode } from './inventory-query.js';
import { COMPILED, PDict, VList, Val, itemType, isMarker, isObj, newObj, newOwner, type Obj, type PNode, type ValItem } from './values.js';
import { mergeDict } from './merge.js';

export type RenderErrorKind = 'unresolved' | 'loop' | 'bad-references' | 'merge-type' | 'constant' | 'query' | 'overwritten-missing';

export interface RenderError {
  kind: RenderErrorKind;
  /** Parameter (or export) path where the problem surfaced. */
  path: string[];
  message: string;
  /** The reference text involved, `${...}` form. */
  ref?: string;
  /** Loop: the paths in order, the first repeated at the end. */
  chain?: string[][];
  /** merge-type / constant: indices of the two contributions in the path's merge order. */
  contributions?: [number, number];
  inExports?: boolean;
}

class ResolveError extends Error {
  constructor(readonly ref: string) {
    super(`cannot resolve \${${ref}}`);
  }
}

class InterpError extends Error {
  constructor(readonly detail: Omit<RenderError, 'path'>) {
    super(detail.message);
  }
}

interface Entry {
  parts: string[];
  active: boolean;
}

interface Link {
  parent: Link | null;
  key: string;
}

const SEP = '\u0000';
const FROZEN = new WeakSet<object>();
const ARRAY_CACHE = new WeakMap<unknown[], unknown[] | null>();
/** Arrays that belong to compiled (immutable, shared) trees. */
export const COMPILED_ARRAYS = new WeakSet<unknown[]>();

function linkParts(l: Link | null): string[] {
  const out: string[] = [];
  for (let p = l; p; p = p.parent) out.push(p.key);
  return out.reverse();
}

export function formatRef(ref: string): string {
  return '${' + ref + '}';
}

export class Interpolator {
  readonly base: Obj;
  readonly unrendered = new Map<string, Entry>();
  readonly queries: InvQuery[] = [];
  readonly errors: RenderError[] = [];
  readonly warnings: RenderError[] = [];
  /** Nodes visible to inventory queries; null when none is provided. */
  inventory: readonly QueryNode[] | null = null;
  private readonly stack: Entry[] = [];
  private registered = 0;
  private readonly delim: string;

  /**
   * @param external for exports: the node's parameters, which their references name.
   */
  constructor(
    root: PDict,
    private readonly settings: Settings,
    private readonly external: Interpolator | null = null,
  ) {
    this.delim = settings.delimiter;
    this.base = this.renderSimple(root, null) as Obj;
  }

  get needsAllEnvs(): boolean {
    return this.queries.some((q) => q.allEnvs);
  }

  private get ctx(): Interpolator {
    return this.external ?? this;
  }

  // ---- 1. simple render -------------------------------------------------

  private register(link: Link | null, v: Tmpl | Val | VList): void {
    const parts = linkParts(link);
    this.unrendered.set(parts.join(SEP), { parts, active: false });
    this.registered++;
    for (const t of tmplsOf(v)) if (t.query) this.queries.push(t.query);
  }

  renderSimple(v: unknown, link: Link | null): unknown {
    if (v === null || typeof v !== 'object' || v instanceof PyFloat) return v;
    if (v instanceof Tmpl) {
      this.register(link, v);
      return v;
    }
    if (v instanceof Val) {
      const it = v.item;
      if (it instanceof PDict || Array.isArray(it)) return this.renderSimple(it, link);
      if (it instanceof Tmpl) {
        this.register(link, v);
        return v;
      }
      return it;
    }
    if (v instanceof VList) {
      if (v.complex) {
        this.register(link, v);
        return v;
      }
      return this.renderSimple(fold(v), link);
    }
    if (v instanceof PDict) {
      if (v.plain) return v.plain;
      const before = this.registered;
      const o = newObj();
      for (const [k, x] of v.map) o[k] = this.renderSimple(x, { parent: link, key: k });
      if (v.owner === COMPILED && v.plain === undefined) {
        v.plain = this.registered === before ? o : null;
        if (v.plain) FROZEN.add(o);
      }
      return o;
    }
    if (Array.isArray(v)) {
      if (FROZEN.has(v)) return v;
      const cached = ARRAY_CACHE.get(v);
      if (cached) return cached;
      const before = this.registered;
      const a = new Array<unknown>(v.length);
      for (let i = 0; i < v.length; i++) a[i] = this.renderSimple(v[i], { parent: link, key: String(i) });
      if (COMPILED_ARRAYS.has(v) && cached === undefined) {
        const ok = this.registered === before;
        ARRAY_CACHE.set(v, ok ? a : null);
        if (ok) FROZEN.add(a);
      }
      return a;
    }
    if (FROZEN.has(v)) return v;
    if (isObj(v)) {
      const o = newObj();
      for (const k of Object.keys(v)) o[k] = this.renderSimple(v[k], { parent: link, key: k });
      return o;
    }
    return v;
  }

  // ---- 2. interpolation -------------------------------------------------

  /** Renders everything still queued. */
  interpolateAll(): void {
    while (this.unrendered.size > 0) {
      const [key, e] = this.unrendered.entries().next().value as [string, Entry];
      this.interpolateInner(key, e);
    }
  }

  /** Renders the queued paths at, above or below `path` (what a query needs from an export). */
  interpolateAround(path: readonly string[]): void {
    const related = (parts: string[]): boolean => {
      const n = Math.min(parts.length, path.length);
      for (let i = 0; i < n; i++) if (parts[i] !== path[i]) return false;
      return true;
    };
    for (;;) {
      let found: [string, Entry] | undefined;
      for (const kv of this.unrendered) if (related(kv[1].parts)) { found = kv; break; }
      if (!found) return;
      this.interpolateInner(found[0], found[1]);
    }
  }

  private interpolateInner(key: string, e: Entry): void {
    const value = getAt(this.base, e.parts);
    if (!isMarker(value)) {
      this.unrendered.delete(key);
      return;
    }
    e.active = true;
    this.stack.push(e);
    let result: unknown = null;
    try {
      this.ctx.resolveDeps(value, e.parts, this === this.ctx ? null : this);
      result = this.renderValue(value, e.parts);
    } catch (err) {
      this.record(err, e.parts);
      result = null;
    } finally {
      this.stack.pop();
      e.active = false;
    }
    setAt(this.base, e.parts, this.renderSimple(result, partsLink(e.parts)));
    this.unrendered.delete(key);
  }

  private record(err: unknown, path: string[]): void {
    const inExports = this.external !== null;
    if (err instanceof ResolveError) {
      this.errors.push({ kind: 'unresolved', path, ref: formatRef(err.ref), message: `cannot resolve ${formatRef(err.ref)}`, inExports });
    } else if (err instanceof InterpError) {
      this.errors.push({ ...err.detail, path, inExports });
    } else if (err instanceof QueryError) {
      this.errors.push({ kind: 'query', path, message: err.message, inExports });
    } else throw err;
  }

  /** Reclass Parameters._interpolate_references: render what `value` refers to first. */
  private resolveDeps(value: Tmpl | Val | VList, path: string[], exportsOf: Interpolator | null): void {
    let { refs, all } = collectRefs(value, null, this.delim);
    for (;;) {
      for (const ref of refs) {
        const parts = splitDelimited(ref, this.delim);
        const key = parts.join(SEP);
        const dep = this.unrendered.get(key);
        if (dep) {
          if (dep.active) throw this.loopError(dep, ref, exportsOf ? null : path);
          this.interpolateInner(key, dep);
        } else {
          for (let i = 1; i < parts.length; i++) {
            const ak = parts.slice(0, i).join(SEP);
            const anc = this.unrendered.get(ak);
            if (!anc) continue;
            if (anc.active) throw this.loopError(anc, ref, exportsOf ? null : path);
            this.interpolateInner(ak, anc);
          }
        }
      }
      if (all) return;
      const again = collectRefs(value, this.base, this.delim);
      if (again.refs.length === refs.length) {
        const list = again.refs.length > 0 ? again.refs : refs;
        throw new InterpError({
          kind: 'bad-references',
          ref: tmplsOf(value).map((t) => t.source).join(', '),
          message: `bad references: ${tmplsOf(value).map((t) => t.source).join(', ')} (inner reference cannot be resolved${list.length ? '; resolved so far: ' + list.map(formatRef).join(', ') : ''})`,
        });
      }
      ({ refs, all } = again);
    }
  }

  private loopError(dep: Entry, ref: string, _path: string[] | null): InterpError {
    const i = this.stack.indexOf(dep);
    const chain = (i >= 0 ? this.stack.slice(i) : [dep]).map((e) => e.parts);
    chain.push(dep.parts);
    const shown = chain.map((p) => p.join(this.delim)).join(' -> ');
    return new InterpError({ kind: 'loop', ref: formatRef(ref), chain, message: `reference loop: ${shown}` });
  }

  private renderValue(value: Tmpl | Val | VList, path: string[]): unknown {
    if (value instanceof VList) return this.renderVList(value, path);
    if (value instanceof Val) return this.renderItem(value.item);
    return this.renderTmpl(value);
  }

  private renderItem(item: ValItem): unknown {
    return item instanceof Tmpl ? this.renderTmpl(item) : item;
  }

  private lookup(ref: string): unknown {
    const v = getPath(this.ctx.base, splitDelimited(ref, this.delim));
    if (v === NOT_FOUND) throw new ResolveError(ref);
    return v;
  }

  private flatten(parts: readonly TmplPart[]): string {
    let s = '';
    for (const p of parts) s += p.kind === 'str' ? p.text : pyStr(this.renderPart(p));
    return s;
  }

  private renderPart(p: TmplPart): unknown {
    if (p.kind === 'str') return p.text;
    if (p.kind === 'ref') return this.lookup(this.flatten(p.parts));
    if (!this.inventory) throw new QueryError(`inventory query $[ ${p.query.text} ] has no inventory to run against`);
    return evaluateQuery(p.query, this.inventory, (path) => getPath(this.ctx.base, splitDelimited(path, this.delim)));
  }

  private renderTmpl(t: Tmpl): unknown {
    if (t.single) return this.renderPart(t.single);
    return this.flatten(t.parts);
  }

  /** Reclass ValueList.render. */
  private renderVList(vl: VList, path: string[]): unknown {
    const s = this.settings;
    const values = vl.values;
    let output: unknown = null;
    let lastError: ResolveError | null = null;
    let constant = false;
    for (let n = 0; n < values.length; n++) {
      const v = values[n];
      let next: unknown;
      try {
        next = this.renderItem(v.item);
      } catch (err) {
        if (err instanceof ResolveError && s.ignoreOverwrittenMissingReferences && !isContainer(output) && n !== values.length - 1) {
          next = null;
          lastError = err;
          this.warnings.push({ kind: 'overwritten-missing', path, ref: formatRef(err.ref), message: `reference ${formatRef(err.ref)} is undefined, but a later class overrides this value` });
        } else throw err;
      }
      if (constant) {
        if (s.strictConstantParameters) {
          throw new InterpError({ kind: 'constant', message: 'attempt to change a constant value', contributions: [n - 1, n] });
        }
        continue;
      }
      const typeError = (): InterpError =>
        new InterpError({
          kind: 'merge-type',
          contributions: [n - 1, n],
          message: `cannot merge ${itemType(v.item)} over ${itemType(values[n - 1].item)}`,
        });
      if (output === null || output === undefined || v.overwrite) output = next;
      else if (isDict(output)) {
        if (isDict(next)) output = mergeRendered(output, next);
        else if (Array.isArray(next)) throw typeError();
        else if (s.allowScalarOverDict || (s.allowNoneOverride && next === null)) output = next;
        else throw typeError();
      } else if (Array.isArray(output)) {
        if (Array.isArray(next)) output = [...output, ...next];
        else if (isDict(next)) throw typeError();
        else if (s.allowScalarOverList || (s.allowNoneOverride && next === null)) output = next;
        else throw typeError();
      } else if (isDict(next)) {
        if (s.allowDictOverScalar) output = next;
        else throw typeError();
      } else if (Array.isArray(next)) {
        if (s.allowListOverScalar) output = [output, ...next];
        else throw typeError();
      } else output = next;
      if (v.constant) constant = true;
    }
    if (isContainer(output) && lastError) throw lastError;
    return output;
  }
}

function isDict(v: unknown): v is PDict | Obj {
  return v instanceof PDict || isObj(v);
}

function isContainer(v: unknown): boolean {
  return Array.isArray(v) || isDict(v);
}

/** Folds a VList whose contributions are all plain scalars or all lists. */
function fold(vl: VList): unknown {
  const vs = vl.values;
  if (!Array.isArray(vs[0].item)) return vs[vs.length - 1].item;
  const out: PNode[] = [];
  for (const v of vs) out.push(...(v.item as PNode[]));
  return out;
}

/** Reclass: Parameters(a).merge(Parameters(b)) on rendered dicts (prefixes apply again). */
function mergeRendered(a: PDict | Obj, b: PDict | Obj): PDict {
  const owner = newOwner();
  const out = mergeDict(new PDict(new Map(), owner, false), toRaw(a), owner);
  return mergeDict(out, toRaw(b), owner);
}

function toRaw(v: PDict | Obj): PDict {
  if (v instanceof PDict) return v;
  const m = new Map<string, PNode>();
  for (const k of Object.keys(v)) {
    const x = v[k];
    m.set(k, isObj(x) ? toRaw(x) : (x as PNode));
  }
  return new PDict(m, COMPILED, true);
}

function tmplsOf(v: Tmpl | Val | VList): Tmpl[] {
  if (v instanceof Tmpl) return [v];
  if (v instanceof Val) return v.item instanceof Tmpl ? [v.item] : [];
  const out: Tmpl[] = [];
  for (const x of v.values) if (x.item instanceof Tmpl) out.push(x.item);
  return out;
}

/** Reclass assembleRefs: reference names computable now; `all` false while nested ones are not. */
function collectRefs(value: Tmpl | Val | VList, ctx: Obj | null, delim: string): { refs: string[]; all: boolean } {
  const refs: string[] = [];
  let all = true;
  for (const t of tmplsOf(value)) {
    for (const p of t.parts) {
      if (p.kind === 'ref') {
        if (!collectRefPart(p.parts, ctx, delim, refs)) all = false;
      } else if (p.kind === 'inv') refs.push(...p.query.selfRefs);
    }
  }
  return { refs, all };
}

function collectRefPart(parts: readonly TmplPart[], ctx: Obj | null, delim: string, out: string[]): boolean {
  let all = true;
  let name = '';
  let resolvable = true;
  for (const p of parts) {
    if (p.kind === 'str') {
      name += p.text;
      continue;
    }
    if (p.kind !== 'ref') continue;
    if (!collectRefPart(p.parts, ctx, delim, out)) all = false;
    const inner = ctx ? flattenIn(p.parts, ctx, delim) : NOT_FOUND;
    if (inner === NOT_FOUND) resolvable = false;
    else name += pyStr(inner);
  }
  if (resolvable) out.push(name);
  else all = false;
  return all;
}

function flattenIn(parts: readonly TmplPart[], ctx: Obj, delim: string): unknown {
  let name = '';
  for (const p of parts) {
    if (p.kind === 'str') name += p.text;
    else if (p.kind === 'ref') {
      const inner = flattenIn(p.parts, ctx, delim);
      if (inner === NOT_FOUND) return NOT_FOUND;
      name += pyStr(inner);
    }
  }
  return getPath(ctx, splitDelimited(name, delim));
}

function partsLink(parts: string[]): Link | null {
  let l: Link | null = null;
  for (const key of parts) l = { parent: l, key };
  return l;
}

function getAt(base: Obj, parts: readonly string[]): unknown {
  let c: unknown = base;
  for (const k of parts) {
    if (c === null || typeof c !== 'object') return undefined;
    c = (c as Record<string, unknown>)[k];
  }
  return c;
}

function setAt(base: Obj, parts: readonly string[], v: unknown): void {
  let c: unknown = base;
  for (let i = 0; i < parts.length - 1; i++) c = (c as Record<string, unknown>)[parts[i]];
  if (Array.isArray(c)) c[Number(parts[parts.length - 1])] = v;
  else (c as Record<string, unknown>)[parts[parts.length - 1]] = v;
}
