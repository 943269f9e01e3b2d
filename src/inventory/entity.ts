/**
 * An entity is one class or node file, loaded and compiled once: its declared
 * classes (relative names made absolute), applications, environment, and its
 * parameters/exports as immutable PDict trees shared by every node that uses it.
 */
import type { Diagnostic } from '../diagnostics/index.js';
import { Codes, error } from '../diagnostics/index.js';
import { PyFloat } from './py-value.js';
import { parseValueString, ReferenceParseError } from './reference-parser.js';
import { COMPILED, COMPILED_ARRAYS, PDict, type PNode } from './values.js';
import { mergeDict } from './merge.js';
import { KEY_ORDER, locateInYaml } from './yaml-load.js';

export interface Entity {
  name: string;
  kind: 'class' | 'node' | 'base';
  /** Path shown to users ('' for synthetic entities). */
  file: string;
  /** File path relative to its root without extension (Reclass `pathname`). */
  pathname: string;
  classes: string[];
  applications: string[];
  environment: string | null;
  params: PDict;
  exports: PDict;
  /** The data as loaded, for provenance (explain, diagnostics). */
  raw: Record<string, unknown>;
  /** Source text, to locate values for diagnostics. */
  text: string;
}

const EMPTY_TEXT = '';

export function emptyDict(): PDict {
  return new PDict(new Map(), COMPILED, false);
}

/** Reclass YamlData.set_absolute_names: leading dots climb the including entity's name. */
export function absoluteClassName(entityName: string, cls: string): string {
  if (cls[0] !== '.') return cls;
  let dots = 0;
  while (cls[dots] === '.') dots++;
  const parent = entityName.split('.').slice(0, -dots).join('.');
  return parent === '' ? cls.slice(dots) : parent + cls.slice(dots - 1);
}

/** Characters Reclass refuses in class names (Classes.INVALID_CHARACTERS_FOR_CLASSNAMES). */
const INVALID_CLASS_CHARS = [' ', '/'];

export function locate(text: string, file: string, path: readonly (string | number)[]): { file: string; line: number; col: number } {
  const pos = text ? locateInYaml(text, path) : undefined;
  return { file, line: pos?.line ?? 1, col: pos?.col ?? 1 };
}

