/**
 * `lmac catalog`: what the model library (models/) monitors, as Markdown
 * (docs/catalog.md is its output) or JSON with the totals as top-level numbers.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import path from 'node:path';
import { hasErrors } from '../../diagnostics/index.js';
import { buildCatalog, catalogMarkdown, loadLibrary } from '../../catalog/index.js';
import { createReporter } from '../report.js';
import { writeStdout } from '../stdout.js';

interface Options {
  format: 'md' | 'json';
  root?: string;
  json?: boolean;
}

export function registerCatalog(program: Command): void {
  program
    .command('catalog')
    .description('list what the model library (models/) monitors: services, metrics, alarms with thresholds, alarm clusters, dashboards, Sensu checks')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['md', 'json']).default('md'))
    .option('--root <dir>', 'model repository root (default: the working directory)')
    .option('--json', 'print diagnostics as a JSON array on stderr')
    .addHelpText('after', '\nThe JSON has the totals as top-level numbers (services, triggers, alarms, clusters, dashboards, checks)\nbesides the per-service detail (library) and the system classes (system).\n\nExamples:\n  lmac catalog --format md > docs/catalog.md\n  lmac catalog --format json | jq .triggers\n')
    .action(async (opts: Options) => {
      process.exitCode = await catalogCommand(opts);
    });
}

export async function catalogCommand(opts: Options): Promise<number> {
  const root = path.resolve(opts.root ?? process.cwd());
  const { classes, diagnostics } = loadLibrary(root);
  if (hasErrors(diagnostics)) {
    createReporter({ json: opts.json }).diagnostics(diagnostics);
    return 1;
  }
  const catalog = buildCatalog(classes);
  await writeStdout([opts.format === 'json' ? JSON.stringify(catalog, null, 2) + '\n' : catalogMarkdown(catalog)]);
  return 0;
}
