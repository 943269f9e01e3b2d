/**
 * The editor's view of `lma` inside one class or node file, derived from
 * schema/lma.schema.json (the single source). A class holds a fragment of the
 * merged model, written the Reclass way, so the derived schema:
 * - requires nothing (another class may set it),
 * - accepts a `${...}` reference wherever a typed value is expected (it is
 *   checked after interpolation, against the strict schema),
 * - accepts `~key` (replace what is inherited) beside every `key`, and `=key`
 *   constants, and item names written with those prefixes,
 * - drops lmac's own annotations (`x-lmac-sensitive`): they mean something to
 *   the lint of the merged model, not to a file's schema, and a strict
 *   validator would reject an unknown keyword.
 */

export type JsonSchema = { [key: string]: unknown };

const REFERENCE_DEF = 'reclass_reference';

function isSchema(v: unknown): v is JsonSchema {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** `^body$` -> `^[~=]?(?:body$)`: the same names, optionally with a Reclass key prefix. */
function prefixable(pattern: string): string {
  return pattern.startsWith('^') ? `^[~=]?(?:${pattern.slice(1)})` : pattern;
}

/** Whether a value of this schema could be written as a reference and fail the check. */
function typedValue(s: JsonSchema): boolean {
  if ('enum' in s || 'const' in s || 'pattern' in s || 'minLength' in s) return true;
  const t = s.type;
  if (t === undefined || t === 'string') return false;
  if (Array.isArray(t)) return !t.includes('string');
  // Structured objects are not replaced by one reference in practice; free maps are.
  return t !== 'object' || !('properties' in s);
}

function derive(s: JsonSchema, inPropertyNames: boolean): JsonSchema {
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === 'required' || k === 'allOf') continue; // allOf holds only if/then requirements
    if (k.startsWith('x-lmac-')) continue;
    if (k === 'properties' && isSchema(v)) {
      const props: JsonSchema = {};
      for (const [name, sub] of Object.entries(v)) {
        const d = isSchema(sub) ? derive(sub, false) : sub;
        props[name] = d;
        props[`~${name}`] = d;
      }
      out.properties = props;
      out.patternProperties = { '^=': true };
    } else if (k === 'propertyNames' && isSchema(v)) {
      out.propertyNames = derive(v, true);
    } else if (k === 'pattern' && typeof v === 'string' && inPropertyNames) {
      out.pattern = prefixable(v);
    } else if (isSchema(v)) {
      out[k] = derive(v, inPropertyNames);
    } else if (Array.isArray(v)) {
      out[k] = v.map((x) => (isSchema(x) ? derive(x, inPropertyNames) : x));
    } else out[k] = v;
  }
  if (!inPropertyNames && !('$ref' in s) && typedValue(s)) {
    const { description, default: dflt, ...rest } = out;
    const wrapped: JsonSchema = { anyOf: [rest, { $ref: `#/$defs/${REFERENCE_DEF}` }] };
    if (description !== undefined) wrapped.description = description;
    if (dflt !== undefined) wrapped.default = dflt;
    return wrapped;
  }
  return out;
}

/** schema/lma-class.schema.json, from schema/lma.schema.json. */
export function classVariant(lma: JsonSchema): JsonSchema {
  const defs = isSchema(lma.$defs) ? lma.$defs : {};
  // Property names under `propertyNames` are reached through $ref to these defs.
  const nameDefs = new Set<string>();
  const collect = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(collect);
    else if (isSchema(v)) {
      const pn = v.propertyNames;
      if (isSchema(pn) && typeof pn.$ref === 'string') nameDefs.add(pn.$ref.replace('#/$defs/', ''));
      Object.values(v).forEach(collect);
    }
  };
  collect(lma);
  const outDefs: JsonSchema = {};
  for (const [name, def] of Object.entries(defs)) outDefs[name] = isSchema(def) ? derive(def, nameDefs.has(name)) : def;
  outDefs[REFERENCE_DEF] = {
    description: 'A Reclass reference (`${path:to:value}`), resolved when the model is built; the resolved value is checked then.',
    type: 'string',
    pattern: '\\$\\{[^}]+\\}',
  };
  const { $defs: _defs, title, description, ...root } = lma;
  void _defs;
  return {
    ...derive(root, false),
    title: `${String(title)} (in a class or node file)`,
    description: `${String(description)} This is the schema of the fragment one class or node file writes: nothing is required, references and ~ overrides are allowed.`,
    $defs: outDefs,
  };
}
