/**
 * Top-level keys of class and node files. Reclass ignores any other key, so a
 * misspelled `paramters:` silently drops a whole file's parameters.
 */
import type { Diagnostic } from '../diagnostics/index.js';
import { Codes, error } from '../diagnostics/index.js';
import { locate, type Entity } from '../inventory/entity.js';
import { didYouMean } from './suggest.js';

const ENTITY_KEYS = ['classes', 'applications', 'parameters', 'exports', 'environment'];

export function checkEntityKeys(entities: ReadonlySet<Entity>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const e of entities) {
    if (e.kind === 'base') continue;
    for (const k of Object.keys(e.raw)) {
      if (!ENTITY_KEYS.includes(k)) out.push(error(Codes.ENTITY_UNKNOWN_KEY, `unknown top-level key '${k}' in ${e.kind} ${e.name}; it would be ignored${didYouMean(k, ENTITY_KEYS) || ` (keys: ${ENTITY_KEYS.join(', ')})`}`, locate(e.text, e.file, [k])));
    }
  }
  return out;
}
