/**
 * The build's last line of defence (docs/secrets.md): after the generators ran
 * and before anything is written, no generated file may contain
 * - the plain value of a sensitive field that `lma:plaintext_allowed` does not
 *   allow (LMAC354): with the lint on there is none, so this guards against a
 *   lint gap or a generator that copies a value where it should not (the same
 *   password also set in a plain field through `${...}`);
 * - `?{secret:` (LMAC355): a generator wrote a reference instead of its
 *   indirection. The inventory is exempt: it renders the merged model as
 *   Reclass does (a reference is a secret's name, not its value), for people
 *   and for comparison with Reclass, and no agent reads it.
 * Messages name the file and the field, never the value.
 */
import type { Diagnostic, RelatedInformation, SourceLocation } from '../diagnostics/index.js';
import { Codes, error } from '../diagnostics/index.js';
import type { NodeModel } from '../model/node-model.js';
import { locateValue } from '../validate/locate.js';
import { REFERENCE_START } from './reference.js';
import { showLmaPath, unprotectedValues } from './sensitive.js';

/** Shorter values (a `1234` PIN, `yes`) would match by chance in any file. */
export const MIN_LEAK_LENGTH = 4;

/** A plain sensitive value that must not reach the output, and where the model set it. */
export interface GuardedValue {
  value: string;
  /** `lma:backends:influxdb:password` */
  field: string;
  node: string;
  location?: SourceLocation;
  related?: RelatedInformation[];
}

/** The guarded values of a domain's nodes: plain values of sensitive fields that are not opted out. */
export function guardedValues(nodes: readonly NodeModel[]): GuardedValue[] {
  const out: GuardedValue[] = [];
  for (const n of nodes) {
    if (!n.lma) continue;
    for (const v of unprotectedValues(n.lma)) {
      const value = String(v.value);
      if (value.length < MIN_LEAK_LENGTH) continue;
      const { location, related } = locateValue(n, ['lma', ...v.path]);
      out.push({ value, field: `lma:${showLmaPath(v.path)}`, node: n.name, location, related });
    }
  }
  return out;
}

/** 1-based line and column of offset `i` in `text`. */
function position(text: string, i: number): { line: number; col: number } {
  const before = text.slice(0, i);
  const line = before.split('\n').length;
  return { line, col: i - before.lastIndexOf('\n') };
}

/** Output read as a rendering of the model, not by an agent: references may stay in it. */
const RENDERS_MODEL = /^inventory\//;

/** The findings of the last-line check over `files` (output path -> content). */
export function checkArtifacts(files: ReadonlyMap<string, string>, guarded: readonly GuardedValue[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [file, content] of files) {
    const ref = RENDERS_MODEL.test(file) ? -1 : content.indexOf(REFERENCE_START);
    if (ref >= 0) {
      const { line, col } = position(content, ref);
      out.push(error(Codes.SECRET_REFERENCE_IN_OUTPUT, `generated file ${file} contains a secret reference (${REFERENCE_START}...}) at line ${line}, column ${col}: its generator wrote the reference instead of an indirection its target reads; nothing is written (a bug in lmac; please report it)`));
    }
    const reported = new Set<string>();
    for (const g of guarded) {
      const at = content.indexOf(g.value);
      if (at < 0 || reported.has(g.field)) continue;
      reported.add(g.field);
      const { line, col } = position(content, at);
      const d = error(
        Codes.SECRET_VALUE_IN_OUTPUT,
        `generated file ${file} contains, at line ${line}, column ${col}, the plain value of ${g.field} (node ${g.node}), a sensitive field that is not opted out; nothing is written. Make the value a secret reference everywhere it is used (a plain field that copies it through \${...} too), or allow it in lma:plaintext_allowed`,
        g.location,
        g.related,
      );
      d.node = g.node;
      out.push(d);
    }
  }
  return out;
}
