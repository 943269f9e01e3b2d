#!/usr/bin/env node
// Derives what schema/lma.schema.json is the single source of:
//   schema/lma-class.schema.json  the editor's view of `lma` in one class file
//   src/model/lma-types.ts        TypeScript types of the validated model
//   docs/model-reference.md       every key with its type, default and description
// `--check` writes nothing and exits 1 (with a diff) when a committed file drifts.
// Run after `npm run build` (it uses the compiled derivation in dist/).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';
import { createTwoFilesPatch } from 'diff';

const args = process.argv.slice(2);
const check = args.includes('--check');
const rootArg = args.indexOf('--root');
const root = path.resolve(rootArg >= 0 ? args[rootArg + 1] : path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
const here = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const { classVariant } = await import(path.join(here, 'dist/src/schema/class-variant.js'));

const lma = JSON.parse(readFileSync(path.join(root, 'schema/lma.schema.json'), 'utf8'));

/** After validation with defaults applied, every property with a default is present. */
function requireDefaulted(s) {
  if (Array.isArray(s)) return s.map(requireDefaulted);
  if (s === null || typeof s !== 'object') return s;
  // A description beside $ref would make a copy of the referenced type (StringMap1, 2, ...).
  if (typeof s.$ref === 'string') return { $ref: s.$ref };
  const out = {};
  for (const [k, v] of Object.entries(s)) out[k] = requireDefaulted(v);
  if (s.properties) {
    const req = new Set(s.required ?? []);
    for (const [k, v] of Object.entries(s.properties)) if (v && typeof v === 'object' && 'default' in v) req.add(k);
    if (req.size > 0) out.required = [...req];
  }
  return out;
}

const banner = `/**
 * Types of the validated \`lma\` namespace (defaults applied), generated from
 * schema/lma.schema.json by \`npm run schema\`; do not edit: change the schema.
 * test/unit/schema-derived.test.ts fails when this file drifts from it.
 */`;
const types = await compile(requireDefaulted(lma), 'Lma', {
  bannerComment: banner,
  additionalProperties: false,
  ignoreMinAndMaxItems: true,
  unreachableDefinitions: false,
  style: { singleQuote: true, printWidth: 120 },
});

/** GitHub's heading anchor: lower case, punctuation but `_` and `-` dropped. */
function anchor(heading) {
  return heading.toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-');
}

/** The type of a property as a reader says it: `string`, `map of trigger`, `one of: a, b`. */
function typeOf(p) {
  if (p.$ref) {
    const name = p.$ref.split('/').pop();
    const def = lma.$defs[name];
    // Only defs with keys get a section; a scalar def reads as its type.
    if (!def.properties && !def.items?.$ref) return typeOf(def);
    return `[${name}](#${anchor(name)})`;
  }
  if (p.enum) return p.enum.map((v) => `\`${v === '' ? "''" : v}\``).join(' \\| ');
  if (p.type === 'array') return `list of ${p.items ? typeOf(p.items) : 'any'}`;
  if (p.type === 'object' && p.additionalProperties && typeof p.additionalProperties === 'object') return `map of ${typeOf(p.additionalProperties)}`;
  return Array.isArray(p.type) ? p.type.join(' or ') : (p.type ?? 'any');
}

/** The `x-lmac-sensitive` annotation as a reader needs it (docs/secrets.md). */
function sensitivity(p) {
  const note = ' **Sensitive**: a secret reference, or its path in `plaintext_allowed` ([secrets.md](secrets.md)).';
  if (p['x-lmac-sensitive'] === true) return note;
  if (p.additionalProperties?.['x-lmac-sensitive'] === true) return ' Every value is sensitive: a secret reference, or its path in `plaintext_allowed` ([secrets.md](secrets.md)).';
  return '';
}

function cell(text) {
  return String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function reference(schema) {
  const out = [
    '# Model reference: the `lma` namespace',
    '',
    'Generated from [schema/lma.schema.json](../schema/lma.schema.json) by `npm run schema` (a test fails when it is stale); the schema is the source of truth. Defaults are what lmac assumes when a key is absent; `required` keys have none.',
    '',
  ];
  const section = (name, s) => {
    const def = s.$ref ? schema.$defs[s.$ref.split('/').pop()] : s;
    if (!def.properties && !def.items?.$ref) return;
    out.push(`## ${name}`, '', cell(def.description ?? ''), '');
    if (def.items?.$ref) {
      out.push(`A list of ${typeOf(def.items)}.`, '');
      return;
    }
    out.push('| key | type | default | description |', '|---|---|---|---|');
    const req = new Set(def.required ?? []);
    for (const [k, p] of Object.entries(def.properties)) {
      const target = p.$ref ? { ...schema.$defs[p.$ref.split('/').pop()], ...p } : p;
      const dflt = req.has(k) ? 'required' : 'default' in target ? `\`${JSON.stringify(target.default)}\`` : '';
      const nested = !p.$ref && target.properties;
      out.push(`| \`${k}\` | ${nested ? `[object](#${anchor(`${name}.${k}`)})` : cell(typeOf(p))} | ${cell(dflt)} | ${cell((target.description ?? '') + sensitivity(target))} |`);
    }
    out.push('');
    for (const [k, p] of Object.entries(def.properties)) if (!p.$ref && p.properties) section(`${name}.${k}`, p);
  };
  section('lma', schema);
  for (const [name, def] of Object.entries(schema.$defs)) section(name, def);
  return out.join('\n');
}

const outputs = {
  'docs/model-reference.md': reference(lma),
  'schema/lma-class.schema.json': JSON.stringify(classVariant(lma), null, 2) + '\n',
  'src/model/lma-types.ts': types,
};

let drift = 0;
for (const [rel, content] of Object.entries(outputs)) {
  const file = path.join(root, rel);
  let old = '';
  try {
    old = readFileSync(file, 'utf8');
  } catch {
    /* missing counts as drift */
  }
  if (old === content) continue;
  if (check) {
    drift++;
    process.stdout.write(createTwoFilesPatch(`${rel} (committed)`, `${rel} (from schema/lma.schema.json)`, old, content));
  } else {
    writeFileSync(file, content);
    process.stdout.write(`wrote ${rel}\n`);
  }
}
if (drift > 0) {
  process.stderr.write(`${drift} derived file(s) drifted from schema/lma.schema.json; run \`npm run schema\` and commit\n`);
  process.exit(1);
}
