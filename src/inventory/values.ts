/**
 * The value model of a parameters tree while it is being merged, mirroring
 * Reclass 1.7's (datatypes/parameters.py, values/*):
 *
 *   PDict   a mapping (Reclass ParameterDict); `raw` until its `~`/`=` key prefixes are applied
 *   array   a list (ParameterList); its elements are raw
 *   Tmpl    a string with references or an inventory query (see reference-parser)
 *   Val     one contribution with flags: `~key` (overwrite) or `=key` (constant)
 *   VList   contributions to one key that can only be folded at interpolation
 *           time (Reclass ValueList): references, flags, or types that differ
 *
 * Compiled class trees are shared by every node that uses the class and are
 * never mutated: a node's merge copies a PDict the first time it writes to it
 * (copy on write, keyed by `owner`).
 */
import { PyFloat } from './py-value.js';
import { Tmpl } from './reference-parser.js';

export type Scalar = string | number | boolean | null | PyFloat;
export type PNode = Scalar | Tmpl | PDict | PNode[] | Val | VList;
export type ValItem = Scalar | Tmpl | PDict | PNode[];

/**
 * Owners: a positive owner is one node's merge, which writes to its dicts in
 * place; a negative owner marks a sealed tree (compiled from a file, or a merge
 * state shared by nodes) that nobody writes to again, so its rendering can be
 * cached and shared (interpolate.ts).
 */
export const COMPILED = -1;

let nextOwner = 1;
let nextShared = -2;
/** A node's merge: writes in place. */
export function newOwner(): number {
  return nextOwner++;
}
/** One step of a shared merge: its dicts are sealed once the step is done. */
export function newSharedOwner(): number {
  return nextShared--;
}

/** Arrays that belong to sealed trees (compiled from files, or folded lists): never written. */
export const COMPILED_ARRAYS = new WeakSet<unknown[]>();

export class PDict {
  /** Rendered form, cached once the dict is sealed (owner < 0). */
  rendered: unknown = undefined;
  constructor(
    readonly map: Map<string, PNode>,
    public owner: number,
    readonly raw: boolean,
  ) {}
}

export class Val {
  constructor(
    readonly item: ValItem,
    readonly overwrite = false,
    readonly constant = false,
  ) {}
}

export type ItemType = 'scalar' | 'list' | 'dictionary' | 'reference' | 'composite' | 'inv_query';

export function itemType(item: ValItem): ItemType {
  if (item instanceof PDict) return 'dictionary';
  if (Array.isArray(item)) return 'list';
  if (item instanceof Tmpl) {
    const s = item.single;
    if (s?.kind === 'ref') return 'reference';
    if (s?.kind === 'inv') return 'inv_query';
    return 'composite';
  }
  return 'scalar';
}

export class VList {
  /** Needs interpolation-time rendering (Reclass ValueList.is_complex). */
  readonly complex: boolean;
  constructor(readonly values: readonly Val[]) {
    let complex = false;
    const t0 = kindOf(values[0].item);
    for (const v of values) {
      if (v.overwrite || v.constant || v.item instanceof Tmpl || kindOf(v.item) !== t0) {
        complex = true;
        break;
      }
    }
    this.complex = complex;
  }
}

function kindOf(item: ValItem): number {
  if (item instanceof PDict) return 2;
  if (Array.isArray(item)) return 1;
  return 0;
}

export function isScalar(v: unknown): v is Scalar {
  return v === null || typeof v !== 'object' || v instanceof PyFloat;
}

/**
 * An output mapping. Ordinary objects (V8 keeps them fast, unlike null-prototype
 * ones); every write of a key from a model goes through setKey, so a YAML key
 * `__proto__` is just a key.
 */
export type Obj = Record<string, unknown>;
export function newObj(): Obj {
  return {};
}

export function setKey(o: Obj, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

/** A value still to be interpolated, sitting in a rendered tree. */
export function isMarker(v: unknown): v is Tmpl | Val | VList {
  return v instanceof Tmpl || v instanceof Val || v instanceof VList;
}

/** Plain (rendered) mapping, as opposed to arrays, PDicts and markers. */
export function isObj(v: unknown): v is Obj {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const p = Object.getPrototypeOf(v);
  return p === null || p === Object.prototype;
}
