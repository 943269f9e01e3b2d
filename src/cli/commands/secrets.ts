/**
 * `lmac secrets`: the secrets each cluster domain references, where each comes
 * from at deploy time (environment variable, file, Kubernetes Secret and key),
 * where the model references it and which generated files read it. It builds
 * in memory (nothing is written), so it fails like `lmac build` when the model
 * does not validate. docs/secrets.md.
 */
import type { Command } from 'commander';
import path from 'node:path';
import type { Diagnostic } from '../../diagnostics/index.js';
import { hasErrors } from '../../diagnostics/index.js';
import { GENERATORS } from '../../../generators/index.js';
import { buildCluster } from '../../build/pipeline.js';
import { domainSecrets, summarizeOutputs, type DomainSecret } from '../../secrets/listing.js';
import { createReporter, useColor } from '../report.js';
import { writeStdout } from '../stdout.js';
import { selectClusters } from './build.js';

interface Options {
  all?: boolean;
  root?: string;
  json?: boolean;
}

export function registerSecrets(program: Command): void {
  program
    .command('secrets')
    .description('list the secrets cluster domains reference: environment variable, file, Kubernetes Secret and key, where referenced, which outputs read them (exit 1 when a model has errors)')
    .argument('[clusters...]', 'cluster domains under clusters/')
    .option('-a, --all', 'every cluster under clusters/')
    .option('--root <dir>', 'model repository root (default: the working directory)')
    .option('--json', 'print the secrets as JSON on stdout (diagnostics as JSON on stderr)')
    .addHelpText('after', '\nNothing is written and no secret value is read: lmac only knows where each comes from.\n\nExamples:\n  lmac secrets demo\n  lmac secrets --all --json\n')
    .action(async (clusters: string[], opts: Options) => {
      process.exitCode = await secretsCommand(clusters, opts);
    });
}

export interface ClusterSecrets {
  cluster: string;
  /** Namespace of the Kubernetes manifests (lma:deploy:namespace), where the Secrets must exist. */
  namespace: string;
  secrets: DomainSecret[];
}

function table(rows: string[][], bold: (s: string) => string): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r, j) => {
    const line = r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
    return j === 0 ? bold(line) : line;
  });
}

function nodesText(nodes: readonly string[]): string {
  return nodes.length > 3 ? `${nodes.slice(0, 3).join(', ')} and ${nodes.length - 3} more` : nodes.join(', ');
}

/** The human listing of one domain. */
export function formatSecrets(c: ClusterSecrets, color = false): string {
  const bold = (s: string): string => (color ? `\x1b[1m${s}\x1b[0m` : s);
  if (c.secrets.length === 0) return `${c.cluster}: no secrets referenced\n`;
  const n = c.secrets.length;
  const out = [`${bold(c.cluster)}: ${n} ${n === 1 ? 'secret' : 'secrets'}`, ''];
  const rows = [['SECRET', 'ENV', 'FILE', 'KUBERNETES SECRET/KEY', 'READ BY']];
  for (const s of c.secrets) rows.push([s.name, s.env, s.file, `${s.kubernetes.secret}/${s.kubernetes.key}`, summarizeOutputs(s.outputs) || '(no generated file)']);
  out.push(...table(rows, bold), '');
  for (const s of c.secrets) {
    out.push(`${bold(s.name)}${s.description ? `: ${s.description}` : ''}`);
    for (const r of s.references) out.push(`  referenced at ${r.path} (${r.nodes.length === 1 ? 'node' : `${r.nodes.length} nodes:`} ${nodesText(r.nodes)})`);
  }
  // The Secrets the manifests expect; the values are the operator's to fill in.
  const bySecret = new Map<string, string[]>();
  for (const s of c.secrets) bySecret.set(s.kubernetes.secret, [...(bySecret.get(s.kubernetes.secret) ?? []), s.kubernetes.key]);
  out.push('', 'On Kubernetes, create before applying out/' + c.cluster + '/kubernetes:');
  for (const [secret, keys] of bySecret) {
    out.push(`  kubectl -n ${c.namespace} create secret generic ${secret} ${[...new Set(keys)].map((k) => `--from-literal=${k}=...`).join(' ')}`);
  }
  return out.join('\n') + '\n';
}

export async function secretsCommand(clusters: string[], opts: Options): Promise<number> {
  const root = path.resolve(opts.root ?? process.cwd());
  const reporter = createReporter(opts);
  const names = selectClusters(root, clusters, opts.all);
  const diags: Diagnostic[] = [];
  const listed: ClusterSecrets[] = [];
  let failed = 0;
  for (const cluster of names) {
    const b = buildCluster(root, cluster, GENERATORS);
    diags.push(...b.diagnostics);
    const model = b.model;
    if (hasErrors(b.diagnostics) || !b.manifest || !model) {
      failed++;
      continue;
    }
    const namespace = model.nodes.find((x) => x.lma)?.lma?.deploy.namespace ?? 'default';
    listed.push({ cluster, namespace, secrets: domainSecrets(model, b.files) });
  }
  if (diags.length > 0) reporter.diagnostics(diags);
  if (opts.json) await writeStdout([JSON.stringify(listed, null, 2) + '\n']);
  else {
    const color = useColor(process.stdout);
    await writeStdout(listed.map((c, i) => (i > 0 ? '\n' : '') + formatSecrets(c, color)));
  }
  if (failed > 0 && !opts.json) process.stderr.write(`${failed} ${failed === 1 ? 'cluster' : 'clusters'} failed: no secrets listed for ${failed === 1 ? 'it' : 'them'}\n`);
  return failed > 0 ? 1 : 0;
}
