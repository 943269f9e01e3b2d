/**
 * Random Reclass inventories for the property tests: fast-check arbitraries that
 * produce a plain data structure (InvSpec), and a deterministic function that
 * turns that structure into files (inventoryFiles). Shrinking works on the
 * structure; the YAML text is always rebuilt from it the same way.
 *
 * Two modes:
 *  - 'robust': anything goes (include cycles, garbage YAML, inventory queries,
 *    odd settings, sibling `~app` removals, YAML 1.1 oddities, colliding keys);
 *  - 'reclass': only constructs where lmac must equal Reclass 1.7: the class
 *    graph is a DAG (an entry of class i names a class j < i), `~app` removals
 *    only in nodes (a class's removal only sees its own subtree in 1.7, lmac
 *    deliberately follows kapicorp), no inventory queries, no mapping keys that
 *    are one Python key (`1`/`true`), no values whose JSON or str() differs for
 *    lack of a Python type (.inf, .nan, dates), a class-name selector
 *    parameter set at most once (1.7 formats a value set twice as an object repr).
 *
 * Each mode comes in two flavours, half of the cases each: 'messy' (any key,
 * any reference, broken references) and 'clean' (typed keys, references that
 * cannot loop, a defaults class every node includes first), where most nodes
 * render, so that differences in rendered values show and are not hidden
 * behind an error both engines report.
 */
import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type Mode = 'robust' | 'reclass';

/** A YAML value: a scalar (its YAML text, emitted as is), a mapping or a sequence. */
export type YVal = { k: 's'; t: string } | { k: 'm'; e: [string, YVal][] } | { k: 'l'; i: YVal[] };

/** One entry of a `classes:` list. */
export type ClassEntry =
  /** The class with index `i % count` (DAG mode: `i % index`), spelled relative when `rel` and possible. */
  | { t: 'idx'; i: number; rel: boolean }
  /** A literal class name (missing classes, relative names that lead nowhere, odd names). */
  | { t: 'lit'; s: string }
  /** `${sel}`: a reference to the class-name selector parameter. */
  | { t: 'sel' };

export interface App {
  n: string;
  neg: boolean;
}

export interface EntitySpec {
  classes: ClassEntry[] | null;
  apps: App[] | null;
  params: YVal | null;
  exports: YVal | null;
  env: string | null;
  /** Replaces the whole file (garbage YAML, a list, a scalar...). */
  garbage: string | null;
  /** Robust mode: a top-level line replacing the section with the same key (`classes: base`). */
  odd: string | null;
}

export interface ClassSpec extends EntitySpec {
  segs: string[];
  init: boolean;
  ext: 'yml' | 'yaml';
}

export interface NodeSpec extends EntitySpec {
  name: string;
  dir: string | null;
  ext: 'yml' | 'yaml';
}

export interface MappingSpec {
  pattern: string;
  /** Class indices (mod count) or literal names. */
  targets: (number | string)[];
}

export interface ConfigSpec {
  bools: [string, boolean][];
  notfoundRegexp: string[] | null;
  mappings: MappingSpec[] | null;
  /** Robust mode: extra raw lines (delimiter, compose_node_name, unknown keys). */
  extra: string[];
  garbage: string | null;
}

export interface InvSpec {
  mode: Mode;
  classes: ClassSpec[];
  nodes: NodeSpec[];
  config: ConfigSpec | null;
  /** The class-name selector: class `holder` sets `sel: <name of class target>`. */
  sel: { holder: number; target: number } | null;
  /** Robust: also write class `dupInit` as <name>/init.yml (a duplicate class definition). */
  dupInit: number | null;
  /** Clean flavour: values of host, port, name, b that class 0 sets (with a: {}, c: {}, items: []); every node includes class 0 first. */
  defaults: string[] | null;
}

// ---------------------------------------------------------------- vocabulary

