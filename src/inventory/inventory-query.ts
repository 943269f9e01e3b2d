/**
 * Inventory queries `$[ ... ]` (Reclass 1.7 values/invitem.py):
 *   $[ exports:ip ]                                  -> {node: ip} for every node that exports ip
 *   $[ exports:ip if exports:role == web and ... ]   -> the same, filtered
 *   $[ if exports:role == self:role ]                -> sorted list of node names
 * Options `+AllEnvs` (nodes of every environment, not just the querying node's)
 * and `+IgnoreErrors` (a node whose export fails to render is skipped).
 * Tests combine strictly left to right, as Reclass does (no precedence).
 */
import { pyEquals } from './py-value.js';

export type Operand =
  | { kind: 'export'; path: string[] }
  | { kind: 'self'; path: string }
  | { kind: 'value'; value: string | number | boolean };

export interface EqualityTest {
  exportPath: string[];
  paramPath: string | null;
  literal: string | number | boolean | null;
  negate: boolean;
}

export interface InvQuery {
  text: string;
  type: 'value' | 'test' | 'list';
  /** Export path whose values the query returns (value and test forms). */
  valuePath: string[] | null;
  tests: EqualityTest[];
  ops: ('and' | 'or')[];
  ignoreErrors: boolean;
  allEnvs: boolean;
  /** Parameter paths of the querying node (`self:...`), delimiter-joined. */
  selfRefs: string[];
  /** Export paths the query reads on every node. */
  exportPaths: string[][];
}

export interface QueryNode {
  name: string;
  exports: Record<string, unknown>;
  envMatches: boolean;
}

const INT_RE = /^-?\d+$/;
const REAL_RE = /^-?(?:\d+\.\d+|\.\d+|\d+\.)$/;

/** Splits on the delimiter unless escaped with a backslash (Reclass DictPath). */
export function splitDelimited(s: string, delimiter: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = s.indexOf(delimiter);
  while (i >= 0) {
    if (i > 0 && s[i - 1] === '\\') {
      i = s.indexOf(delimiter, i + delimiter.length);
      continue;
    }
    out.push(s.slice(start, i));
    start = i + delimiter.length;
    i = s.indexOf(delimiter, start);
  }
  out.push(s.slice(start));
  return out;
}

function operand(tok: string, delimiter: string): Operand {
  if (INT_RE.test(tok)) return { kind: 'value', value: Number.parseInt(tok, 10) };
  if (REAL_RE.test(tok)) return { kind: 'value', value: Number.parseFloat(tok) };
  const path = splitDelimited(tok, delimiter);
  const head = path[0].toLowerCase();
  if (head === 'exports') return { kind: 'export', path: path.slice(1) };
  if (head === 'self') return { kind: 'self', path: path.slice(1).join(delimiter) };
  if (head === 'true') return { kind: 'value', value: true };
  if (head === 'false') return { kind: 'value', value: false };
  return { kind: 'value', value: tok };
}

function equality(left: string, op: string, right: string, delimiter: string): EqualityTest | string {
  let exportPath: string[] | null = null;
  let paramPath: string | null = null;
  let literal: string | number | boolean | null = null;
  for (const tok of [left, right]) {
    const o = operand(tok, delimiter);
    if (o.kind === 'export') exportPath = o.path;
    else if (o.kind === 'self') paramPath = o.path;
    else literal = o.value;
  }
  if (!exportPath) return `no exports: path in test '${left} ${op} ${right}'`;
  return { exportPath, paramPath, literal, negate: op === '!=' };
}

