/**
 * `lmac build`: compiles cluster domains into out/<cluster>/, each on its own
 * (one failing does not stop the others), atomically; `--check` writes nothing
 * and fails when out/ is stale.
 */
import type { Command } from 'commander';
import path from 'node:path';
import type { Diagnostic } from '../../diagnostics/index.js';
import { Codes, error, hasErrors } from '../../diagnostics/index.js';
import { GENERATORS } from '../../../generators/index.js';
import { buildCluster } from '../../build/pipeline.js';
import { planOutput, writeOutput, type OutputPlan } from '../../build/writer.js';
import { listClusters } from '../../inventory/storage.js';
import { createReporter, groupAcrossNodes, type Reporter } from '../report.js';
import { UsageError } from '../usage-error.js';

export interface BuildOptions {
  all?: boolean;
  out?: string;
  root?: string;
  check?: boolean;
  json?: boolean;
}

export function registerBuild(program: Command): void {
  program
    .command('build')
    .description('compile cluster domains into out/<cluster>/ (atomically; files lmac did not write are kept)')
    .argument('[clusters...]', 'cluster domains under clusters/')
    .option('-a, --all', 'build every cluster under clusters/')
    .option('-o, --out <dir>', 'output directory', 'out')
    .option('--root <dir>', 'model repository root (default: the working directory)')
    .option('--check', 'write nothing; exit 1 if out/ differs from what the model builds (for CI)')
    .option('--json', 'print diagnostics as a JSON array on stdout')
    .addHelpText('after', '\nExamples:\n  lmac build demo\n  lmac build --all --check\n')
    .action(async (clusters: string[], opts: BuildOptions) => {
      process.exitCode = await buildCommand(clusters, opts);
    });
}

export function selectClusters(root: string, clusters: string[], all: boolean | undefined): string[] {
  const known = listClusters(root);
  if (all) {
    if (clusters.length > 0) throw new UsageError('give cluster names or --all, not both');
    if (known.length === 0) throw new UsageError(`no clusters under ${path.join(root, 'clusters')}`);
    return known;
  }
  if (clusters.length === 0) throw new UsageError(`name a cluster or use --all${known.length ? ` (clusters: ${known.join(', ')})` : ''}`);
  return [...new Set(clusters)];
}

function describePlan(p: OutputPlan): string[] {
  return [...p.added.map((f) => `  added:   ${f}`), ...p.changed.map((f) => `  changed: ${f}`), ...p.removed.map((f) => `  removed: ${f}`)];
}

export async function buildCommand(clusters: string[], opts: BuildOptions): Promise<number> {
  const root = path.resolve(opts.root ?? process.cwd());
  const reporter = createReporter(opts);
  const names = selectClusters(root, clusters, opts.all);
  const outRoot = path.resolve(root, opts.out ?? 'out');
  const all: Diagnostic[] = [];
  const summary: string[] = [];
  let failed = 0;
  let stale = 0;
  const progress = process.stderr.isTTY && !opts.json && names.length > 1;
  names.forEach((cluster, i) => {
    if (progress) process.stderr.write(`\r\x1b[K[${i + 1}/${names.length}] ${cluster}…`);
    const t0 = performance.now();
    const b = buildCluster(root, cluster, GENERATORS);
    all.push(...b.diagnostics);
    if (hasErrors(b.diagnostics) || !b.manifest) {
      failed++;
      const errors = groupAcrossNodes(b.diagnostics).filter((d) => d.severity === 'error').length;
      summary.push(`${cluster}: failed (${errors} ${errors === 1 ? 'error' : 'errors'})`);
      return;
    }
    const outDir = path.join(outRoot, cluster);
    const plan = planOutput(outDir, b.files, b.manifest);
    const rel = path.relative(process.cwd(), outDir) || '.';
    if (plan.conflicts.length > 0) {
      failed++;
      for (const f of plan.conflicts) all.push(error(Codes.OUTPUT_CONFLICT, `${rel}/${f} exists but lmac did not write it (not in ${rel}/lmac-manifest.json); move it away or delete it`, { file: `${rel}/${f}`, line: 0, col: 0 }));
      summary.push(`${cluster}: failed (would overwrite files lmac did not write)`);
      return;
    }
    const changes = describePlan(plan);
    const ms = Math.round(performance.now() - t0);
    if (opts.check) {
      if (changes.length > 0) {
        stale++;
        summary.push(`${cluster}: ${rel} is stale (${changes.length === 1 ? '1 file differs' : `${changes.length} files differ`}):`, ...changes);
      } else summary.push(`${cluster}: ${rel} is up to date`);
      return;
    }
    try {
      if (changes.length > 0) writeOutput(outDir, b.files, b.manifest);
      summary.push(`${cluster}: ${b.files.size + 1} files in ${rel} (${plan.added.length} added, ${plan.changed.length} changed, ${plan.removed.length} removed) in ${ms} ms`);
    } catch (e) {
      failed++;
      all.push(error(Codes.OUTPUT_UNWRITABLE, `cannot write ${rel}: ${(e as Error).message}`));
      summary.push(`${cluster}: failed (cannot write ${rel})`);
    }
  });
  if (progress) process.stderr.write('\r\x1b[K');
  report(reporter, all, opts.json);
  if (!opts.json) {
    for (const line of summary) process.stderr.write(line + '\n');
    if (names.length > 1) process.stderr.write(`${names.length} clusters: ${names.length - failed - stale} ok${stale ? `, ${stale} stale` : ''}${failed ? `, ${failed} failed` : ''}\n`);
    if (stale > 0) process.stderr.write('run `lmac build` and commit out/ (or `lmac diff <cluster>` to see the changes)\n');
  }
  return failed > 0 || stale > 0 ? 1 : 0;
}

function report(reporter: Reporter, diags: Diagnostic[], json: boolean | undefined): void {
  if (json) process.stdout.write(JSON.stringify(diags, null, 2) + '\n');
  else reporter.diagnostics(diags);
}
