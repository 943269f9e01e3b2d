/**
 * `lmac build`: compiles cluster domains into out/<cluster>/. Until the build
 * pipeline lands (issue 3), it writes each node's merged inventory.
 */
import type { Command } from 'commander';
import { mkdirSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../../diagnostics/index.js';
import { hasErrors } from '../../diagnostics/index.js';
import { listClusters } from '../../inventory/storage.js';
import { toYaml } from '../../util/serialize.js';
import { createReporter } from '../report.js';
import { openInventory } from '../source.js';
import { UsageError } from '../usage-error.js';

interface Options {
  all?: boolean;
  out?: string;
  root?: string;
  json?: boolean;
}

export function registerBuild(program: Command): void {
  program
    .command('build')
    .description('compile cluster domains into out/<cluster>/')
    .argument('[clusters...]', 'cluster domains under clusters/')
    .option('-a, --all', 'build every cluster under clusters/')
    .option('-o, --out <dir>', 'output directory', 'out')
    .option('--root <dir>', 'model repository root (default: the working directory)')
    .option('--json', 'print diagnostics as a JSON array on stdout')
    .action(async (clusters: string[], opts: Options) => {
      process.exitCode = await buildCommand(clusters, opts);
    });
}

export async function buildCommand(clusters: string[], opts: Options): Promise<number> {
  const root = path.resolve(opts.root ?? process.cwd());
  const reporter = createReporter(opts);
  const names = opts.all ? listClusters(root) : clusters;
  if (names.length === 0) throw new UsageError(`name a cluster or use --all${listClusters(root).length ? ` (clusters: ${listClusters(root).join(', ')})` : ''}`);
  const all: Diagnostic[] = [];
  let failed = 0;
  for (const cluster of names) {
    const inv = openInventory(cluster, { root });
    const diags: Diagnostic[] = [...inv.diagnostics];
    const files = new Map<string, string>();
    if (!hasErrors(diags)) {
      for (const node of inv.nodeNames()) {
        const r = inv.renderNode(node);
        if (!r.ok) diags.push(...r.diagnostics);
        else {
          diags.push(...r.warnings);
          files.set(`inventory/${node}.yml`, toYaml(r.info.parameters));
        }
      }
    }
    all.push(...diags);
    if (hasErrors(diags)) {
      failed++;
      reporter.info(`${cluster}: failed`);
      continue;
    }
    const outDir = path.resolve(root, opts.out ?? 'out', cluster);
    const tmp = `${outDir}.lmac-tmp-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    for (const [rel, content] of files) {
      mkdirSync(path.dirname(path.join(tmp, rel)), { recursive: true });
      writeFileSync(path.join(tmp, rel), content);
    }
    mkdirSync(path.dirname(outDir), { recursive: true });
    const old = `${outDir}.lmac-old-${process.pid}`;
    if (existsSync(outDir)) renameSync(outDir, old);
    renameSync(tmp, outDir);
    rmSync(old, { recursive: true, force: true });
    reporter.info(`${cluster}: ${files.size} files written to ${path.relative(process.cwd(), outDir) || '.'}`);
  }
  if (opts.json) process.stdout.write(JSON.stringify(all, null, 2) + '\n');
  else reporter.diagnostics(all);
  return failed > 0 ? 1 : 0;
}