/** Parses the text between `$[` and `]`; returns an error message on failure. */
export function parseQuery(text: string, delimiter: string): InvQuery | string {
  const toks = text.split(/[ \t\r\n]+/).filter((t) => t !== '');
  let ignoreErrors = false;
  let allEnvs = false;
  while (toks.length > 0) {
    const t = toks[0].toLowerCase();
    if (t === '+ignoreerrors') ignoreErrors = true;
    else if (t === '+allenvs') allEnvs = true;
    else break;
    toks.shift();
  }
  const base = { text: text.trim(), ignoreErrors, allEnvs };
  if (toks.length === 0) return `empty inventory query '${text}'`;
  let type: InvQuery['type'];
  let valuePath: string[] | null = null;
  let rest: string[];
  if (toks.length === 1) {
    const o = operand(toks[0], delimiter);
    if (o.kind !== 'export') return `inventory query '${text.trim()}' must name an exports: path`;
    return { ...base, type: 'value', valuePath: o.path, tests: [], ops: [], selfRefs: [], exportPaths: [o.path] };
  }
  if (toks[0].toLowerCase() === 'if') {
    type = 'list';
    rest = toks.slice(1);
  } else if (toks[1].toLowerCase() === 'if') {
    type = 'test';
    const o = operand(toks[0], delimiter);
    if (o.kind !== 'export') return `inventory query '${text.trim()}' must return an exports: path`;
    valuePath = o.path;
    rest = toks.slice(2);
  } else return `cannot parse inventory query '${text.trim()}'`;
  const tests: EqualityTest[] = [];
  const ops: ('and' | 'or')[] = [];
  for (let i = 0; ; i += 4) {
    const [l, op, r] = rest.slice(i, i + 3);
    if (r === undefined || (op !== '==' && op !== '!=')) return `cannot parse test in inventory query '${text.trim()}'`;
    const t = equality(l, op, r, delimiter);
    if (typeof t === 'string') return t;
    tests.push(t);
    if (i + 3 === rest.length) break;
    const logic = rest[i + 3].toLowerCase();
    if (logic !== 'and' && logic !== 'or') return `expected 'and' or 'or' in inventory query '${text.trim()}'`;
    ops.push(logic);
  }
  const exportPaths = tests.map((t) => t.exportPath);
  if (valuePath) exportPaths.push(valuePath);
  const selfRefs = tests.flatMap((t) => (t.paramPath !== null ? [t.paramPath] : []));
  return { ...base, type, valuePath, tests, ops, selfRefs, exportPaths };
}

/** Reclass DictPath.exists_in, including its quirk for scalars on the way. */
function existsIn(path: readonly string[], container: unknown): boolean {
  let item: unknown = container;
  for (const part of path) {
    if (Array.isArray(item)) {
      if (!item.includes(part)) return false;
    } else if (item !== null && typeof item === 'object') {
      if (!Object.prototype.hasOwnProperty.call(item, part)) return false;
      item = (item as Record<string, unknown>)[part];
    } else return item === path[path.length - 1];
  }
  return true;
}

export const NOT_FOUND: unique symbol = Symbol('not found');

/** Reclass DictPath.get_value: list indices only in the middle of a path. */
export function getPath(base: unknown, path: readonly string[]): unknown {
  let c: unknown = base;
  for (let i = 0; i < path.length; i++) {
    const part = path[i];
    if (Array.isArray(c)) {
      if (i === path.length - 1 || !/^-?\d+$/.test(part)) return NOT_FOUND;
      let idx = Number(part);
      if (idx < 0) idx += c.length;
      if (idx < 0 || idx >= c.length) return NOT_FOUND;
      c = c[idx];
    } else if (c !== null && typeof c === 'object' && Object.prototype.hasOwnProperty.call(c, part)) {
      c = (c as Record<string, unknown>)[part];
    } else return NOT_FOUND;
  }
  return c;
}

export class QueryError extends Error {}

/**
 * Evaluates a query over the inventory (nodes sorted by name). `self` looks up
 * the querying node's parameters.
 */
export function evaluateQuery(q: InvQuery, nodes: readonly QueryNode[], self: (path: string) => unknown): unknown {
  const params = q.tests.map((t) => {
    if (t.paramPath === null) return t.literal;
    const v = self(t.paramPath);
    if (v === NOT_FOUND) throw new QueryError(`cannot resolve self:${t.paramPath} in inventory query $[ ${q.text} ]`);
    return v;
  });
  for (let i = 0; i < q.tests.length; i++) {
    if (params[i] === null || params[i] === undefined) throw new QueryError(`expression error: failed to render $[ ${q.text} ]`);
  }
  const matches = (n: QueryNode): boolean => {
    let result = false;
    q.tests.forEach((t, i) => {
      let v = false;
      if (existsIn(t.exportPath, n.exports)) {
        const ev = getPath(n.exports, t.exportPath);
        if (ev === NOT_FOUND) throw new QueryError(`cannot resolve exports:${t.exportPath.join(':')} on node ${n.name}`);
        v = pyEquals(ev, params[i]) !== t.negate;
      }
      result = i === 0 ? v : q.ops[i - 1] === 'and' ? result && v : result || v;
    });
    return q.tests.length === 0 ? true : result;
  };
  const inScope = nodes.filter((n) => q.allEnvs || n.envMatches);
  if (q.type === 'list') return inScope.filter(matches).map((n) => n.name).sort();
  const out: Record<string, unknown> = {};
  for (const n of inScope) {
    if (q.type === 'test' && !matches(n)) continue;
    if (!existsIn(q.valuePath!, n.exports)) continue;
    const v = getPath(n.exports, q.valuePath!);
    if (v === NOT_FOUND) throw new QueryError(`cannot resolve exports:${q.valuePath!.join(':')} on node ${n.name}`);
    out[n.name] = v;
  }
  return out;
}
