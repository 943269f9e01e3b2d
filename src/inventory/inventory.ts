/**
 * The inventory engine's entry point: open a storage, then render nodes.
 *
 *   const inv = new Inventory(openReclassDir('inv'));
 *   const r = inv.renderNode('web1');   // {ok, info} | {ok: false, diagnostics}
 *
 * Files are read and compiled once (cache by path); nodes are merged and
 * interpolated independently, so memory stays flat while streaming many nodes.
 * Only `load` (readEntityFile) touches the file system.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/index.js';
import { Codes, error, hasErrors } from '../diagnostics/index.js';
import { compileEntity, type Entity } from './entity.js';
import { MappingExpansionError, mappedClasses, parseClassMapping, type ClassMapping } from './class-mappings.js';
import { Interpolator, type RenderError } from './interpolate.js';
import { emptyMergeState, mergeNode, type ClassSource, type MergedNode } from './resolve.js';
import { contributions, findReference } from './provenance.js';
import type { QueryNode } from './inventory-query.js';
import { displayPath, type FileRef, type Storage } from './storage.js';
import type { Settings } from './settings.js';
import { loadYaml } from './yaml-load.js';
import type { Obj } from './values.js';

/** Largest model file lmac reads; larger ones are refused with a diagnostic. */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

export interface NodeInfo {
  __reclass__: { node: string; name: string; uri: string; environment: string };
  classes: string[];
  applications: string[];
  environment: string;
  exports: Obj;
  parameters: Obj;
}

export type NodeResult =
  | { ok: true; info: NodeInfo; warnings: Diagnostic[]; merged: MergedNode }
  | { ok: false; diagnostics: Diagnostic[]; merged?: MergedNode };

interface NodeState {
  merged: MergedNode;
  p: Interpolator;
  e: Interpolator;
}

export class Inventory implements ClassSource {
  readonly settings: Settings;
  readonly ignoreNotFound: RegExp | null;
  readonly mergeRoot = emptyMergeState();
  private readonly mappings: ClassMapping[] = [];
  private readonly entities = new Map<string, Entity | Diagnostic[]>();
  /** Files read so far, for the build's model digest. */
  private readonly read = new Map<string, { path: string; text: string }>();
  private readonly states = new Map<string, NodeState | Diagnostic[]>();
  private keepStates = false;
  /** Problems with the inventory as a whole (storage, settings): every node fails on them. */
  readonly diagnostics: Diagnostic[];

  constructor(readonly storage: Storage) {
    this.settings = storage.settings;
    this.diagnostics = [...storage.diagnostics];
    for (const m of this.settings.classMappings) {
      const parsed = parseClassMapping(m);
      if (typeof parsed === 'string') this.diagnostics.push(error(Codes.CLASS_MAPPING_INVALID, parsed));
      else this.mappings.push(parsed);
    }
    let ignore: RegExp | null = null;
    if (this.settings.ignoreClassNotfound) {
      try {
        // Python re.match: anchored at the start only.
        ignore = new RegExp(`^(?:${this.settings.ignoreClassNotfoundRegexp.join('|')})`);
      } catch (e) {
        this.diagnostics.push(error(Codes.CONFIG_INVALID, `ignore_class_notfound_regexp: ${(e as Error).message}`));
      }
    }
    this.ignoreNotFound = ignore;
  }

  /** Node names, sorted. */
  nodeNames(): string[] {
    return [...this.storage.nodes.keys()].sort();
  }

  getClass(name: string): Entity | null | Diagnostic[] {
    const ref = this.storage.classes.get(name);
    if (!ref) return null;
    return this.entity(ref, name, 'class');
  }

  mappedClasses(node: Entity): string[] | Diagnostic {
    if (this.mappings.length === 0) return [];
    try {
      return mappedClasses(this.mappings, this.settings.classMappingsMatchPath ? node.pathname : node.name);
    } catch (e) {
      if (!(e instanceof MappingExpansionError)) throw e;
      return error(Codes.CLASS_MAPPING_INVALID, `class_mappings: ${e.message} for node ${node.name}`, { file: displayPath(path.join(this.storage.baseDir, 'reclass-config.yml')), line: 1, col: 1 });
    }
  }

  private entity(ref: FileRef, name: string, kind: 'class' | 'node'): Entity | Diagnostic[] {
    const key = `${kind}:${ref.abs}`;
    let e = this.entities.get(key);
    if (e === undefined) {
      e = readEntityFile(ref, name, kind, this.settings.delimiter);
      this.entities.set(key, e);
      if (!Array.isArray(e)) this.read.set(ref.rel, { path: ref.rel.split(path.sep).join('/'), text: e.text });
    }
    return e;
  }

  /** The model files read so far (path relative to the inventory base, text). */
  inputs(): { path: string; text: string }[] {
    return [...this.read.values()];
  }

