#!/usr/bin/env node
// Derives what schema/lma.schema.json is the single source of:
//   schema/lma-class.schema.json  the editor's view of `lma` in one class file
//   src/model/lma-types.ts        TypeScript types of the validated model
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

const outputs = {
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