const SEGS = ['sys', 'app', 'web', 'db', 'common', 'role'];
const NODE_NAMES = ['n1', 'n2', 'web1', 'db01', 'web1.example.com', 'ctl01', 'cmp.lab.local'];
const NODE_DIRS = ['dc1', 'lab', '_spare'];
const APPS = ['ntp', 'ssh', 'linux', 'salt', 'ghost'];
/** Keys references point at, so that most references hit something. */
const KEYS = ['a', 'b', 'c', 'host', 'port', 'items', 'name'];
/** Keys safe for Reclass mode that are not plain identifiers (80 -> '80', yes -> 'True'). */
const ODD_KEYS_RECLASS = ['80', 'yes', 'with space', 'dotted.key', '_param', '_reclass_'];
/** Robust mode only: keys that are one Python key, nulls, floats, empty. */
const ODD_KEYS_ROBUST = ['1', 'true', 'True', '1.0', '~', 'null', '""', "''", '0777', '1:20', '=', '~~a', '=~a', '~=a', '$a', '${a}', '_reclass_'];

/** YAML 1.1 scalars whose meaning PyYAML and lmac agree on and JSON/str() can carry. */
const SCALARS_RECLASS = [
  'yes', 'no', 'on', 'off', 'y', 'n', 'Yes', 'OFF', '0777', '08', '1:20', '-1:20:30', '~', 'null', '1.5', '1.0', '-0.25', '1e3', '1.0e+3',
  '0x1F', '1_000', 'true', 'False', '42', '-7', '0', 'hello', 'web', 'hello world', "'quoted yes'", '"double \\" quote"', "''", '""',
  '1.10', '2:8.0', '0o17', '0b101', '+12', "'0777'", '"${a}"', 'a.b.c', '10.0.0.1', '1.2.3', '.5', '1.',
];
/** Robust mode extras: values without a JSON form, datetimes, tags, aliases, odd plain scalars. */
const SCALARS_ROBUST = [
  // Dates: lmac keeps their text (docs/inventory.md), so inside a formatted dict or list 1.7 prints datetime.date(...).
  '2018-03-15',
  '.inf', '-.inf', '.nan', '.NaN', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5', '!!binary aGVsbG8=', '!!str 123',
  '!!int "42"', '!!float 1', '!!bool yes', '!!null ""', '!!python/tuple [1]', '!custom x', '*undefined_alias', '&anc x', '=',
  '|\n  literal\n', '[1, {a: b}, [c]]', '{a: 1, b: [2]}', '{}', '[]', '"\\u00e9\\t\\x41"', "'it''s'", '1__2', '_1', '0x', '-', '.',
];

const GARBAGE_RECLASS = [
  'a: [1, 2\n', 'a: b: c\n', 'key: "unterminated\n', '- a\nb: c\n', 'parameters:\n\tx: 1\n', 'parameters:\n  a: *nope\n', '{{{\n',
  'parameters: !!python/name:os.system x\n', '- just\n- a list\n', 'just a string\n', '42\n', 'classes: [a, b\n',
];
const GARBAGE_ROBUST = [
  ...GARBAGE_RECLASS, '', '---\na: 1\n---\nb: 2\n', '%YAML 1.2\n---\na: 1\n', 'a: &x [*x]\n', '? [a, b]\n: c\n', '? {a: 1}\n: c\n',
  'l0: &a [x, x, x, x, x, x, x, x, x]\nl1: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nl2: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nl3: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\nl4: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nl5: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\nl6: [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n',
  'parameters:\n  base: &b {x: 1}\n  d:\n    <<: *b\n    y: 2\n', '\uFEFFparameters: {a: 1}\n', 'parameters: {a: 1}\n\0\n', '['.repeat(300) + ']'.repeat(300) + '\n',
  'classes:\n  - ' + 'x.'.repeat(100) + 'y\n',
];

const ODD_SECTIONS = [
  'classes: base', 'classes: {a: 1}', 'classes: [1, null, ""]', 'classes: ["a b", "../x", "x/y"]', 'applications: ntp', 'applications: [1, ~]',
  'environment: 5', 'environment: [a]', 'parameters: [1, 2]', 'parameters: 5', 'exports: x', 'exports: [a]', 'parameters: ~', 'classes: ~',
];

// ---------------------------------------------------------------- arbitraries

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);

/** `arb` with probability `p`, else null (null first, so values shrink to it). */
function maybe<T>(arb: fc.Arbitrary<T>, p: number): fc.Arbitrary<T | null> {
  const w = Math.round(p * 100);
  return fc.oneof({ weight: 100 - w, arbitrary: fc.constant(null) }, { weight: w, arbitrary: arb });
}

