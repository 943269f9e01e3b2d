/**
 * The JSON Schemas shipped in schema/ (the single source of truth of the model):
 * found beside the package, read once.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JsonSchema } from './class-variant.js';

/** Schema files, in the order `lmac schema` lists them. */
export const SCHEMA_FILES = ['class.schema.json', 'lma-class.schema.json', 'lma.schema.json'] as const;
export type SchemaFile = (typeof SCHEMA_FILES)[number];

let dir: string | undefined;

/** schema/ of the lmac package (from src/ under test, from dist/src/ when installed). */
export function schemaDir(): string {
  if (dir) return dir;
  let d = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(d, 'schema', 'lma.schema.json'))) {
    const up = path.dirname(d);
    if (up === d) throw new Error('lmac is installed without its schema/ folder');
    d = up;
  }
  return (dir = path.join(d, 'schema'));
}

const cache = new Map<SchemaFile, JsonSchema>();

export function readSchema(name: SchemaFile): JsonSchema {
  let s = cache.get(name);
  if (!s) {
    s = JSON.parse(readFileSync(path.join(schemaDir(), name), 'utf8')) as JsonSchema;
    cache.set(name, s);
  }
  return s;
}