export function compileEntity(
  data: unknown,
  opts: { name: string; kind: 'class' | 'node'; file: string; pathname: string; text: string; delimiter: string },
): { entity: Entity | null; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const { file, text } = opts;
  const at = (path: (string | number)[]) => locate(text, file, path);
  if (data === null || data === undefined) data = {};
  if (typeof data !== 'object' || Array.isArray(data) || data instanceof PyFloat) {
    diagnostics.push(error(Codes.ENTITY_NOT_MAPPING, `a ${opts.kind} file must be a mapping with classes, applications, parameters, exports or environment`, at([])));
    return { entity: null, diagnostics };
  }
  const raw = data as Record<string, unknown>;

  const classes: string[] = [];
  const rc = raw.classes;
  if (rc !== null && rc !== undefined) {
    if (!Array.isArray(rc)) {
      diagnostics.push(error(Codes.CLASSES_NOT_LIST, `'classes' must be a list of class names, not ${describe(rc)}`, at(['classes'])));
    } else {
      rc.forEach((c, i) => {
        if (typeof c !== 'string' || c === '') {
          diagnostics.push(error(Codes.CLASS_NAME_INVALID, `class names must be non-empty strings, not ${describe(c)}`, at(['classes', i])));
          return;
        }
        const bad = INVALID_CLASS_CHARS.find((ch) => c.includes(ch));
        if (bad !== undefined) {
          const what = bad === ' ' ? 'a space' : "'/'";
          const hint = c.includes('../') ? ' (class names are dotted, never paths: a name may not leave the inventory)' : '';
          diagnostics.push(error(Codes.CLASS_NAME_INVALID, `invalid character ${what} in class name '${c}'${hint}`, at(['classes', i])));
          return;
        }
        classes.push(absoluteClassName(opts.name, c));
      });
    }
  }

  const applications: string[] = [];
  const ra = raw.applications;
  if (ra !== null && ra !== undefined) {
    if (!Array.isArray(ra)) diagnostics.push(error(Codes.APPLICATIONS_NOT_LIST, `'applications' must be a list, not ${describe(ra)}`, at(['applications'])));
    else
      ra.forEach((a, i) => {
        if (typeof a !== 'string' || a === '') diagnostics.push(error(Codes.APPLICATIONS_NOT_LIST, `application names must be non-empty strings, not ${describe(a)}`, at(['applications', i])));
        else applications.push(a);
      });
  }

  let environment: string | null = null;
  const re = raw.environment;
  if (re !== null && re !== undefined) {
    if (typeof re === 'string') environment = re;
    else diagnostics.push(error(Codes.ENVIRONMENT_INVALID, `'environment' must be a string, not ${describe(re)}`, at(['environment'])));
  }

  const compileTree = (key: 'parameters' | 'exports'): PDict => {
    const v = raw[key];
    if (v === null || v === undefined) return emptyDict();
    if (typeof v !== 'object' || Array.isArray(v) || v instanceof PyFloat) {
      diagnostics.push(error(Codes.PARAMETERS_NOT_MAPPING, `'${key}' must be a mapping, not ${describe(v)}`, at([key])));
      return emptyDict();
    }
    const rawTree = wrap(v, [key], opts.delimiter, (path, msg) => diagnostics.push(error(Codes.REF_PARSE, msg, at(path)))) as PDict;
    return mergeDict(new PDict(new Map(), COMPILED, false), rawTree, COMPILED);
  };
  const params = compileTree('parameters');
  const exports = compileTree('exports');

  if (diagnostics.length > 0) return { entity: null, diagnostics };
  return {
    entity: { name: opts.name, kind: opts.kind, file, pathname: opts.pathname, classes, applications, environment, params, exports, raw, text },
    diagnostics,
  };
}

/** Loaded YAML -> raw PNode tree (Reclass Parameters._wrap_*): strings parsed for references. */
function wrap(v: unknown, path: (string | number)[], delimiter: string, fail: (path: (string | number)[], msg: string) => void): PNode {
  if (typeof v === 'string') {
    try {
      return parseValueString(v, delimiter);
    } catch (e) {
      if (e instanceof ReferenceParseError) {
        fail(path, `cannot parse '${v}': ${e.message}`);
        return v;
      }
      throw e;
    }
  }
  if (v === null || typeof v !== 'object' || v instanceof PyFloat) return v as PNode;
  if (Array.isArray(v)) {
    const a = v.map((x, i) => wrap(x, [...path, i], delimiter, fail));
    COMPILED_ARRAYS.add(a);
    return a;
  }
  const m = new Map<string, PNode>();
  // Document order where it differs from JavaScript's (integer-like keys): it is the merge order.
  for (const k of KEY_ORDER.get(v) ?? Object.keys(v)) m.set(k, wrap((v as Record<string, unknown>)[k], [...path, k], delimiter, fail));
  return new PDict(m, COMPILED, true);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object' && !(v instanceof PyFloat)) return 'a mapping';
  if (typeof v === 'string') return `the string '${v.length > 40 ? v.slice(0, 40) + '…' : v}'`;
  return `the value ${String(v instanceof PyFloat ? v.value : v)}`;
}

/** The synthetic entity Reclass merges first: class mappings and `_reclass_` parameters. */
export function baseEntity(nodeName: string, mappedClasses: string[], params: PDict): Entity {
  return {
    name: `class mappings for node ${nodeName}`,
    kind: 'base',
    file: '',
    pathname: '',
    classes: mappedClasses,
    applications: [],
    environment: null,
    params,
    exports: emptyDict(),
    raw: {},
    text: EMPTY_TEXT,
  };
}