function refPath(mode: Mode): fc.Arbitrary<string> {
  const seg = fc.oneof({ weight: 12, arbitrary: pick(KEYS) }, { weight: 2, arbitrary: pick(['0', '1']) }, { weight: 1, arbitrary: fc.constant('nope') }, { weight: mode === 'robust' ? 1 : 0, arbitrary: pick(['', ' a', '80', 'yes', 'True']) });
  return fc.oneof(
    { weight: 12, arbitrary: seg },
    { weight: 5, arbitrary: fc.tuple(seg, seg).map((s) => s.join(':')) },
    { weight: 2, arbitrary: fc.tuple(seg, seg, seg).map((s) => s.join(':')) },
    { weight: 2, arbitrary: pick(['_reclass_:name:short', '_reclass_:name:full', '_reclass_:environment', '_param:x', 'nope:deeper']) },
  );
}

function queryString(): fc.Arbitrary<string> {
  return fc.oneof(
    refPath('robust').map((p) => `$[ exports:${p} ]`),
    fc.tuple(pick(KEYS), pick(KEYS), pick(['web', '1', 'True', 'self:a', 'self:nope'])).map(([a, b, v]) => `$[ exports:${a} if exports:${b} == ${v} ]`),
    fc.tuple(pick(KEYS), pick(KEYS)).map(([a, b]) => `$[ if exports:${a} == self:${b} ]`),
    fc.tuple(pick(['+IgnoreErrors', '+AllEnvs', '+AllEnvs +IgnoreErrors']), pick(KEYS)).map(([o, a]) => `$[ ${o} exports:${a} ]`),
    fc.tuple(pick(KEYS), pick(KEYS), pick(KEYS)).map(([a, b, c]) => `$[ exports:${a} if exports:${b} == x and exports:${c} != 1 or exports:a == b ]`),
    pick(['$[ ]', '$[ if ]', '$[ exports: ]', '$[ exports:a if ]', '$[ exports:a if exports:b ~= 2 ]', 'pre $[ exports:a ]', '$[ exports:a ] $[ exports:b ]', '$[ exports:${a} ]', '$[ if exports:a == ${b} ]', '$[ +Bogus exports:a ]']),
  );
}

/** Strings that hold `${...}`: whole, embedded, nested, escaped, broken. Returned as YAML text. */
function refString(mode: Mode): fc.Arbitrary<string> {
  const p = refPath(mode);
  const word = pick(['', 'x-', 'pre ', 'http://', 'C:\\temp\\', ' ']);
  const raw = fc.oneof(
    { weight: 12, arbitrary: p.map((a) => `\${${a}}`) },
    { weight: 5, arbitrary: fc.tuple(word, p, word).map(([a, r, b]) => `${a}\${${r}}${b}`) },
    { weight: 2, arbitrary: fc.tuple(p, p).map(([a, b]) => `\${${a}}-\${${b}}`) },
    { weight: 2, arbitrary: fc.tuple(pick(KEYS), p).map(([a, b]) => `\${${a}:\${${b}}}`) },
    { weight: 1, arbitrary: fc.tuple(pick(KEYS), pick(KEYS), p).map(([a, b, c]) => `\${${a}:\${${b}:\${${c}}}}`) },
    { weight: 1, arbitrary: p.map((a) => `\\\${${a}}`) },
    { weight: 1, arbitrary: p.map((a) => `\\\\\${${a}}`) },
    { weight: 1, arbitrary: p.map((a) => `C:\\temp\\\${${a}}`) },
    { weight: 1, arbitrary: fc.oneof(p.map((a) => `\${${a}`), pick(['${}', '${${nope}}', '${a}}', '$${a}', '${a:}', '\\${a', 'a\\}b${a}', '${a\\}b}'])) },
    { weight: mode === 'robust' ? 5 : 0, arbitrary: queryString() },
  );
  return raw.map(singleQuote);
}

