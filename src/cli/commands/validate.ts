/**
 * `lmac validate`: everything `lmac build` checks before it generates (YAML,
 * merge, references, the schema, the lint), for each cluster, writing nothing.
 */
import type { Command } from 'commander';
import path from 'node:path';
import type { Diagnostic } from '../../diagnostics/index.js';
import { hasErrors } from '../../diagnostics/index.js';
import { compileModel } from '../../build/pipeline.js';
import { createReporter, groupAcrossNodes } from '../report.js';
import { writeStdout } from '../stdout.js';
import { selectClusters } from './build.js';

interface Options {
  all?: boolean;
  root?: string;
  json?: boolean;
}

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check cluster models against the schema and the lint rules, writing nothing (exit 1 on any error)')
    .argument('[clusters...]', 'cluster domains under clusters/')
    .option('-a, --all', 'validate every cluster under clusters/')
    .option('--root <dir>', 'model repository root (default: the working directory)')
    .option('--json', 'print diagnostics as a JSON array on stdout')
    .addHelpText('after', '\nExamples:\n  lmac validate demo\n  lmac validate --all --json\n')
    .action(async (clusters: string[], opts: Options) => {
      process.exitCode = await validateCommand(clusters, opts);
    });
}

export async function validateCommand(clusters: string[], opts: Options): Promise<number> {
  const root = path.resolve(opts.root ?? process.cwd());
  const reporter = createReporter(opts);
  const names = selectClusters(root, clusters, opts.all);
  const all: Diagnostic[] = [];
  const summary: string[] = [];
  let failed = 0;
  const progress = process.stderr.isTTY && !opts.json && names.length > 1;
  names.forEach((cluster, i) => {
    if (progress) process.stderr.write(`\r\x1b[K[${i + 1}/${names.length}] ${cluster}…`);
    const { model, diagnostics } = compileModel(root, cluster);
    all.push(...diagnostics);
    // Counted as printed: a finding in a class shared by many nodes is one finding.
    const shown = groupAcrossNodes(diagnostics);
    const errors = shown.filter((d) => d.severity === 'error').length;
    const warnings = shown.length - errors;
    if (hasErrors(diagnostics)) failed++;
    const nodes = model ? `${model.nodes.length} nodes, ` : '';
    const n = (k: number, what: string): string => `${k} ${what}${k === 1 ? '' : 's'}`;
    summary.push(`${cluster}: ${errors ? n(errors, 'error') : 'ok'} (${nodes}${n(warnings, 'warning')})`);
  });
  if (progress) process.stderr.write('\r\x1b[K');
  if (opts.json) await writeStdout([JSON.stringify(all, null, 2) + '\n']);
  else {
    reporter.diagnostics(all);
    for (const line of summary) process.stderr.write(line + '\n');
  }
  return failed > 0 ? 1 : 0;
}
