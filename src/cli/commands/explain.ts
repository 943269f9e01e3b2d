/** `lmac explain <key>`: every file that set or merged into a value, its references, the final value. */
import type { Command } from 'commander';
import { Codes, error } from '../../diagnostics/index.js';
import { explain, type Explanation } from '../../inventory/explain.js';
import { pyStr } from '../../inventory/py-value.js';
import { toJson } from '../../util/serialize.js';
import { createReporter, formatLocation } from '../report.js';
import { openInventory } from '../source.js';
import { UsageError } from '../usage-error.js';
import { writeStdout } from '../stdout.js';

interface Options {
  node?: string;
  reclass?: string;
  root?: string;
  json?: boolean;
}

export function registerExplain(program: Command): void {
  program
    .command('explain')
    .description('show where a value comes from: each file:line that set or merged into it, in merge order, its references, and the final value')
    .argument('<key>', 'key path, e.g. _param:cluster_domain or parameters:lma:alarms (exports:... for exports)')
    .argument('[cluster]', 'cluster domain under clusters/ (omit with --reclass)')
    .requiredOption('-n, --node <name>', 'the node whose value to explain')
    .option('--reclass <dir>', 'read a plain Reclass inventory')
    .option('--root <dir>', 'model repository root (default: the working directory)')
    .option('--json', 'print the explanation (or diagnostics) as JSON')
    .addHelpText('after', '\nExample:\n  lmac explain _param:cluster_domain --node ctl01 --reclass ./mk-lab\n')
    .action(async (key: string, cluster: string | undefined, opts: Options) => {
      process.exitCode = await explainCommand(key, cluster, opts);
    });
}

export async function explainCommand(key: string, cluster: string | undefined, opts: Options): Promise<number> {
  if (!opts.node) throw new UsageError('--node is required');
  const reporter = createReporter(opts);
  const inv = openInventory(cluster, opts);
  const r = inv.renderNode(opts.node);
  if (!r.ok) {
    reporter.diagnostics(r.diagnostics, opts.json ? process.stdout : process.stderr);
    return 1;
  }
  const ex = explain(r.merged, r.info, key, inv.settings.delimiter);
  if (!ex.found) {
    reporter.diagnostics([error(Codes.KEY_NOT_FOUND, `no value at ${ex.field}:${ex.path.join(':')} on node ${ex.node}`)], opts.json ? process.stdout : process.stderr);
    return 1;
  }
  await writeStdout([opts.json ? toJson(ex) + '\n' : formatExplanation(ex)]);
  return 0;
}

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  const s = v !== null && typeof v === 'object' ? toJson(v, 0) : pyStr(v);
  return s.length > 200 ? s.slice(0, 197) + '...' : s;
}

export function formatExplanation(ex: Explanation): string {
  const lines = [`${ex.field}:${ex.path.join(':')} on node ${ex.node}`, ''];
  const width = Math.max(0, ...ex.steps.map((s) => formatLocation(s).length));
  ex.steps.forEach((s, i) => {
    const label = { set: 'set', override: 'override (~)', constant: 'constant (=)', parent: 'replaces parent' }[s.kind];
    lines.push(`  ${String(i + 1).padStart(2)}. ${formatLocation(s).padEnd(width)}  ${label.padEnd(15)} ${s.written} = ${show(s.value)}   [${s.entity}]`);
  });
  if (ex.steps.length === 0) lines.push('  (no file sets this path directly; it comes from a reference or a parent value)');
  if (ex.references.length > 0) {
    lines.push('', '  references:');
    for (const r of ex.references) {
      const where = r.setAt ? ` (set at ${formatLocation({ location: r.setAt })})` : '';
      lines.push(`  ${'  '.repeat(r.depth + 1)}${r.ref} -> ${r.found ? show(r.value) : 'UNRESOLVED'}${where}`);
    }
  }
  lines.push('', `  final value: ${'final' in ex ? show(ex.final) : '(none)'}`, '');
  return lines.join('\n');
}
