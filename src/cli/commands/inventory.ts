/** `lmac inventory`: the merged inventory, shaped like `reclass --inventory` / `--nodeinfo`. */
import type { Command } from 'commander';
import type { Diagnostic } from '../../diagnostics/index.js';
import { hasErrors } from '../../diagnostics/index.js';
import type { Inventory, NodeInfo } from '../../inventory/inventory.js';
import { isFrozenPlain } from '../../inventory/interpolate.js';
import { textCache, toJson, toYaml, yamlString, type TextCache } from '../../util/serialize.js';
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
  if (hasErrors(inv.diagnostics)) {
    reporter.diagnostics(inv.diagnostics);
    return 1;
  }
  const json = opts.format === 'json';
  // Shared class data appears in many nodes: its text is built once.
  const cache = textCache(isFrozenPlain);
  if (opts.node) {
    const r = inv.renderNode(opts.node);
    if (!r.ok) {
      reporter.diagnostics(r.diagnostics);
      return 1;
    }
    if (r.warnings.length) reporter.diagnostics(r.warnings);
    await writeStdout([json ? toJson(r.info, 2, '', cache) + '\n' : toYaml(r.info, '', cache)]);
    return 0;
  }
  // Render every node first: if any fails, nothing is printed.
  const diags: Diagnostic[] = [...inv.diagnostics];
  const infos: NodeInfo[] = [];
  for (const name of inv.nodeNames()) {
    const r = inv.renderNode(name);
    if (r.ok) {
      infos.push(r.info);
      diags.push(...r.warnings);
    } else diags.push(...r.diagnostics);
  }
  reporter.diagnostics(diags);
  if (hasErrors(diags)) return 1;
  await writeStdout(inventoryText(infos, json, cache));
  return 0;
}

function sortKeys(o: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
}

/** The text of `reclass --inventory`'s structure, one piece per node (written as it is made). */
function* inventoryText(infos: readonly NodeInfo[], json: boolean, cache: TextCache): Generator<string> {
  const classes: Record<string, string[]> = {};
  const applications: Record<string, string[]> = {};
  for (const info of infos) {
    const name = info.__reclass__.name;
    for (const c of info.classes) (classes[c] ??= []).push(name);
    for (const a of info.applications) (applications[a] ??= []).push(name);
  }
  if (json) {
    // Machine-readable and large: V8's own JSON.stringify, one node per line,
    // keys in merge order (as Reclass prints them). --format yaml sorts keys.
    yield '{"nodes": {';
    for (let i = 0; i < infos.length; i++) yield `${i > 0 ? ',' : ''}\n${JSON.stringify(infos[i].__reclass__.name)}: ${JSON.stringify(infos[i])}`;
    yield `},\n"classes": ${JSON.stringify(sortKeys(classes))},\n"applications": ${JSON.stringify(sortKeys(applications))}}\n`;
    return;
  }
  yield infos.length ? 'nodes:\n' : 'nodes: {}\n';
  for (const info of infos) yield `  ${yamlString(info.__reclass__.name)}:\n${toYaml(info, '    ', cache)}`;
  for (const [key, map] of [['classes', classes], ['applications', applications]] as const) {
    yield Object.keys(map).length ? `${key}:\n${toYaml(map, '  ')}` : `${key}: {}\n`;
  }
}
