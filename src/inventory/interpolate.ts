/**
 * Interpolation: resolves `${...}` and `$[...]` after every class is merged
 * (late binding), following Reclass 1.7's algorithm (Parameters.interpolate):
 *
 *  1. renderSimple turns the merged tree into plain data, folding simple VLists
 *     and leaving markers (Tmpl, Val, VList) where references remain; each
 *     marker's path is queued in `unrendered`, in document order.
 *  2. Each queued path is rendered after the paths its references name (and
 *     their ancestors); a path met again while it is being rendered is a loop.
 *  3. A rendered VList folds its contributions in order, with the type checks
 *     and allow_* settings (Reclass ValueList.render).
 *
 * Speed: merged trees are sealed and shared between nodes, so their rendered
 * form is built once as a frozen template (data plus the relative paths of its
 * markers); a node queues those paths and copies a template container only
 * when it writes a rendered value into it (setAt). What references name is
 * parsed once per template string (refInfo).
 *
 * Errors are collected with their parameter path (never thrown out of here);
 * the caller turns them into located diagnostics.
 */
import type { Settings } from './settings.js';
import { PyFloat, pyStr } from './py-value.js';
import { Tmpl, type TmplPart } from './reference-parser.js';
import { evaluateQuery, getPath, NOT_FOUND, QueryError, splitDelimited, type InvQuery, type QueryNode } from './inventory-query.js';
import { COMPILED, COMPILED_ARRAYS, PDict, VList, Val, itemType, isMarker, isObj, newObj, newOwner, setKey, type Obj, type PNode, type ValItem } from './values.js';
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

type Marker = Tmpl | Val | VList;

interface Entry {
  key: string;
  parts: string[];
  active: boolean;
}

/** Path separator inside queue keys: never part of a YAML key that Reclass can reference. */
const SEP = '\u0000';

export function formatRef(ref: string): string {
  return '${' + ref + '}';
}

