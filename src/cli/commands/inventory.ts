/** `lmac inventory`: the merged inventory, shaped like `reclass --inventory` / `--nodeinfo`. */
import type { Command } from 'commander';
import type { Diagnostic } from '../../diagnostics/index.js';
import { hasErrors } from '../../diagnostics/index.js';
import type { Inventory } from '../../inventory/inventory.js';
import { writeJson, writeYaml } from '../../util/serialize.js';
import { createReporter } from '../report.js';
import { openInventory } from '../source.js';
import { UsageError } from '../usage-error.js';
import { writeStdout } from '../stdout.js';

interface Options {
  reclass?: string;
  root?: string;
  node?: string;
  format: string;
  json?: boolean;
}

export function registerInventory(program: Command): void {
  program
    .command('inventory')
    .description('print the merged inventory: every node (like reclass --inventory) or one node (--node, like --nodeinfo)')
    .argument('[cluster]', 'cluster domain under clusters/ (omit with --reclass)')
    .option('--reclass <dir>', 'read a plain Reclass inventory (classes/, nodes/, reclass-config.yml)')
    .option('--root <dir>', 'model repository root (default: the working directory)')
    .option('-n, --node <name>', 'print one node, like reclass --nodeinfo')
    .option('-f, --format <format>', 'yaml or json', 'yaml')
    .option('--json', 'print diagnostics as a JSON array (on stderr)')
    .addHelpText('after', '\nExamples:\n  lmac inventory demo --node ctl01\n  lmac inventory --reclass ./mk-lab --format json > inventory.json\n')
    .action(async (cluster: string | undefined, opts: Options) => {
      process.exitCode = await inventoryCommand(cluster, opts);
    });
}

export async function inventoryCommand(cluster: string | undefined, opts: Options): Promise<number> {
  if (opts.format !== 'yaml' && opts.format !== 'json') throw new UsageError(`--format must be yaml or json, not '${opts.format}'`);
  const reporter = createReporter(opts);
  const inv = openInventory(cluster, opts);
  const chunks: string[] = [];
  const emit = (v: unknown, pad = ''): void => {
    if (opts.format === 'json') writeJson(v, 2, pad, (s) => chunks.push(s));
    else writeYaml(v, pad, (s) => chunks.push(s));
  };
  const diags: Diagnostic[] = [...inv.diagnostics];
  if (hasErrors(diags)) {
    reporter.diagnostics(diags);
    return 1;
  }
  if (opts.node) {
    const r = inv.renderNode(opts.node);
    if (!r.ok) {
      reporter.diagnostics(r.diagnostics);
      return 1;
    }
    if (r.warnings.length) reporter.diagnostics(r.warnings);
    emit(r.info);
    if (opts.format === 'json') chunks.push('\n');
    await writeStdout(chunks);
    return 0;
  }
  const ok = renderAll(inv, emit, chunks, opts.format === 'json', diags);
  reporter.diagnostics(diags.filter((d) => !ok || d.severity !== 'error'));
  if (!ok) return 1;
  await writeStdout(chunks);
  return 0;
}

/** Renders every node into `chunks`; on any error, returns false (nothing is printed). */
function renderAll(inv: Inventory, emit: (v: unknown, pad?: string) => void, chunks: string[], json: boolean, diags: Diagnostic[]): boolean {
  const classes: Record<string, string[]> = {};
  const applications: Record<string, string[]> = {};
  const names = inv.nodeNames();
  let ok = true;
  if (json) chunks.push('{\n  "nodes": {');
  else chunks.push(names.length ? 'nodes:\n' : 'nodes: {}\n');
  names.forEach((name, i) => {
    const r = inv.renderNode(name);
    if (!r.ok) {
      diags.push(...r.diagnostics);
      ok = false;
      return;
    }
    diags.push(...r.warnings);
    if (!ok) return;
    for (const c of r.info.classes) (classes[c] ??= []).push(name);
    for (const a of r.info.applications) (applications[a] ??= []).push(name);
    if (json) {
      chunks.push(`${i > 0 ? ',' : ''}\n    ${JSON.stringify(name)}: `);
      emit(r.info, '    ');
    } else {
      chunks.push(`  ${name.match(/^[A-Za-z0-9_.-]+$/) && !/^(?:y|n|yes|no|true|false|on|off|null)$/i.test(name) ? name : JSON.stringify(name)}:\n`);
      emit(r.info, '    ');
    }
  });
  if (!ok) return false;
  if (json) {
    chunks.push(names.length ? '\n  },\n  "classes": ' : '},\n  "classes": ');
    emit(classes, '  ');
    chunks.push(',\n  "applications": ');
    emit(applications, '  ');
    chunks.push('\n}\n');
  } else {
    chunks.push(Object.keys(classes).length ? 'classes:\n' : 'classes: {}\n');
    if (Object.keys(classes).length) emit(classes, '  ');
    chunks.push(Object.keys(applications).length ? 'applications:\n' : 'applications: {}\n');
    if (Object.keys(applications).length) emit(applications, '  ');
  }
  return true;
}