function singleQuote(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function scalar(mode: Mode): fc.Arbitrary<YVal> {
  const pool = mode === 'robust' ? [...SCALARS_RECLASS, ...SCALARS_ROBUST] : SCALARS_RECLASS;
  const arbs: fc.WeightedArbitrary<string>[] = [
    { weight: 8, arbitrary: pick(pool) },
    { weight: 3, arbitrary: refString(mode) },
    { weight: 1, arbitrary: fc.integer({ min: -1000, max: 100000 }).map(String) },
  ];
  if (mode === 'robust') {
    arbs.push({ weight: 1, arbitrary: fc.string({ maxLength: 12 }).map((s) => JSON.stringify(s)) });
    arbs.push({ weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }).map((s) => JSON.stringify(s)) });
  }
  return fc.oneof(...arbs).map((t) => ({ k: 's', t }) as YVal);
}

function key(mode: Mode): fc.Arbitrary<string> {
  const base = fc.oneof(
    { weight: 8, arbitrary: pick(KEYS) },
    { weight: 1, arbitrary: pick(ODD_KEYS_RECLASS) },
    { weight: mode === 'robust' ? 1 : 0, arbitrary: pick(ODD_KEYS_ROBUST) },
    { weight: mode === 'robust' ? 1 : 0, arbitrary: fc.string({ maxLength: 6 }) },
  );
  return fc.tuple(fc.oneof({ weight: 6, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constant('~') }, { weight: 1, arbitrary: fc.constant('=') }), base).map(([pre, k]) => pre + k);
}

function valueArb(mode: Mode, maxDepth: number): { value: fc.Arbitrary<YVal>; map: fc.Arbitrary<YVal> } {
  const tree = fc.letrec<{ value: YVal; map: YVal; list: YVal }>((tie) => ({
    value: fc.oneof({ maxDepth, depthSize: 'small', withCrossShrink: true }, scalar(mode), tie('map'), tie('list')),
    map: fc.array(fc.tuple(key(mode), tie('value')), { maxLength: 4 }).map((e) => ({ k: 'm', e }) as YVal),
    list: fc.array(tie('value'), { maxLength: 3 }).map((i) => ({ k: 'l', i }) as YVal),
  }));
  return { value: tree.value, map: tree.map };
}


// ---- the clean flavour: typed keys and acyclic references, so that most nodes render

/** Keys with scalar values, in reference order: a top-level key only names keys after it (no loops). */
const SCALAR_KEYS = ['host', 'port', 'name', 'b'];
const DICT_KEYS = ['a', 'c'];
const LIST_KEYS = ['items'];
/** What a top-level scalar key may reference; `name` and `b` (and values inside dicts and lists) never reach a dict or list. */
const TOP_TARGETS: Record<string, string[]> = {
  host: ['port', 'name', 'b', 'a', 'c', 'items', 'a:host', 'c:port', 'items:0', 'items:0:host', '_reclass_:name:short'],
  port: ['name', 'b', 'a', 'items', 'a:name'],
  name: ['b', '_reclass_:name:full', '_reclass_:environment'],
  b: [],
};
const NESTED_TARGETS = ['name', 'b', '_reclass_:name:short'];

/** Plain scalars without references. */
const SCALARS_PLAIN = SCALARS_RECLASS.filter((t) => !t.includes('${'));

function cleanScalar(targets: string[]): fc.Arbitrary<YVal> {
  const plain = pick(SCALARS_PLAIN);
  if (targets.length === 0) return plain.map((t) => ({ k: 's', t }) as YVal);
  const word = pick(['', 'x-', 'pre ', 'http://', 'C:\\temp\\']);
  const t = pick(targets);
  const ref = fc.oneof(
    { weight: 6, arbitrary: t.map((a) => `\${${a}}`) },
    { weight: 4, arbitrary: fc.tuple(word, t, word).map(([a, r, b]) => `${a}\${${r}}${b}`) },
    { weight: 2, arbitrary: fc.tuple(t, t).map(([a, b]) => `\${${a}}:\${${b}}`) },
    { weight: 1, arbitrary: t.map((a) => `\\\${${a}}`) },
    { weight: 1, arbitrary: t.map((a) => `\\\\\${${a}}`) },
  );
  return fc.oneof({ weight: 3, arbitrary: plain }, { weight: 2, arbitrary: ref.map(singleQuote) }).map((x) => ({ k: 's', t: x }) as YVal);
}

function cleanPrefix(): fc.Arbitrary<string> {
  return fc.oneof({ weight: 40, arbitrary: fc.constant('') }, { weight: 4, arbitrary: fc.constant('~') }, { weight: 1, arbitrary: fc.constant('=') });
}

