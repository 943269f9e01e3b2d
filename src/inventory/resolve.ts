/**
 * The class graph of one node, walked in Reclass order (Core._recurse_entity):
 * depth-first post-order over `classes`, each class merged once, class
 * mappings and `_reclass_` parameters first, the node last. Every entity is
 * merged into one accumulation as it is reached (equivalent to Reclass's
 * per-level merge, and it is what `${...}` in class names resolves against).
 */
import type { Diagnostic, RelatedInformation } from '../diagnostics/index.js';
import { Codes, error, warning } from '../diagnostics/index.js';
import { baseEntity, locate, type Entity } from './entity.js';
import { mergeDict, own } from './merge.js';
import { pyStr } from './py-value.js';
import { parseValueString, Tmpl } from './reference-parser.js';
import { NOT_FOUND, splitDelimited } from './inventory-query.js';
import { COMPILED, PDict, VList, Val, newOwner, newSharedOwner, type PNode } from './values.js';
import type { Settings } from './settings.js';

export interface MergedNode {
  name: string;
  node: Entity;
  /** Entities in merge order: the base entity first, the node last. */
  order: Entity[];
  /** For each entity in `order`, the chain of names that included it (node first). */
  chains: string[][];
  classes: string[];
  applications: string[];
  environment: string;
  params: PDict;
  exports: PDict;
  diagnostics: Diagnostic[];
}

export interface ClassSource {
  settings: Settings;
  /** The compiled class, null when it does not exist, or diagnostics when it fails to load. */
  getClass(name: string): Entity | null | Diagnostic[];
  /** Classes the class mappings give the node, or why they cannot be expanded. */
  mappedClasses(node: Entity): string[] | Diagnostic;
  ignoreNotFound: RegExp | null;
  /** Root of the merge states shared by the nodes of this inventory. */
  readonly mergeRoot: MergeState;
}

/**
 * The accumulated merge after some sequence of entities. Nodes whose class
 * graphs start alike walk the same states, so a class chain shared by many
 * nodes is merged once (a trie keyed by entity). States are sealed: their
 * dicts have shared (negative) owners and are never written again.
 */
export interface MergeState {
  params: PDict;
  exports: PDict;
  classes: readonly string[];
  apps: readonly string[];
  next: Map<Entity | string, MergeState>;
}

export function emptyMergeState(): MergeState {
  return { params: new PDict(new Map(), COMPILED, false), exports: new PDict(new Map(), COMPILED, false), classes: [], apps: [], next: new Map() };
}

/** kapicorp semantics: `~app` removes app from everything merged so far. */
function applyApplications(apps: readonly string[], add: readonly string[]): readonly string[] {
  if (add.length === 0) return apps;
  const out = [...apps];
  for (const a of add) {
    if (a[0] === '~') {
      const i = out.indexOf(a.slice(1));
      if (i >= 0) out.splice(i, 1);
    } else if (!out.includes(a)) out.push(a);
  }
  return out;
}

function appendClasses(classes: readonly string[], add: readonly string[]): readonly string[] {
  const fresh = add.filter((c, i) => !classes.includes(c) && add.indexOf(c) === i);
  return fresh.length === 0 ? classes : [...classes, ...fresh];
}

function step(state: MergeState, key: Entity | string, e: Pick<Entity, 'params' | 'exports' | 'classes' | 'applications'>): MergeState {
  let next = state.next.get(key);
  if (!next) {
    const owner = newSharedOwner();
    next = {
      params: e.params.map.size > 0 ? mergeDict(own(state.params, owner), e.params, owner) : state.params,
      exports: e.exports.map.size > 0 ? mergeDict(own(state.exports, owner), e.exports, owner) : state.exports,
      classes: appendClasses(state.classes, e.classes),
      apps: applyApplications(state.apps, e.applications),
      next: new Map(),
    };
    state.next.set(key, next);
  }
  return next;
}

/** Thrown when a model needs Reclass's exact order (it writes to `_reclass_`). */
class NeedsExactOrder extends Error {}

