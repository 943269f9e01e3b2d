/**
 * One node's merged `lma` against schema/lma.schema.json (ajv, all errors),
 * each error reported at the file:line:col of the class that set the value,
 * with the class chain. A valid `lma` comes back with the schema's defaults
 * applied: what the generators read.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { Codes, error } from '../diagnostics/index.js';
import type { Lma } from '../model/lma-types.js';
import { readSchema } from '../schema/files.js';
import { SENSITIVE_KEYWORD } from '../secrets/sensitive.js';
import { locateValue, showPath, type MergeTrace, type ValuePath } from './locate.js';
import { didYouMean } from './suggest.js';

let validator: ValidateFunction | undefined;

function compiled(): ValidateFunction {
  if (!validator) {
    // verbose: errors carry their schema, for "did you mean" over the allowed keys.
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, useDefaults: true, verbose: true });
    // lmac's own annotation (which fields are sensitive, src/secrets/sensitive.ts): no validation of its own.
    ajv.addKeyword({ keyword: SENSITIVE_KEYWORD, schemaType: ['boolean', 'string'] });
    validator = ajv.compile(readSchema('lma.schema.json'));
  }
  return validator;
}

function pathOf(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^(0|[1-9][0-9]*)$/.test(p) ? Number(p) : p));
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return `${typeof v} ${String(v)}`;
}

const ARTICLE: Record<string, string> = { object: 'a mapping', array: 'a list', string: 'a string', number: 'a number', integer: 'an integer', boolean: 'true or false', null: 'null' };

function isDimension(e: ErrorObject): boolean {
  return e.schemaPath.startsWith('#/$defs/dimension/');
}

/** What the last key of a path names, for messages: `severity`, `function`. */
function what(path: ValuePath): string {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return String(path[i]);
  return 'value';
}

export function toDiagnostic(e: ErrorObject, trace: MergeTrace, reservedNames: Set<string>): Diagnostic | null {
  const base: ValuePath = ['lma', ...pathOf(e.instancePath)];
  const emit = (code: string, message: string, path: ValuePath, prefer: 'first' | 'last' = 'last'): Diagnostic => {
    const { location, related } = locateValue(trace, path, prefer);
    const d = error(code, message, location, related);
    d.node = trace.name;
    return d;
  };
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(p.additionalProperty);
      const parent = e.parentSchema as { properties?: Record<string, unknown> } | undefined;
      const known = Object.keys(parent?.properties ?? {});
      const hint = didYouMean(key, known) || (known.length > 0 ? ` (known keys: ${known.join(', ')})` : '');
      return emit(Codes.SCHEMA_UNKNOWN_KEY, `unknown key '${key}' in ${showPath(base)}${hint}`, [...base, key]);
    }
    case 'required':
      // An item lacks a key where it was introduced; lma itself where the most specific class (the cluster's) writes it.
      return emit(Codes.SCHEMA_REQUIRED, `${showPath(base)} has no '${String(p.missingProperty)}', which is required`, base, base.length > 1 ? 'first' : 'last');
    case 'type': {
      const want = String(p.type).split(',').map((t) => ARTICLE[t] ?? t).join(' or ');
      return emit(Codes.SCHEMA_TYPE, `${showPath(base)} must be ${want}, not ${describe(e.data)}`, base);
    }
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map(String);
      const got = String(e.data);
      return emit(Codes.SCHEMA_ENUM, `unknown ${what(base)} '${got}' at ${showPath(base)}${didYouMean(got, allowed) || `; expected one of ${allowed.map((a) => `'${a}'`).join(', ')}`}`, base);
    }
    case 'propertyNames': {
      const name = String(p.propertyName);
      const path = [...base, name];
      if (isDimension(e)) {
        return reservedNames.has(name)
          ? emit(Codes.DIMENSION_RESERVED, `dimension name '${name}' is reserved (${[...reservedNames].join(', ')} are set by lmac)`, path)
          : emit(Codes.DIMENSION_INVALID, `dimension name '${name}' must match ^[a-z0-9_/-]+$`, path);
      }
      const rule = (e.schema as { $ref?: string; description?: string } | undefined)?.$ref === '#/$defs/metric_name' ? 'metric names match ^[a-zA-Z_:][a-zA-Z0-9_:]*$' : 'names are lower-case letters, digits, _ and -, starting with a letter or digit';
      return emit(Codes.SCHEMA_PATTERN, `invalid name '${name}' in ${showPath(base)}: ${rule}`, path);
    }
    case 'pattern':
    case 'minLength': {
      if (isDimension(e)) return emit(Codes.DIMENSION_INVALID, `dimension value ${describe(e.data)} at ${showPath(base)} must match ^[a-z0-9_/-]+$`, base);
      const rule = e.keyword === 'pattern' ? `must match ${String(p.pattern)}` : 'must not be empty';
      return emit(Codes.SCHEMA_PATTERN, `${showPath(base)} ${rule}, not ${describe(e.data)}`, base);
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'minItems':
    case 'maxItems':
      return emit(Codes.SCHEMA_RANGE, `${showPath(base)} ${e.message ?? 'is out of range'} (it is ${describe(e.data)})`, base);
    case 'if':
    case 'not':
      return null; // reported by the errors beneath them (then: required, propertyNames)
    default:
      return emit(Codes.SCHEMA_INVALID, `${showPath(base)} ${e.message ?? 'is invalid'}`, base);
  }
}

export interface SchemaResult {
  /** The validated `lma` with defaults applied, or null when it has errors. */
  lma: Lma | null;
  diagnostics: Diagnostic[];
}

/** Checks a node's merged `parameters.lma` (plain data: the caller passes a copy, defaults are written into it). */
export function checkLma(data: unknown, trace: MergeTrace): SchemaResult {
  const validate = compiled();
  if (validate(data)) return { lma: data as Lma, diagnostics: [] };
  const schema = readSchema('lma.schema.json') as { $defs: { dimension: { propertyNames: { not: { enum: string[] } } } } };
  const reserved = new Set(schema.$defs.dimension.propertyNames.not.enum);
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const e of validate.errors ?? []) {
    // Errors beneath propertyNames (they carry the name) repeat the propertyNames error with less context.
    if (e.keyword !== 'propertyNames' && (e.propertyName !== undefined || e.schemaPath.includes('/propertyNames/'))) continue;
    const d = toDiagnostic(e, trace, reserved);
    if (!d) continue;
    const key = `${d.code} ${d.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      diagnostics.push(d);
    }
  }
  return { lma: null, diagnostics };
}