/** A typed mapping: scalar keys hold scalars, dict keys mappings, list keys lists. `top`: the parameters themselves. */
function cleanMap(depth: number, scalarTargets: (k: string) => string[]): fc.Arbitrary<YVal> {
  const inner = depth > 0 ? cleanMap(depth - 1, () => NESTED_TARGETS) : fc.constant<YVal>({ k: 'm', e: [] });
  const nestedScalar = cleanScalar(NESTED_TARGETS);
  const entry = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(cleanPrefix(), pick(SCALAR_KEYS)).chain(([pre, k]) => cleanScalar(scalarTargets(k)).map((v) => [pre + k, v] as [string, YVal])) },
    { weight: depth > 0 ? 2 : 0, arbitrary: fc.tuple(cleanPrefix(), pick(DICT_KEYS), inner).map(([pre, k, v]) => [pre + k, v] as [string, YVal]) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(cleanPrefix(), pick(LIST_KEYS), fc.array(depth > 0 ? fc.oneof({ weight: 3, arbitrary: nestedScalar }, { weight: 1, arbitrary: inner }) : nestedScalar, { maxLength: 3 }))
        .map(([pre, k, i]) => [pre + k, { k: 'l', i }] as [string, YVal]),
    },
  );
  // Rarely, a class overrides Reclass's automatic parameters (lmac then merges in 1.7's exact order).
  const automatic = pick(['environment', 'name']).map((k) => ['_reclass_', { k: 'm', e: [[k, k === 'name' ? { k: 'm', e: [['short', { k: 's', t: 'renamed' }]] } : { k: 's', t: 'custom' }]] }] as [string, YVal]);
  return fc.array(fc.oneof({ weight: 30, arbitrary: entry }, { weight: depth === 2 ? 1 : 0, arbitrary: automatic }), { maxLength: 4 }).map((e) => ({ k: 'm', e }) as YVal);
}

function classEntry(mode: Mode, clean = false): fc.Arbitrary<ClassEntry> {
  const lits = mode === 'robust'
    ? ['missing.class', 'nothere', '.nothere', '..gone.x', '.', '..', 'a b', '../x', 'x/y', '${nope}', 'role.${sel}', '${sel', '$[ exports:a ]', 'sys.', '.sys..web', '~sys']
    : ['missing.class', 'nothere', '.nothere', '..gone.x', '${nope}', 'role.${sel}', '${sel', 'a b', '../x'];
  return fc.oneof(
    { weight: 30, arbitrary: fc.record({ t: fc.constant('idx' as const), i: fc.nat(60), rel: fc.boolean() }) },
    { weight: clean ? 0 : 1, arbitrary: pick(lits).map((s) => ({ t: 'lit' as const, s })) },
    { weight: clean ? 2 : 4, arbitrary: fc.constant({ t: 'sel' as const }) },
  );
}

function entity(mode: Mode, isNode: boolean, clean: boolean): fc.Arbitrary<EntitySpec> {
  const map = clean ? cleanMap(2, (k) => TOP_TARGETS[k]) : valueArb(mode, 3).map;
  const exportsMap = clean ? cleanMap(2, () => [...SCALAR_KEYS, 'a', 'items']) : map;
  const app = fc.record({ n: pick(APPS), neg: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }) });
  const garbage = clean
    ? fc.constant(null)
    : mode === 'robust'
    ? fc.oneof({ weight: 25, arbitrary: fc.constant(null) }, { weight: 2, arbitrary: pick(GARBAGE_ROBUST) }, { weight: 1, arbitrary: fc.string({ maxLength: 40 }) })
    : fc.oneof({ weight: 80, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: pick(GARBAGE_RECLASS) });
  const odd = mode === 'robust' ? fc.oneof({ weight: 15, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: pick(ODD_SECTIONS) }) : fc.constant(null);
  return fc.record({
    classes: maybe(fc.array(classEntry(mode, clean), { maxLength: isNode ? 5 : 4 }), 0.8),
    apps: maybe(fc.array(app, { maxLength: 3 }), 0.4),
    params: maybe(map, 0.85),
    exports: maybe(exportsMap, 0.2),
    env: maybe(pick(['base', 'prod', 'dev']), 0.15),
    garbage,
    odd,
  });
}