/**
 * Merges one node. Shared mode merges `_reclass_` (the only node-specific part
 * of the base entity) just before the node instead of first, so class chains
 * can be shared; that is equivalent unless a class touches `_reclass_`, in
 * which case the node is merged again in Reclass's exact order.
 */
export function mergeNode(node: Entity, src: ClassSource): MergedNode {
  try {
    return mergeNodeWith(node, src, true);
  } catch (e) {
    if (e instanceof NeedsExactOrder) return mergeNodeWith(node, src, false);
    throw e;
  }
}

function mergeNodeWith(node: Entity, src: ClassSource, shared: boolean): MergedNode {
  const settings = src.settings;
  const owner = newOwner();
  const environment = node.environment ?? settings.defaultEnvironment;
  const order: Entity[] = [];
  const chains: string[][] = [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  const active: string[] = [];
  const automatic = automaticParameters(node.name, environment, settings);
  // Exact mode: one node-owned accumulation, written in place.
  let params = new PDict(new Map(), owner, false);
  let exports = new PDict(new Map(), owner, false);
  let classesOut: readonly string[] = [];
  let apps: readonly string[] = [];
  // Shared mode: a walk through the shared states.
  let state = src.mergeRoot;

  const mergeEntity = (e: Entity, chain: string[]): void => {
    order.push(e);
    chains.push(chain);
    if (shared) {
      if (e.kind !== 'node') {
        if (e.params.map.has('_reclass_') && e.kind === 'class') throw new NeedsExactOrder();
        state = e.kind === 'base' ? step(state, `base:${e.classes.join(',')}`, { ...e, params: EMPTY }) : step(state, e, e);
        return;
      }
      // Leave the shared states: `_reclass_` and the node itself are this node's own.
      params = mergeDict(own(state.params, owner), automatic, owner);
      exports = state.exports;
      classesOut = state.classes;
      apps = state.apps;
      shared = false;
    }
    params = mergeDict(own(params, owner), e.params, owner);
    if (e.exports.map.size > 0) exports = mergeDict(own(exports, owner), e.exports, owner);
    classesOut = appendClasses(classesOut, e.classes);
    apps = applyApplications(apps, e.applications);
  };

  /**
   * Reclass's scopes for `${...}` in a class name: the including entity's own
   * subtree merged so far, then the node level as it stood when the current
   * top-level class began (empty under class mappings), never a partly merged
   * parent. Read from the merge order, so shared merge states do not matter.
   */
  interface Frame {
    localStart: number;
    contextEnd: number;
  }
  const lookupIn = (from: number, to: number) => (path: string[]): string | typeof NOT_FOUND => {
    for (let i = to - 1; i >= from; i--) {
      const v = peek(order[i].params, path);
      if (v !== NOT_FOUND) return v;
    }
    return NOT_FOUND;
  };

  const recurse = (e: Entity, chain: string[], frame: Frame): void => {
    e.classes.forEach((declared, idx) => {
      let klass = declared;
      if (declared.includes('${') || declared.includes('$[')) {
        const resolved =
          resolveClassName(declared, lookupIn(frame.localStart, order.length), settings.delimiter) ??
          resolveClassName(declared, lookupIn(0, frame.contextEnd), settings.delimiter);
        if (resolved === null) {
          diagnostics.push(
            error(Codes.CLASS_NAME_UNRESOLVABLE, `class name '${declared}' cannot be resolved from the parameters merged before it`, locate(e.text, e.file, ['classes', idx]), chainInfo(chain)),
          );
          return;
        }
        klass = resolved;
      }
      if (seen.has(klass)) return;
      if (active.includes(klass)) {
        const cycle = [...active.slice(active.indexOf(klass)), klass];
        diagnostics.push(error(Codes.INCLUDE_CYCLE, `include cycle: ${cycle.join(' -> ')}`, locate(e.text, e.file, ['classes', idx]), chainInfo([...chain, e.name])));
        return;
      }
      const got = src.getClass(klass);
      if (got === null) {
        if (src.ignoreNotFound?.test(klass)) {
          if (settings.ignoreClassNotfoundWarning) {
            diagnostics.push(warning(Codes.CLASS_NOT_FOUND_IGNORED, `class '${klass}' not found; skipped (ignore_class_notfound)${e.kind === 'base' ? ' (from class_mappings)' : ''}`, e.kind === 'base' ? undefined : locate(e.text, e.file, ['classes', idx])));
          }
          return;
        }
        diagnostics.push(
          error(Codes.CLASS_NOT_FOUND, `class '${klass}' not found${e.kind === 'base' ? ' (from class_mappings)' : ''}`, e.kind === 'base' ? undefined : locate(e.text, e.file, ['classes', idx]), chainInfo([...chain, e.name])),
        );
        return;
      }
      if (Array.isArray(got)) {
        // Reported once per node, however often the broken class is included.
        seen.add(klass);
        diagnostics.push(...got);
        return;
      }
      active.push(klass);
      // Below the node, the context is the node level when its top-level class began;
      // below the class mappings it is empty; deeper down it is passed on.
      const contextEnd = e.kind === 'node' ? order.length : e.kind === 'base' ? 0 : frame.contextEnd;
      recurse(got, [...chain, e.name], { localStart: order.length, contextEnd });
      active.pop();
      seen.add(klass);
    });
    mergeEntity(e, chain);
  };

  const mapped = src.mappedClasses(node);
  if (!Array.isArray(mapped)) diagnostics.push({ ...mapped, node: node.name });
  recurse(baseEntity(node.name, Array.isArray(mapped) ? mapped : [], automatic), [], { localStart: 0, contextEnd: 0 });
  recurse(node, [], { localStart: 0, contextEnd: 0 });
  return { name: node.name, node, order, chains, classes: [...classesOut], applications: [...apps], environment, params, exports, diagnostics };
}

const EMPTY = new PDict(new Map(), COMPILED, false);

function chainInfo(chain: string[]): RelatedInformation[] {
  return chain.length > 0 ? [{ message: `included via ${chain.join(' -> ')}` }] : [];
}

/** `_reclass_: {name: {full, short}, environment}` (Core._get_automatic_parameters). */
function automaticParameters(name: string, environment: string, settings: Settings): PDict {
  if (!settings.automaticParameters) return new PDict(new Map(), COMPILED, false);
  const nameDict = new PDict(new Map<string, PNode>([['full', name], ['short', name.split('.')[0]]]), COMPILED, false);
  const reclass = new PDict(new Map<string, PNode>([['name', nameDict], ['environment', environment]]), COMPILED, false);
  return new PDict(new Map<string, PNode>([['_reclass_', reclass]]), COMPILED, false);
}

/**
 * `${...}` in a class name, against what has been merged so far. Reclass 1.7
 * formats the unrendered value there; a value set more than once prints as an
 * object repr in 1.7, where lmac takes the last plain value.
 */
function resolveClassName(name: string, lookup: (path: string[]) => string | typeof NOT_FOUND, delimiter: string): string | null {
  let t: string | Tmpl;
  try {
    t = parseValueString(name, delimiter);
  } catch {
    return null;
  }
  if (typeof t === 'string') return t;
  let out = '';
  for (const p of t.parts) {
    if (p.kind === 'str') out += p.text;
    else if (p.kind === 'ref' && p.parts.every((x) => x.kind === 'str')) {
      const ref = p.parts.map((x) => (x.kind === 'str' ? x.text : '')).join('');
      const v = lookup(splitDelimited(ref, delimiter));
      if (v === NOT_FOUND) return null;
      out += v;
    } else return null;
  }
  return out;
}

function peek(d: PDict, path: string[]): string | typeof NOT_FOUND {
  let c: PNode | undefined = d;
  for (const k of path) {
    if (c instanceof PDict) c = c.map.get(k);
    else if (Array.isArray(c)) c = /^\d+$/.test(k) ? c[Number(k)] : undefined;
    else return NOT_FOUND;
    if (c === undefined) return NOT_FOUND;
  }
  if (c instanceof VList) c = c.values[c.values.length - 1];
  if (c instanceof Val) c = c.item as PNode;
  if (c instanceof Tmpl) return c.source;
  if (c instanceof PDict) return NOT_FOUND;
  return pyStr(c);
}
