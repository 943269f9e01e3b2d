/**
 * `lmac init <dir>`: a new model repository that builds as created: the models/
 * skeleton (a copy of lmac's linux classes), one cluster with one node, a CI
 * example that fails when out/ is stale, a README with the commands, and
 * editor settings that validate class files against lmac's schema as they
 * are typed (docs/editor.md).
 */
import type { Command } from 'commander';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Codes, error } from '../../diagnostics/index.js';
import { createReporter } from '../report.js';
import { UsageError } from '../usage-error.js';
import { VERSION } from '../../version.js';

interface Options {
  cluster: string;
  json?: boolean;
}

/** lmac's own model library (models/ beside dist/). */
const LIBRARY = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../models');

// system.linux.node and what it includes: a node of the new repository gets what every library node has.
const SKELETON = ['system/linux/node.yml', 'service/linux/system.yml', 'service/ntp/client.yml', 'service/lmac/collector.yml'];

/** The class schema of the lmac installed in the new repository (a devDependency). */
export const EDITOR_SCHEMA = './node_modules/lmac/schema/class.schema.json';

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('create a new model repository (models/, one cluster, a CI example) that builds as created')
    .argument('<dir>', 'directory to create (must not exist or be empty)')
    .option('-c, --cluster <name>', 'name of the first cluster domain', 'example')
    .option('--json', 'print diagnostics as a JSON array')
    .addHelpText('after', '\nExample:\n  lmac init my-fleet && cd my-fleet && npx lmac build --all\n')
    .action((dir: string, opts: Options) => {
      process.exitCode = initCommand(dir, opts);
    });
}

export function initCommand(dir: string, opts: Options): number {
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(opts.cluster)) throw new UsageError(`cluster names are lower-case letters, digits, '-' and '_': '${opts.cluster}'`);
  const reporter = createReporter(opts);
  const root = path.resolve(dir);
  if (existsSync(root) && readdirSync(root).length > 0) {
    reporter.diagnostics([error(Codes.OUTPUT_CONFLICT, `${dir} exists and is not empty; lmac init only creates new repositories`)]);
    return 1;
  }
  const c = opts.cluster;
  const files: Record<string, string> = {
    'README.md': `# LMA models\n\nLogging, monitoring and alerting for this fleet, as code ([lmac](https://www.npmjs.com/package/lmac)).\n\n\`\`\`sh\nnpm install\nnpx lmac validate --all       # check the models (schema and lint), writing nothing\nnpx lmac build --all          # compile every cluster into out/<cluster>/\nnpx lmac build --all --check  # in CI: fail when out/ is stale\nnpx lmac explain lma:environment --node node01 ${c}   # where a value comes from\n\`\`\`\n\n- \`models/\`: system and service classes (class \`system.x.y\` is \`models/system/x/y.yml\`)\n- \`clusters/${c}/\`: the cluster's classes (\`cluster.${c}\`, \`cluster.${c}.x\`); its nodes are \`clusters/${c}/nodes/*.yml\`\n- \`out/\`: generated; commit it, never edit it (files lmac did not write are left alone)\n- \`.vscode/settings.json\`: class files are validated against lmac's schema as you type (VS Code YAML extension; other editors: yaml-language-server with the same \`yaml.schemas\`)\n`,
    'package.json': JSON.stringify({ private: true, scripts: { build: 'lmac build --all', check: 'lmac build --all --check' }, devDependencies: { lmac: `^${VERSION}` } }, null, 2) + '\n',
    '.gitignore': 'node_modules/\n',
    // The schema comes from the installed lmac, so it always matches the lmac that builds.
    '.vscode/settings.json': JSON.stringify({ 'yaml.schemas': { [EDITOR_SCHEMA]: ['models/**/*.yml', 'clusters/**/*.yml'] }, 'yaml.schemaStore.enable': false }, null, 2) + '\n',
    '.vscode/extensions.json': JSON.stringify({ recommendations: ['redhat.vscode-yaml'] }, null, 2) + '\n',
    [`clusters/${c}/init.yml`]: `# class cluster.${c}: settings shared by every node of the ${c} domain.\nparameters:\n  _param:\n    cluster_domain: ${c}.example.net\n  lma:\n    environment: \${_param:cluster_domain}\n    roles: {metric_collector: true, log_collector: true}\n    # Where the library's notifying alarm clusters go (handler default): replace with your own (docs/alerting.md).\n    handlers:\n      default: {type: pipe, command: logger -t lma-alert}\n`,
    [`clusters/${c}/nodes/node01.yml`]: `# node node01 of the ${c} domain.\nclasses:\n  - system.linux.node\n  - cluster.${c}\n`,
    '.github/workflows/lmac.yml': `# Fails the pipeline when out/ is not what the models build.\nname: lmac\non: [push, pull_request]\njobs:\n  check:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-node@v4\n        with: {node-version: 20}\n      - run: npm install\n      - run: npx lmac build --all --check\n`,
  };
  for (const rel of SKELETON) files[`models/${rel}`] = readFileSync(path.join(LIBRARY, rel), 'utf8');
  for (const [rel, text] of Object.entries(files)) {
    const target = path.join(root, rel);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  reporter.info(`created ${dir}: cluster '${c}' with one node; next: cd ${dir} && npx lmac build --all`);
  return 0;
}