  /** Loads and merges one node (no interpolation). */
  merge(name: string): MergedNode | Diagnostic[] {
    if (hasErrors(this.diagnostics)) return this.diagnostics;
    const ref = this.storage.nodes.get(name);
    if (!ref) return [error(Codes.NODE_NOT_FOUND, `node '${name}' not found${suggest(name, this.nodeNames())}`)];
    const node = this.entity(ref, name, 'node');
    if (Array.isArray(node)) return node;
    const merged = mergeNode(node, this);
    for (const d of merged.diagnostics) d.node ??= name;
    return merged;
  }

  private state(name: string): NodeState | Diagnostic[] {
    const cached = this.states.get(name);
    if (cached) return cached;
    const merged = this.merge(name);
    let st: NodeState | Diagnostic[];
    if (Array.isArray(merged)) st = merged;
    else if (hasErrors(merged.diagnostics)) st = merged.diagnostics;
    else {
      const p = new Interpolator(merged.params, this.settings);
      const e = new Interpolator(merged.exports, this.settings, p);
      st = { merged, p, e };
    }
    this.states.set(name, st);
    return st;
  }

  /** Merges and interpolates one node: Reclass `--nodeinfo`. */
  renderNode(name: string): NodeResult {
    const st = this.state(name);
    if (!this.keepStates) this.states.delete(name);
    if (Array.isArray(st)) return { ok: false, diagnostics: st };
    const { merged, p, e } = st;
    const diagnostics: Diagnostic[] = merged.diagnostics.filter((d) => d.severity !== 'error');
    if (p.queries.length > 0) {
      this.keepStates = true;
      this.states.set(name, st);
      const inv = this.queryInventory(name, st);
      if (!Array.isArray(inv) || inv.length === 0 || !('diagnostic' in inv[0])) p.inventory = inv as QueryNode[];
      else return { ok: false, diagnostics: (inv as { diagnostic: Diagnostic }[]).map((x) => x.diagnostic), merged };
    }
    try {
      p.interpolateAll();
      e.interpolateAll();
    } catch (err) {
      // Last line of defence: a runaway the checks above did not foresee is a diagnostic, not a crash.
      if (!(err instanceof RangeError)) throw err;
      return { ok: false, merged, diagnostics: [error(Codes.REF_LOOP, `node ${name}: references expand without end (${err.message})`, { file: merged.node.file, line: 1, col: 1 })] };
    }
    for (const w of p.warnings) diagnostics.push(renderDiagnostic(w, merged, 'parameters', 'warning'));
    // Sorted by place: an inventory query may render another node's exports early,
    // and the order of a node's diagnostics must not depend on that.
    const errs = sortByLocation([...p.errors.map((x) => renderDiagnostic(x, merged, 'parameters')), ...e.errors.map((x) => renderDiagnostic(x, merged, 'exports'))]);
    if (errs.length > 0) return { ok: false, diagnostics: [...errs, ...diagnostics], merged };
    const ref = this.storage.nodes.get(name)!;
    return {
      ok: true,
      merged,
      warnings: diagnostics,
      info: {
        __reclass__: { node: name, name, uri: `yaml_fs://${ref.rel}`, environment: merged.environment },
        classes: merged.classes,
        applications: merged.applications,
        environment: merged.environment,
        exports: e.base,
        parameters: p.base,
      },
    };
  }

  /** The other nodes' exports as the querying node's `$[ ]` see them (Reclass Core._get_inventory). */
  private queryInventory(name: string, st: NodeState): QueryNode[] | { diagnostic: Diagnostic }[] {
    const allEnvs = st.p.needsAllEnvs;
    const env = st.merged.environment;
    const failures: { diagnostic: Diagnostic }[] = [];
    const scope: { name: string; st: NodeState; envMatches: boolean; exports: Obj }[] = [];
    for (const other of this.nodeNames()) {
      const ost = other === name ? st : this.state(other);
      if (Array.isArray(ost)) {
        const first = ost.find((d) => d.severity === 'error');
        failures.push({ diagnostic: error(Codes.INV_QUERY, `inventory query of node ${name} needs node ${other}, which fails: ${first?.message ?? 'unknown error'}`, first?.location, [{ message: `while rendering ${name}` }]) });
        continue;
      }
      const envMatches = ost.merged.environment === env;
      if (allEnvs || envMatches) scope.push({ name: other, st: ost, envMatches, exports: ost.e.base });
    }
    if (failures.length > 0) return failures;
    for (const q of st.p.queries) {
      for (const n of scope) {
        if (!q.allEnvs && !n.envMatches) continue;
        for (const path of q.exportPaths) {
          const before = n.st.e.errors.length;
          n.st.e.interpolateAround(path);
          const errs = n.st.e.errors.slice(before);
          if (errs.length === 0) continue;
          if (q.ignoreErrors) {
            n.exports = prune(n.exports, errs.map((x) => x.path));
          } else {
            const d = renderDiagnostic(errs[0], n.st.merged, 'exports');
            failures.push({ diagnostic: error(Codes.INV_QUERY, `inventory query $[ ${q.text} ] of node ${name} failed on node ${n.name}: ${d.message}`, d.location, d.related) });
          }
        }
      }
    }
    if (failures.length > 0) return failures;
    return scope.map((n) => ({ name: n.name, exports: n.exports, envMatches: n.envMatches }));
  }
}