function joinKey(prefix: string, rel: string): string {
  return prefix === '' ? rel : rel === '' ? prefix : prefix + SEP + rel;
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
    this.base = clone(this.renderSimple(root, [], '') as Obj) as Obj;
  }

  get needsAllEnvs(): boolean {
    return this.queries.some((q) => q.allEnvs);
  }

  private get ctx(): Interpolator {
    return this.external ?? this;
  }

  // ---- 1. simple render -------------------------------------------------

  private register(parts: string[], key: string, v: Marker): void {
    this.unrendered.set(key, { key, parts, active: false });
    if (v instanceof VList) {
      for (const t of tmplsOf(v)) if (t.query) this.queries.push(t.query);
    } else {
      const t = v instanceof Val ? v.item : v;
      if (t instanceof Tmpl && t.query) this.queries.push(t.query);
    }
  }

  /**
   * Reclass _render_simple_*: plain data with markers left where references
   * are, each marker's path queued. Sealed trees render once into frozen
   * templates; a node then only queues their markers' paths.
   */
  renderSimple(v: unknown, prefix: string[], key: string): unknown {
    if (v === null || typeof v !== 'object' || v instanceof PyFloat) return v;
    if (v instanceof Tmpl) {
      this.register(prefix, key, v);
      return v;
    }
    if (v instanceof Val) {
      const it = v.item;
      if (it instanceof PDict || Array.isArray(it)) return this.renderSimple(it, prefix, key);
      if (it instanceof Tmpl) {
        this.register(prefix, key, v);
        return v;
      }
      return it;
    }
    if (v instanceof VList) {
      if (!v.complex) return this.renderSimple(fold(v), prefix, key);
      this.register(prefix, key, v);
      return v;
    }
    // A node's own dicts (written in place while merging) and fresh data are walked;
    // sealed trees use their shared template.
    if ((v instanceof PDict && v.owner > 0) || (Array.isArray(v) && !COMPILED_ARRAYS.has(v)) || (isObj(v) && !TEMPLATES.has(v))) {
      // Scalars (most children) need no path; only containers and markers get one.
      const walk = (k: string, x: unknown): unknown =>
        x === null || typeof x !== 'object' || x instanceof PyFloat ? x : this.renderSimple(x, [...prefix, k], joinKey(key, k));
      if (Array.isArray(v)) return v.map((x, i) => walk(String(i), x));
      const o = newObj();
      if (v instanceof PDict) for (const [k, x] of v.map) setKey(o, k, walk(k, x));
      else for (const k of Object.keys(v)) setKey(o, k, walk(k, (v as Obj)[k]));
      return o;
    }
    const t = template(v);
    for (const m of t.markers) this.register(m.rel.length ? prefix.concat(m.rel) : prefix, joinKey(key, m.relKey), m.marker);
    return t.value;
  }

  // ---- 2. interpolation -------------------------------------------------

  /** Renders everything still queued. */
  interpolateAll(): void {
    while (this.unrendered.size > 0) this.interpolateInner(this.unrendered.values().next().value as Entry);
  }

  /** Renders the queued paths at, above or below `path` (what a query needs from an export). */
  interpolateAround(path: readonly string[]): void {
    const related = (parts: string[]): boolean => {
      const n = Math.min(parts.length, path.length);
      for (let i = 0; i < n; i++) if (parts[i] !== path[i]) return false;
      return true;
    };
    for (;;) {
      let found: Entry | undefined;
      for (const e of this.unrendered.values()) if (related(e.parts)) { found = e; break; }
      if (!found) return;
      this.interpolateInner(found);
    }
  }

  private interpolateInner(e: Entry): void {
    const value = getAt(this.base, e.parts);
    if (!isMarker(value)) {
      this.unrendered.delete(e.key);
      return;
    }
    e.active = true;
    this.stack.push(e);
    let result: unknown = null;
    try {
      if (this === this.ctx) this.checkSelfContaining(value, e);
      this.ctx.resolveDeps(value);
      result = this.renderValue(value, e.parts);
      // A value whose rendering contains itself (a copy of `a: [${a}]`) never ends.
      if (result !== null && typeof result === 'object' && holds(result, value, 0)) {
        throw new InterpError({ kind: 'loop', ref: tmplsOf(value).map((t) => t.source).join(', '), chain: [e.parts, e.parts], message: `reference loop: ${e.parts.join(this.delim)} renders to a value that contains itself` });
      }
    } catch (err) {
      this.record(err, e.parts);
      result = null;
    } finally {
      this.stack.pop();
      e.active = false;
    }
    setAt(this.base, e.parts, this.renderSimple(result, e.parts, e.key));
    this.unrendered.delete(e.key);
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
  private resolveDeps(value: Marker): void {
    let info = staticRefs(value, this.delim);
    for (;;) {
      for (const r of info.refs) {
        const dep = this.unrendered.get(r.key);
        if (dep) {
          if (dep.active) throw this.loopError(dep, r.ref);
          this.interpolateInner(dep);
          continue;
        }
        for (const ak of r.ancestors) {
          const anc = this.unrendered.get(ak);
          if (!anc) continue;
          if (anc.active) throw this.loopError(anc, r.ref);
          this.interpolateInner(anc);
        }
        // Rendering an ancestor can queue the referenced path itself (a `~key` dict
        // whose values hold references): render it too, so no marker is read.
        const late = this.unrendered.get(r.key);
        if (late) {
          if (late.active) throw this.loopError(late, r.ref);
          this.interpolateInner(late);
        }
      }
      if (info.all) return;
      // Nested references: their names are known once the inner ones are rendered.
      const again = collectRefs(value, this.base, this.delim);
      if (again.refs.length === info.refs.length) {
        const text = tmplsOf(value).map((t) => t.source).join(', ');
        const list = (again.refs.length > 0 ? again.refs : info.refs).map((r) => formatRef(r.ref));
        throw new InterpError({
          kind: 'bad-references',
          ref: text,
          message: `bad references: ${text} (inner reference cannot be resolved${list.length ? '; resolved so far: ' + list.join(', ') : ''})`,
        });
      }
      info = again;
    }
  }

  /** `a: [${a}]`: a value that refers to itself or to a value containing it never ends. */
  private checkSelfContaining(value: Marker, e: Entry): void {
    for (const r of staticRefs(value, this.delim).refs) {
      if (r.parts.length <= e.parts.length && r.parts.every((p, i) => p === e.parts[i])) {
        const shown = [e.parts, r.parts].map((p) => p.join(this.delim)).join(' -> ');
        throw new InterpError({ kind: 'loop', ref: formatRef(r.ref), chain: [e.parts, r.parts], message: `reference loop: ${shown} (a value cannot contain a reference to itself or to what contains it)` });
      }
    }
  }

  private loopError(dep: Entry, ref: string): InterpError {
    const i = this.stack.indexOf(dep);
    const chain = (i >= 0 ? this.stack.slice(i) : [dep]).map((e) => e.parts);
    chain.push(dep.parts);
    const shown = chain.map((p) => p.join(this.delim)).join(' -> ');
    return new InterpError({ kind: 'loop', ref: formatRef(ref), chain, message: `reference loop: ${shown}` });
  }

  private renderValue(value: Marker, path: string[]): unknown {
    if (value instanceof VList) return this.renderVList(value, path);
    if (value instanceof Val) return this.renderItem(value.item);
    return this.renderTmpl(value);
  }

  private renderItem(item: ValItem): unknown {
    return item instanceof Tmpl ? this.renderTmpl(item) : item;
  }

  private lookup(ref: string, deep: boolean): unknown {
    return this.read(refInfo(ref, this.delim), deep);
  }

  /**
   * The value a reference names, rendered first if it is still queued: a marker
   * never leaks into output. `deep` (formatting into a string): values still
   * queued below the path are rendered too. A whole-value reference may copy
   * them instead; they are then rendered at the new path, as in Reclass.
   */
  private read(info: RefInfo, deep: boolean): unknown {
    const ctx = this.ctx;
    let v = getPath(ctx.base, info.parts);
    if (v === NOT_FOUND) throw new ResolveError(info.ref);
    if (isMarker(v)) {
      const e = ctx.unrendered.get(info.key);
      if (!e || e.active) throw e ? ctx.loopError(e, info.ref) : new ResolveError(info.ref);
      ctx.interpolateInner(e);
      v = getPath(ctx.base, info.parts);
      if (v === NOT_FOUND || isMarker(v)) throw new ResolveError(info.ref);
    }
    while (deep && v !== null && typeof v === 'object' && containsMarker(v)) {
      let below: Entry | undefined;
      for (const e of ctx.unrendered.values()) if (isUnder(e.parts, info.parts)) { below = e; break; }
      if (!below) throw new ResolveError(info.ref);
      if (below.active) throw ctx.loopError(below, info.ref);
      ctx.interpolateInner(below);
      v = getPath(ctx.base, info.parts);
    }
    return v;
  }

  private flatten(parts: readonly TmplPart[]): string {
    let s = '';
    for (const p of parts) s += p.kind === 'str' ? p.text : pyStr(this.renderPart(p, true));
    return s;
  }

  private renderPart(p: TmplPart, deep = false): unknown {
    if (p.kind === 'str') return p.text;
    if (p.kind === 'ref') {
      if (p.parts.length === 1 && p.parts[0].kind === 'str') {
        // A plain `${a:b}`: its path is parsed once, on the part itself.
        return this.read((p.info ??= refInfo(p.parts[0].text, this.delim)), deep);
      }
      return this.lookup(this.flatten(p.parts), deep);
    }
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

const FOLDED = new WeakMap<VList, PNode[]>();

/** Folds a VList whose contributions are all plain scalars or all lists. */
function fold(vl: VList): unknown {
  const vs = vl.values;
  if (!Array.isArray(vs[0].item)) return vs[vs.length - 1].item;
  let out = FOLDED.get(vl);
  if (!out) {
    out = [];
    for (const v of vs) out.push(...(v.item as PNode[]));
    COMPILED_ARRAYS.add(out);
    FOLDED.set(vl, out);
  }
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

const TMPLS = new WeakMap<VList, Tmpl[]>();

function tmplsOf(v: Marker): readonly Tmpl[] {
  if (v instanceof Tmpl) return [v];
  if (v instanceof Val) return v.item instanceof Tmpl ? [v.item] : [];
  let out = TMPLS.get(v);
  if (!out) {
    out = [];
    for (const x of v.values) if (x.item instanceof Tmpl) out.push(x.item);
    TMPLS.set(v, out);
  }
  return out;
}

// ---- what references name ----------------------------------------------

export interface RefInfo {
  ref: string;
  parts: string[];
  key: string;
  /** Queue keys of the path's proper prefixes, shortest first. */
  ancestors: string[];
}

interface Refs {
  refs: RefInfo[];
  /** False while some reference name is built from a reference not yet known. */
  all: boolean;
}

const REF_INFO = new Map<string, RefInfo>();

function refInfo(ref: string, delim: string): RefInfo {
  const k = delim + SEP + ref;
  let info = REF_INFO.get(k);
  if (!info) {
    const parts = splitDelimited(ref, delim);
    const ancestors: string[] = [];
    for (let i = 1; i < parts.length; i++) ancestors.push(parts.slice(0, i).join(SEP));
    info = { ref, parts, key: parts.join(SEP), ancestors };
    REF_INFO.set(k, info);
  }
  return info;
}

const STATIC_REFS = new WeakMap<object, Refs>();

/** The references a marker names before anything is rendered (cached per marker). */
function staticRefs(v: Marker, delim: string): Refs {
  const owner = v instanceof Val && v.item instanceof Tmpl ? v.item : v;
  let r = STATIC_REFS.get(owner);
  if (!r) {
    r = collectRefs(v, null, delim);
    STATIC_REFS.set(owner, r);
  }
  return r;
}

/** Reclass assembleRefs: reference names computable now; `all` false while nested ones are not. */
function collectRefs(value: Marker, ctx: Obj | null, delim: string): Refs {
  const names: string[] = [];
  let all = true;
  for (const t of tmplsOf(value)) {
    for (const p of t.parts) {
      if (p.kind === 'ref') {
        if (!collectRefPart(p.parts, ctx, delim, names)) all = false;
      } else if (p.kind === 'inv') names.push(...p.query.selfRefs);
    }
  }
  return { refs: names.map((n) => refInfo(n, delim)), all };
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

// ---- rendered trees: reading, copy-on-write writing, templates -----------

function isUnder(parts: readonly string[], prefix: readonly string[]): boolean {
  if (parts.length <= prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (parts[i] !== prefix[i]) return false;
  return true;
}

function containsMarker(v: unknown, depth = 0): boolean {
  if (v === null || typeof v !== 'object' || v instanceof PyFloat) return false;
  if (isMarker(v) || v instanceof PDict || depth > MAX_DEPTH) return true;
  if (Array.isArray(v)) return v.some((x) => containsMarker(x, depth + 1));
  return Object.values(v).some((x) => containsMarker(x, depth + 1));
}

/** Deeper than any model file may nest (yaml-load's limit): only a runaway expansion gets here. */
const MAX_DEPTH = 512;

/** Whether `v` holds the marker `m` (by identity) anywhere inside; shared templates answer from their marker lists. */
function holds(v: unknown, m: Marker, depth: number): boolean {
  if (v === m) return true;
  if (v === null || typeof v !== 'object' || v instanceof PyFloat || isMarker(v) || depth > MAX_DEPTH) return depth > MAX_DEPTH;
  const known = TEMPLATES.get(v);
  if (known) return known.some((t) => t.marker === m);
  if (Array.isArray(v)) return v.some((x) => holds(x, m, depth + 1));
  if (v instanceof PDict) {
    for (const x of v.map.values()) if (holds(x, m, depth + 1)) return true;
    return false;
  }
  return Object.values(v).some((x) => holds(x, m, depth + 1));
}

function getAt(base: Obj, parts: readonly string[]): unknown {
  let c: unknown = base;
  for (const k of parts) {
    if (c === null || typeof c !== 'object') return undefined;
    c = (c as Record<string, unknown>)[k];
  }
  return c;
}

/** Sets a rendered value, copying the shared template containers on the way (copy on write). */
function setAt(base: Obj, parts: readonly string[], v: unknown): void {
  let c = base as Record<string, unknown>;
  for (let i = 0; i < parts.length - 1; i++) {
    let child = c[parts[i]] as Record<string, unknown>;
    if (TEMPLATES.has(child)) {
      child = clone(child) as Record<string, unknown>;
      setKey(c, parts[i], child);
    }
    c = child;
  }
  setKey(c, parts[parts.length - 1], v);
}

/** Spread copies own data properties (an own `__proto__` stays a key) and is fast in V8. */
function clone(o: object): object {
  if (Array.isArray(o)) return o.slice();
  return { ...o };
}

interface TplMarker {
  rel: readonly string[];
  relKey: string;
  marker: Marker;
}
interface Tpl {
  value: unknown;
  markers: readonly TplMarker[];
}

const NO_MARKERS: readonly TplMarker[] = [];
const HERE = (marker: Marker): readonly TplMarker[] => [{ rel: [], relKey: '', marker }];
/** Rendered containers shared between nodes (templates), with the markers inside them: copied before any write. */
const TEMPLATES = new WeakMap<object, readonly TplMarker[]>();
/** Rendered form of compiled arrays and folded lists. */
const TPL_CACHE = new WeakMap<unknown[], Tpl>();

/** True when `o` is a shared rendered container that holds no marker: its text can be cached. */
export function isFrozenPlain(o: object): boolean {
  return TEMPLATES.get(o)?.length === 0;
}

/**
 * The rendered form of a sealed value: plain data, with markers (Tmpl, Val,
 * VList) where references remain and their paths relative to `v`. Cached and
 * shared across nodes; the containers are frozen (setAt copies them).
 */
function template(v: unknown): Tpl {
  if (v === null || typeof v !== 'object' || v instanceof PyFloat) return { value: v, markers: NO_MARKERS };
  if (v instanceof Tmpl) return { value: v, markers: HERE(v) };
  if (v instanceof Val) {
    const it = v.item;
    if (it instanceof PDict || Array.isArray(it)) return template(it);
    if (it instanceof Tmpl) return { value: v, markers: HERE(v) };
    return { value: it, markers: NO_MARKERS };
  }
  if (v instanceof VList) return v.complex ? { value: v, markers: HERE(v) } : template(fold(v));
  const known = TEMPLATES.get(v);
  if (known) return { value: v, markers: known };
  const cached = v instanceof PDict ? (v.rendered as Tpl | undefined) : Array.isArray(v) ? TPL_CACHE.get(v) : undefined;
  if (cached) return cached;
  const markers: TplMarker[] = [];
  const add = (key: string, t: Tpl): unknown => {
    for (const m of t.markers) markers.push({ rel: [key, ...m.rel], relKey: joinKey(key, m.relKey), marker: m.marker });
    return t.value;
  };
  let out: Obj | unknown[];
  if (v instanceof PDict) {
    const o = newObj();
    for (const [k, x] of v.map) setKey(o, k, add(k, template(x)));
    out = o;
  } else if (Array.isArray(v)) {
    out = v.map((x, i) => add(String(i), template(x)));
  } else if (isObj(v)) {
    const o = newObj();
    for (const k of Object.keys(v)) setKey(o, k, add(k, template(v[k])));
    out = o;
  } else return { value: v, markers: NO_MARKERS };
  TEMPLATES.set(out, markers);
  const t: Tpl = { value: out, markers };
  if (v instanceof PDict) v.rendered = t;
  else if (Array.isArray(v) && COMPILED_ARRAYS.has(v)) TPL_CACHE.set(v, t);
  return t;
}
