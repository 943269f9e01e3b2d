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
import { mergeDict } from './merge.js';
import { pyStr } from './py-value.js';
import { parseValueString, Tmpl } from './reference-parser.js';
import { NOT_FOUND, splitDelimited } from './inventory-query.js';
import { COMPILED, PDict, VList, Val, newOwner, type PNode } from './values.js';
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
  mappedClasses(node: Entity): string[];
  ignoreNotFound: RegExp | null;
}

export function mergeNode(node: Entity, src: ClassSource): MergedNode {
  const settings = src.settings;
  const owner = newOwner();
  const environment = node.environment ?? settings.defaultEnvironment;
  let params = new PDict(new Map(), owner, false);
  let exports = new PDict(new Map(), owner, false);
  const order: Entity[] = [];
  const chains: string[][] = [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  const active: string[] = [];
  const classesOut: string[] = [];
  const classesSeen = new Set<string>();
  const apps: string[] = [];

  const mergeEntity = (e: Entity, chain: string[]): void => {
    params = mergeDict(params, e.params, owner);
    exports = mergeDict(exports, e.exports, owner);
    for (const c of e.classes) if (!classesSeen.has(c)) (classesSeen.add(c), classesOut.push(c));
    // kapicorp semantics: `~app` removes app from everything merged so far.
    for (const a of e.applications) {
      if (a[0] === '~') {
        const i = apps.indexOf(a.slice(1));
        if (i >= 0) apps.splice(i, 1);
      } else if (!apps.includes(a)) apps.push(a);
    }
    order.push(e);
    chains.push(chain);
  };

  const recurse = (e: Entity, chain: string[]): void => {
    e.classes.forEach((declared, idx) => {
      let klass = declared;
      if (declared.includes('${') || declared.includes('$[')) {
        const resolved = resolveClassName(declared, params, settings.delimiter);
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
        diagnostics.push(
          error(Codes.INCLUDE_CYCLE, `include cycle: ${cycle.join(' -> ')}`, locate(e.text, e.file, ['classes', idx]), chainInfo([...chain, e.name])),
        );
        return;
      }
      const got = src.getClass(klass);
      if (got === null) {
        if (src.ignoreNotFound?.test(klass)) {
          if (settings.ignoreClassNotfoundWarning) {
            diagnostics.push(warning(Codes.CLASS_NOT_FOUND_IGNORED, `class '${klass}' not found; skipped (ignore_class_notfound)`, locate(e.text, e.file, ['classes', idx])));
          }
          return;
        }
        diagnostics.push(
          error(Codes.CLASS_NOT_FOUND, `class '${klass}' not found${e.kind === 'base' ? ' (from class_mappings)' : ''}`, e.kind === 'base' ? undefined : locate(e.text, e.file, ['classes', idx]), chainInfo([...chain, e.name])),
        );
        return;
      }
      if (Array.isArray(got)) {
        diagnostics.push(...got);
        return;
      }
      active.push(klass);
      recurse(got, [...chain, e.name]);
      active.pop();
      seen.add(klass);
    });
    mergeEntity(e, chain);
  };

  const base = baseEntity(node.name, src.mappedClasses(node), automaticParameters(node.name, environment, settings));
  recurse(base, []);
  recurse(node, []);
  return { name: node.name, node, order, chains, classes: classesOut, applications: apps, environment, params, exports, diagnostics };
}

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
function resolveClassName(name: string, params: PDict, delimiter: string): string | null {
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
      const v = peek(params, splitDelimited(ref, delimiter));
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