function config(mode: Mode): fc.Arbitrary<ConfigSpec> {
  const boolKeys = [
    'allow_scalar_over_dict', 'allow_scalar_over_list', 'allow_list_over_scalar', 'allow_dict_over_scalar', 'allow_none_override',
    'strict_constant_parameters', 'ignore_overwritten_missing_references', 'ignore_class_notfound', 'ignore_class_notfound_warning',
    'compose_node_name', 'class_mappings_match_path',
    ...(mode === 'robust' ? ['automatic_parameters'] : []),
  ];
  const mapping = fc.record({
    pattern: pick(['*', 'n*', 'web*', '*1', 'db*', '/^n/', '/^(web|db)/', '/^([a-z]+)[0-9]+$/', ...(mode === 'robust' ? ['/(/', '/^n\\d/', '"quoted *"', '[a-', '\\'] : [])]),
    targets: fc.array(fc.oneof({ weight: 4, arbitrary: fc.nat(60) }, { weight: 1, arbitrary: pick(['missing.mapped', 'role.\\\\1', '\\\\1']) }), { minLength: 1, maxLength: 2 }),
  });
  const extraLines = mode === 'robust'
    ? fc.array(pick(['delimiter: "."', 'delimiter: "/"', 'compose_node_name: true', 'bogus_setting: 1', 'allow_scalar_over_dict: maybe', 'class_mappings: 5', 'ignore_class_notfound_regexp: ["("]', 'default_environment: prod', 'nodes_uri: classes', 'classes_uri: nowhere', 'pretty_print: true']), { maxLength: 2 })
    : fc.constant<string[]>([]);
  return fc.record({
    bools: fc.uniqueArray(fc.tuple(pick(boolKeys), fc.boolean()), { selector: (t) => t[0], maxLength: 4 }),
    notfoundRegexp: maybe(fc.array(pick(['missing.*', '.*', 'no', 'nothere', '\\.']), { minLength: 1, maxLength: 2 }), 0.3),
    mappings: maybe(fc.array(mapping, { minLength: 1, maxLength: 3 }), 0.4),
    extra: extraLines,
    garbage: mode === 'robust' ? fc.oneof({ weight: 12, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: pick(['[', '- a\n- b\n', 'just text\n', '{a: [}\n']) }) : fc.constant(null),
  }) as fc.Arbitrary<ConfigSpec>;
}

export function inventoryArb(mode: Mode, opts: { minClasses?: number; maxClasses?: number } = {}): fc.Arbitrary<InvSpec> {
  return fc.oneof(flavour(mode, false, opts), flavour(mode, true, opts));
}

/**
 * `clean`: typed keys (host/port/name/b scalars, a/c mappings, items lists),
 * references that cannot loop, class 0 setting every key and included first
 * by every node, no garbage: most nodes render, so differences in rendered
 * values show. Otherwise anything the mode allows.
 */
function flavour(mode: Mode, clean: boolean, opts: { minClasses?: number; maxClasses?: number }): fc.Arbitrary<InvSpec> {
  const klass = fc
    .tuple(fc.array(pick(SEGS), { minLength: 1, maxLength: 3 }), fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }), pick(['yml', 'yml', 'yaml'] as const), entity(mode, false, clean))
    .map(([segs, init, ext, e]) => ({ ...e, segs, init, ext }) as ClassSpec);
  const node = fc
    .tuple(pick(NODE_NAMES), maybe(pick(NODE_DIRS), 0.25), pick(['yml', 'yaml'] as const), entity(mode, true, clean))
    .map(([name, dir, ext, e]) => ({ ...e, name, dir, ext }) as NodeSpec);
  const defaults = clean ? fc.tuple(...SCALAR_KEYS.map(() => pick(SCALARS_PLAIN))).map((vs) => vs as string[]) : fc.constant(null);
  return fc.record({
    mode: fc.constant(mode),
    classes: fc.uniqueArray(klass, { selector: (c) => c.segs.join('.'), minLength: opts.minClasses ?? 5, maxLength: opts.maxClasses ?? 30 }),
    nodes: fc.uniqueArray(node, { selector: (n) => n.name, minLength: 1, maxLength: 5 }),
    config: maybe(config(mode), 0.4),
    sel: maybe(fc.record({ holder: fc.nat(60), target: fc.nat(60) }), 0.5),
    dupInit: mode === 'robust' && !clean ? maybe(fc.nat(60), 0.05) : fc.constant(null),
    defaults,
  });
}

