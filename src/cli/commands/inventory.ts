/** `lmac inventory`: the merged inventory, shaped like `reclass --inventory` / `--nodeinfo`. */
import type { Command } from 'commander';
import type { Diagnostic } from '../../diagnostics/index.js';
import { hasErrors } from '../../diagnostics/index.js';
import path from 'node:path';
import { isFrozenPlain } from '../../inventory/interpolate.js';
import { renderInParallel, renderThreads, type InventorySource, type RenderedText } from '../../inventory/render-pool.js';
import { textCache, toJson, toYaml, yamlString } from '../../util/serialize.js';
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
  threads?: string;
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
    .option('-j, --threads <n>', "render on n worker threads ('auto': one per core); pays off for large inventories on idle multi-core machines")
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
  const names = inv.nodeNames();
  if (opts.threads !== undefined && opts.threads !== 'auto' && !/^[1-9]\d*$/.test(opts.threads)) throw new UsageError(`--threads takes a number or 'auto', not '${opts.threads}'`);
  const threads = renderThreads(names.length, opts.threads ?? process.env.LMAC_THREADS);
  let nodes: RenderedText[];
  if (threads > 1) {
    const source: InventorySource = opts.reclass ? { reclass: path.resolve(opts.reclass) } : { root: path.resolve(opts.root ?? process.cwd()), cluster: cluster! };
    nodes = await renderInParallel(source, names, json ? 'json' : 'yaml', NODE_PAD, threads);
  } else {
    nodes = names.map((name) => {
      const r = inv.renderNode(name);
      if (!r.ok) return { name, ok: false, text: '', classes: [], applications: [], diagnostics: r.diagnostics };
      return { name, ok: true, text: json ? JSON.stringify(r.info) : toYaml(r.info, NODE_PAD, cache), classes: r.info.classes, applications: r.info.applications, diagnostics: r.warnings };
    });
  }
  const diags: Diagnostic[] = [...inv.diagnostics, ...nodes.flatMap((n) => n.diagnostics)];
  reporter.diagnostics(diags);
  if (hasErrors(diags)) return 1;
  await writeStdout(inventoryText(nodes, json));
  return 0;
}

/** Indentation of a node's body in the YAML document (under nodes: <name>:). */
const NODE_PAD = '    ';

function sortKeys(o: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
}

/** The text of `reclass --inventory`'s structure, one piece per node. */
function* inventoryText(nodes: readonly RenderedText[], json: boolean): Generator<string | Uint8Array> {
  const classes: Record<string, string[]> = {};
  const applications: Record<string, string[]> = {};
  for (const n of nodes) {
    for (const c of n.classes) (classes[c] ??= []).push(n.name);
    for (const a of n.applications) (applications[a] ??= []).push(n.name);
  }
  if (json) {
    // Machine-readable and large: V8's own JSON.stringify, one node per line,
    // keys in merge order (as Reclass prints them). --format yaml sorts keys.
    yield '{"nodes": {';
    for (let i = 0; i < nodes.length; i++) {
      yield `${i > 0 ? ',' : ''}\n${JSON.stringify(nodes[i].name)}: `;
      yield nodes[i].text;
    }
    yield `},\n"classes": ${JSON.stringify(sortKeys(classes))},\n"applications": ${JSON.stringify(sortKeys(applications))}}\n`;
    return;
  }
  yield nodes.length ? 'nodes:\n' : 'nodes: {}\n';
  for (const n of nodes) {
    yield `  ${yamlString(n.name)}:\n`;
    yield n.text;
  }
  for (const [key, map] of [['classes', classes], ['applications', applications]] as const) {
    yield Object.keys(map).length ? `${key}:\n${toYaml(map, '  ')}` : `${key}: {}\n`;
  }
}
