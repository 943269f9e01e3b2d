/** `lmac diff <cluster>`: a unified diff between out/<cluster>/ and a fresh build. */
import type { Command } from 'commander';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { hasErrors } from '../../diagnostics/index.js';
import { GENERATORS } from '../../../generators/index.js';
import { buildCluster } from '../../build/pipeline.js';
import { planOutput } from '../../build/writer.js';
import { MANIFEST, manifestText } from '../../build/manifest.js';
import { createReporter } from '../report.js';
import { writeStdout } from '../stdout.js';
import { selectClusters } from './build.js';

interface Options {
  out?: string;
  root?: string;
  json?: boolean;
}

export function registerDiff(program: Command): void {
  program
    .command('diff')
    .description('show what `lmac build` would change in out/<cluster>/, as a unified diff (exit 1 when it differs)')
    .argument('<clusters...>', 'cluster domains under clusters/')
    .option('-o, --out <dir>', 'output directory', 'out')
    .option('--root <dir>', 'model repository root (default: the working directory)')
    .option('--json', 'print diagnostics as a JSON array')
    .action(async (clusters: string[], opts: Options) => {
      process.exitCode = await diffCommand(clusters, opts);
    });
}

export async function diffCommand(clusters: string[], opts: Options): Promise<number> {
  const root = path.resolve(opts.root ?? process.cwd());
  const reporter = createReporter(opts);
  let code = 0;
  const patches: string[] = [];
  for (const cluster of selectClusters(root, clusters, false)) {
    const b = buildCluster(root, cluster, GENERATORS);
    if (hasErrors(b.diagnostics) || !b.manifest) {
      reporter.diagnostics(b.diagnostics);
      code = 1;
      continue;
    }
    const outDir = path.join(path.resolve(root, opts.out ?? 'out'), cluster);
    const rel = path.relative(root, outDir).split(path.sep).join('/');
    const plan = planOutput(outDir, b.files, b.manifest);
    const manifest = manifestText(b.manifest);
    const fresh = (f: string): string => (f === MANIFEST ? manifest : b.files.get(f) ?? '');
    for (const f of [...plan.added, ...plan.changed, ...plan.removed].sort()) {
      const before = plan.before.get(f) ?? '';
      const after = plan.removed.includes(f) ? '' : fresh(f);
      patches.push(createTwoFilesPatch(plan.added.includes(f) ? '/dev/null' : `a/${rel}/${f}`, plan.removed.includes(f) ? '/dev/null' : `b/${rel}/${f}`, before, after, undefined, undefined, { context: 3 }));
      code = Math.max(code, 1);
    }
  }
  await writeStdout(patches);
  return code;
}
