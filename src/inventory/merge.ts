/**
 * Where a value is merged. Reclass 1.7 merge rules (datatypes/parameters.py):
 * dicts deep-merge key by key; `~key` overwrites, `=key` makes a constant; any
 * other collision becomes a VList folded at interpolation time, where type checks
 * happen (values.ts). Lists and scalars of one type with no references fold
 * right away (VList.complex false).
 */
import { PDict, VList, Val, type PNode, type ValItem } from './values.js';

const TILDE = 126; // '~'
const EQUALS = 61; // '='

export function own(d: PDict, owner: number): PDict {
  return d.owner === owner ? d : new PDict(new Map(d.map), owner, false);
}

/** Merges `next` into `cur` (which `owner` may write to) and returns `cur`. */
export function mergeDict(cur: PDict, next: PDict, owner: number): PDict {
  for (const [k, v] of next.map) {
    const c = k.charCodeAt(0);
    if (c === TILDE || c === EQUALS) {
      const key = k.slice(1);
      const base = v instanceof Val ? v.item : (v as ValItem);
      const flagged = c === TILDE ? new Val(base, true, v instanceof Val && v.constant) : new Val(base, v instanceof Val && v.overwrite, true);
      cur.map.set(key, mergeRecurse(cur.map.get(key), flagged, owner));
    } else {
      cur.map.set(k, mergeRecurse(cur.map.get(k), v, owner));
    }
  }
  return cur;
}

export function mergeRecurse(cur: PNode | undefined, next: PNode, owner: number): PNode {
  if (next instanceof PDict) {
    if (cur === undefined) {
      // A compiled dict already had its prefixes applied: share it until written to.
      return next.raw ? mergeDict(new PDict(new Map(), owner, false), next, owner) : next;
    }
    if (cur instanceof PDict) return mergeDict(own(cur, owner), next, owner);
    return updateValue(cur, next);
  }
  if (cur === undefined) return next;
  return updateValue(cur, next);
}

/** Reclass Parameters._update_value: collect both sides for interpolation-time folding. */
export function updateValue(cur: PNode, next: PNode): VList {
  const values: Val[] = cur instanceof VList ? [...cur.values] : [cur instanceof Val ? cur : new Val(cur as ValItem)];
  if (next instanceof Val) values.push(next);
  else if (next instanceof VList) values.push(...next.values);
  else values.push(new Val(next as ValItem));
  return new VList(values);
}