// ---------------------------------------------------------------- files

function fmtKey(k: string): string {
  return /^[~=]?[A-Za-z0-9_]+$/.test(k) || ODD_KEYS_ROBUST.includes(k) ? k : JSON.stringify(k);
}

function fmtName(s: string): string {
  return /^[A-Za-z0-9_.~-]+$/.test(s) && !/^[~.]$/.test(s) ? s : singleQuote(s);
}

function emitEntry(k: string, v: YVal, ind: string, out: string[]): void {
  if (v.k === 's') out.push(`${ind}${k}: ${v.t}`.replace(/\s+$/, ''));
  else if (v.k === 'm' && v.e.length === 0) out.push(`${ind}${k}: {}`);
  else if (v.k === 'l' && v.i.length === 0) out.push(`${ind}${k}: []`);
  else {
    out.push(`${ind}${k}:`);
    emitBlock(v, ind + '  ', out);
  }
}

function emitBlock(v: YVal, ind: string, out: string[]): void {
  if (v.k === 'm') for (const [k, x] of v.e) emitEntry(fmtKey(k), x, ind, out);
  else if (v.k === 'l') {
    for (const x of v.i) {
      if (x.k === 's') out.push(`${ind}- ${x.t}`);
      else if (x.k === 'm' && x.e.length === 0) out.push(`${ind}- {}`);
      else if (x.k === 'l' && x.i.length === 0) out.push(`${ind}- []`);
      else {
        out.push(`${ind}-`);
        emitBlock(x, ind + '  ', out);
      }
    }
  } else out.push(`${ind}${v.t}`);
}

/** `.`-relative spelling of `target` as seen from entity `from`, or null. */
function relativeName(from: string, target: string): string | null {
  const f = from.split('.');
  const t = target.split('.');
  for (let n = 1; n <= f.length; n++) {
    const parent = f.slice(0, f.length - n);
    if (parent.every((s, i) => t[i] === s) && t.length > parent.length) return '.'.repeat(n) + t.slice(parent.length).join('.');
  }
  return null;
}

export function className(c: ClassSpec): string {
  return c.segs.join('.');
}

function classPath(c: ClassSpec): string {
  return c.init ? `classes/${c.segs.join('/')}/init.${c.ext}` : `classes/${c.segs.join('/')}.${c.ext}`;
}

/**
 * The class list an entity declares, resolved against the inventory.
 * `self` is the class index (null for nodes), `selfName` the entity name.
 */
function classList(spec: InvSpec, entries: ClassEntry[], self: number | null, selfName: string): string[] {
  const n = spec.classes.length;
  const dag = spec.mode === 'reclass';
  const sel = selTarget(spec);
  const out: string[] = [];
  for (const e of entries) {
    if (e.t === 'lit') out.push(e.s);
    else if (e.t === 'sel') {
      // DAG mode: only name the selector where its target is an earlier class.
      if (dag && self !== null && (sel === null || sel >= self)) continue;
      out.push('${sel}');
    } else {
      const limit = dag && self !== null ? self : n;
      if (limit === 0) continue;
      const target = className(spec.classes[e.i % limit]);
      const rel = e.rel ? relativeName(selfName, target) : null;
      out.push(rel ?? target);
    }
  }
  return out;
}

function selTarget(spec: InvSpec): number | null {
  return spec.sel ? spec.sel.target % spec.classes.length : null;
}

