/** What a well-behaved rendering looks like, whatever the inventory (robustness property). */
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { internalsIn } from './compare.js';
import type { Rendered } from './render-all.js';

/** Problems with one diagnostic, empty when it is well formed; `dir` is the inventory directory. */
export function diagnosticProblems(d: Diagnostic, dir: string): string[] {
  const problems: string[] = [];
  const roots = [path.resolve(dir), realpathSync(dir)].map((r) => r + path.sep);
  if (!/^LMAC\d{3}$/.test(d.code)) problems.push(`code ${JSON.stringify(d.code)} is not LMACnnn`);
  if (typeof d.message !== 'string' || d.message.trim() === '') problems.push('empty message');
  const locs = [['location', d.location] as const, ...(d.related ?? []).map((r, i) => [`related[${i}]`, r.location] as const)];
  for (const [what, loc] of locs) {
    if (!loc) continue;
    const abs = path.resolve(process.cwd(), loc.file);
    if (loc.file === '' || !roots.some((r) => abs.startsWith(r))) problems.push(`${what} file ${JSON.stringify(loc.file)} is not in the inventory`);
    else if (!existsSync(abs)) problems.push(`${what} file ${loc.file} does not exist`);
    if (!Number.isInteger(loc.line) || loc.line < 1) problems.push(`${what} line ${loc.line} < 1`);
  }
  return problems.map((p) => `${d.severity} ${d.code}: ${p} (${d.message})`);
}

/** Problems with a whole rendering: malformed diagnostics, failures without an error, engine internals in values. */
export function robustnessProblems(r: Rendered, dir: string): string[] {
  const problems = [...r.storage, ...Object.values(r.nodes).flatMap((n) => n.diagnostics)].flatMap((d) => diagnosticProblems(d, dir));
  for (const [name, n] of Object.entries(r.nodes)) {
    if (!n.ok && !n.diagnostics.some((d) => d.severity === 'error')) problems.push(`node ${name} failed without an error diagnostic`);
    for (const s of n.ok ? internalsIn(n.info) : []) problems.push(`node ${name} renders lmac's internal objects into a value: ${s}`);
  }
  return problems;
}