function sortByLocation(ds: Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic) => [d.location?.file ?? '', String(d.location?.line ?? 0).padStart(9, '0'), String(d.location?.col ?? 0).padStart(9, '0'), d.message].join('\u0000');
  return ds.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Copy of `o` without the given paths (a failed export skipped by +IgnoreErrors). */
function prune(o: Obj, paths: string[][]): Obj {
  const copy = structuredCopy(o);
  for (const p of paths) {
    let c: unknown = copy;
    for (let i = 0; i < p.length - 1 && c; i++) c = (c as Obj)[p[i]];
    if (c && typeof c === 'object') delete (c as Obj)[p[p.length - 1]];
  }
  return copy;
}

function structuredCopy(o: Obj): Obj {
  const out = Object.create(null) as Obj;
  for (const k of Object.keys(o)) {
    const v = o[k];
    out[k] = v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === null ? structuredCopy(v as Obj) : v;
  }
  return out;
}

/** load: read one model file and compile it. The only file reads of the engine. */
export function readEntityFile(ref: FileRef, name: string, kind: 'class' | 'node', delimiter: string): Entity | Diagnostic[] {
  const loc = { file: ref.display, line: 1, col: 1 };
  let text: string;
  try {
    const size = statSync(ref.abs).size;
    if (size > MAX_FILE_BYTES) return [error(Codes.FILE_TOO_LARGE, `${ref.display} is ${size} bytes; model files are limited to ${MAX_FILE_BYTES} bytes`, loc)];
    text = readFileSync(ref.abs, 'utf8');
  } catch (e) {
    return [error(Codes.FILE_UNREADABLE, `cannot read ${ref.display}: ${(e as Error).message}`, loc)];
  }
  const loaded = loadYaml(text, ref.display);
  if (!loaded.ok) return loaded.diagnostics;
  const { entity, diagnostics } = compileEntity(loaded.value, { name, kind, file: ref.display, pathname: ref.pathname, text, delimiter });
  return entity ?? diagnostics;
}

/** A render error, located at the file and line that contributed the offending value. */
function renderDiagnostic(err: RenderError, merged: MergedNode, field: 'parameters' | 'exports', severity: 'error' | 'warning' = 'error'): Diagnostic {
  const where = `${field}:${err.path.join(':')}`;
  const cs = contributions(merged.order, field, err.path);
  const code = {
    unresolved: Codes.REF_UNRESOLVED,
    loop: Codes.REF_LOOP,
    'bad-references': Codes.REF_BAD_NESTED,
    'merge-type': Codes.MERGE_TYPE,
    constant: Codes.CONSTANT_CHANGED,
    query: Codes.INV_QUERY,
    'overwritten-missing': Codes.REF_OVERWRITTEN_MISSING,
  }[err.kind];
  let location = cs.length > 0 ? cs[cs.length - 1].location : undefined;
  const related: { message: string; location?: Diagnostic['location'] }[] = [];
  if ((err.kind === 'unresolved' || err.kind === 'bad-references' || err.kind === 'overwritten-missing' || err.kind === 'query') && err.ref) {
    const c = findReference(cs, err.kind === 'query' ? '$[' : err.ref.slice(0, -1)) ?? findReference(cs, '${');
    if (c) location = c.location;
  } else if (err.kind === 'query') {
    const c = findReference(cs, '$[');
    if (c) location = c.location;
  } else if (err.kind === 'merge-type' || err.kind === 'constant') {
    const set = cs.filter((c) => c.kind !== 'parent' || err.kind === 'merge-type');
    const later = set[set.length - 1];
    const earlier = set[set.length - 2];
    if (later) location = later.location;
    if (earlier) related.push({ message: err.kind === 'constant' ? 'the constant was set here' : 'merged over the value set here', location: earlier.location });
  } else if (err.kind === 'loop' && err.chain) {
    for (const step of err.chain.slice(1)) {
      const sc = contributions(merged.order, 'parameters', step);
      const c = sc[sc.length - 1];
      related.push({ message: `which refers to ${step.join(':')}`, location: c?.location });
    }
  }
  const d: Diagnostic = { severity, code, message: `${err.message} (at ${where}, node ${merged.name})`, node: merged.name };
  if (location && location.file) d.location = location;
  else if (location) related.unshift({ message: 'set by Reclass automatic parameters (_reclass_)' });
  if (related.length > 0) d.related = related;
  return d;
}

function suggest(name: string, names: string[]): string {
  const close = names.filter((n) => n.startsWith(name) || name.startsWith(n.split('.')[0]));
  return close.length > 0 && close.length <= 5 ? ` (did you mean ${close.join(', ')}?)` : '';
}