function entityText(spec: InvSpec, e: EntitySpec, self: number | null, selfName: string): string {
  if (e.garbage !== null) return e.garbage;
  const out: string[] = [];
  const oddKey = e.odd ? e.odd.slice(0, e.odd.indexOf(':')) : null;
  const section = (k: string, emit: () => void) => {
    if (oddKey === k) out.push(e.odd!);
    else emit();
  };
  section('classes', () => {
    if (e.classes === null && !(spec.defaults && self === null)) return;
    const list = classList(spec, e.classes ?? [], self, selfName);
    if (spec.defaults && self === null) list.unshift(className(spec.classes[0]));
    if (list.length === 0) out.push('classes: []');
    else out.push('classes:', ...list.map((c) => `  - ${fmtName(c)}`));
  });
  section('applications', () => {
    if (e.apps === null) return;
    // Reclass mode: a class's `~app` only sees its own subtree in 1.7 (lmac deliberately follows
    // kapicorp): classes may only remove `ghost`, which nobody adds in this mode.
    const apps = spec.mode !== 'reclass' ? e.apps : e.apps.filter((a) => (a.neg ? self === null || a.n === 'ghost' : a.n !== 'ghost'));
    if (apps.length === 0) out.push('applications: []');
    else out.push('applications:', ...apps.map((a) => `  - ${a.neg ? '~' : ''}${a.n}`));
  });
  section('environment', () => {
    if (e.env !== null) out.push(`environment: ${e.env}`);
  });
  section('parameters', () => {
    let params = e.params;
    const extra: [string, YVal][] = [];
    if (spec.defaults && self === 0) {
      SCALAR_KEYS.forEach((k, i) => extra.push([k, { k: 's', t: spec.defaults![i] }]));
      extra.push(['a', { k: 'm', e: [] }], ['c', { k: 'm', e: [] }], ['items', { k: 'l', i: [] }]);
    }
    if (spec.sel && self !== null && spec.sel.holder % spec.classes.length === self) {
      extra.push(['sel', { k: 's', t: className(spec.classes[selTarget(spec)!]) }]);
    }
    if (extra.length > 0) params = { k: 'm', e: [...extra, ...(params && params.k === 'm' ? params.e : [])] };
    if (params !== null) emitEntry('parameters', params, '', out);
  });
  section('exports', () => {
    if (e.exports !== null) emitEntry('exports', e.exports, '', out);
  });
  if (oddKey !== null && !['classes', 'applications', 'environment', 'parameters', 'exports'].includes(oddKey)) out.push(e.odd!);
  return out.length === 0 ? '' : out.join('\n') + '\n';
}

function configText(spec: InvSpec, c: ConfigSpec): string {
  if (c.garbage !== null) return c.garbage;
  const out: string[] = [];
  for (const [k, v] of c.bools) out.push(`${k}: ${v}`);
  if (c.notfoundRegexp) out.push('ignore_class_notfound_regexp:', ...c.notfoundRegexp.map((r) => `  - ${singleQuote(r)}`));
  if (c.mappings) {
    out.push('class_mappings:');
    for (const m of c.mappings) {
      const targets = m.targets.map((t) => (typeof t === 'number' ? className(spec.classes[t % spec.classes.length]) : t));
      out.push(`  - ${singleQuote(`${m.pattern} ${targets.join(' ')}`)}`);
    }
  }
  out.push(...c.extra);
  return out.join('\n') + '\n';
}

/** Every file of the inventory, path (relative to the inventory dir) -> text. Deterministic. */
export function inventoryFiles(spec: InvSpec): Map<string, string> {
  const files = new Map<string, string>();
  spec.classes.forEach((c, i) => files.set(classPath(c), entityText(spec, c, i, className(c))));
  if (spec.dupInit !== null) {
    const c = spec.classes[spec.dupInit % spec.classes.length];
    const other = { ...c, init: !c.init };
    files.set(classPath(other), 'parameters:\n  duplicate: true\n');
  }
  for (const n of spec.nodes) {
    const rel = `nodes/${n.dir ? n.dir + '/' : ''}${n.name}.${n.ext}`;
    files.set(rel, entityText(spec, n, null, n.name));
  }
  if (spec.config) files.set('reclass-config.yml', configText(spec, spec.config));
  return files;
}

export function writeInventory(dir: string, files: Map<string, string>): void {
  mkdirSync(path.join(dir, 'classes'), { recursive: true });
  mkdirSync(path.join(dir, 'nodes'), { recursive: true });
  for (const [rel, text] of files) {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
}

/** The files as one text, for failure messages. */
export function dumpFiles(files: Map<string, string>): string {
  return [...files].sort(([a], [b]) => a.localeCompare(b)).map(([p, t]) => `--- ${p}\n${t}`).join('');
}
