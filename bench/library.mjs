#!/usr/bin/env node
// Library benchmark: the shipped demo domain (models/ and clusters/demo, every
// node with the library's `lma` model) grown to N nodes by adding compute
// nodes, built end to end by lmac (inventory, validate and lint, cluster
// model, every registered generator, the atomic write of out/demo) against
// Reclass 1.7 rendering the same inventory alone (`--inventory -o json`).
//
//   npm run bench:library      (builds first)
//   node bench/library.mjs [--nodes 1000] [--skip-reclass]
//
// The domain is laid out twice under bench/.work/library/: as an lmac
// repository (models/, clusters/demo/) and as a Reclass directory
// (classes/service, classes/system, classes/cluster/demo, nodes/).
// Writes bench/.work/library-results.json.
import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measure } from './measure.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WORK = join(ROOT, 'bench', '.work', 'library');
const RECLASS = process.env.RECLASS ?? '/work/shared/tools/reclass-1.7';
const LMAC = join(ROOT, 'bin', 'lmac.js');

const { values: flags } = parseArgs({ options: { nodes: { type: 'string', default: '1000' }, 'skip-reclass': { type: 'boolean', default: false } } });
const nodes = Number(flags.nodes);
const shipped = readdirSync(join(ROOT, 'clusters/demo/nodes')).length;
if (!Number.isInteger(nodes) || nodes < shipped) {
  console.error(`--nodes: expected a node count of at least ${shipped} (the demo's own nodes), got ${flags.nodes}`);
  process.exit(2);
}

/** The demo domain with `n` nodes: its own, then compute nodes cmp003, cmp004, ... on addresses of their own. */
function prepare(n, name) {
  const repo = join(WORK, `${name}-repo`);
  const rc = join(WORK, `${name}-reclass`);
  rmSync(repo, { recursive: true, force: true });
  rmSync(rc, { recursive: true, force: true });
  cpSync(join(ROOT, 'models'), join(repo, 'models'), { recursive: true });
  cpSync(join(ROOT, 'clusters/demo'), join(repo, 'clusters/demo'), { recursive: true });
  const template = readFileSync(join(ROOT, 'clusters/demo/nodes/cmp01.yml'), 'utf8');
  for (let i = 0; i < n - shipped; i++) {
    const node = template.replace(/node_address: \S+/, `node_address: 10.${21 + Math.floor(i / 62500)}.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`);
    writeFileSync(join(repo, 'clusters/demo/nodes', `cmp${String(i + 3).padStart(4, '0')}.yml`), node);
  }
  cpSync(join(repo, 'models/service'), join(rc, 'classes/service'), { recursive: true });
  cpSync(join(repo, 'models/system'), join(rc, 'classes/system'), { recursive: true });
  cpSync(join(repo, 'clusters/demo'), join(rc, 'classes/cluster/demo'), { recursive: true });
  renameSync(join(rc, 'classes/cluster/demo/nodes'), join(rc, 'nodes'));
  return { repo, rc };
}

const lmacBuild = (repo) => measure(process.execPath, [LMAC, 'build', 'demo', '--root', repo], { cwd: repo });
const reclassRender = (dir) => measure(RECLASS, ['-b', '.', '--inventory', '-o', 'json'], { cwd: dir });

mkdirSync(WORK, { recursive: true });
// Warm the page cache and both interpreters on the demo as shipped first.
const warm = prepare(shipped, 'warm');
lmacBuild(warm.repo);
if (!flags['skip-reclass']) reclassRender(warm.rc);

const { repo, rc } = prepare(nodes, `n${nodes}`);
const load = () => os.loadavg()[0].toFixed(2);
const lmacLoad = load();
const lmac = lmacBuild(repo);
if (lmac.code !== 0) {
  console.error(`lmac build failed (exit ${lmac.code}):\n${lmac.stderr}`);
  process.exit(1);
}
const files = JSON.parse(readFileSync(join(repo, 'out/demo/lmac-manifest.json'), 'utf8')).files;
const reclassLoad = load();
const reclass = flags['skip-reclass'] ? null : reclassRender(rc);
if (reclass && reclass.code !== 0) {
  console.error(`reclass failed (exit ${reclass.code}):\n${reclass.stderr.slice(-2000)}`);
  process.exit(1);
}

const s = (ms) => (ms / 1000).toFixed(2);
const mib = (kib) => (kib / 1024).toFixed(0);
const count = Array.isArray(files) ? files.length : Object.keys(files ?? {}).length;
console.log(`machine: ${os.cpus().length} vCPU ${os.cpus()[0]?.model ?? ''}, node ${process.version}`);
console.log(`domain: the demo with ${nodes} nodes (${nodes - shipped} compute nodes added), out/demo: ${count} files`);
console.log(`lmac:    node ${LMAC} build demo --root ${repo}   (load ${lmacLoad})`);
console.log(`reclass: cd ${rc} && ${RECLASS} -b . --inventory -o json > /dev/null   (load ${reclassLoad})`);
console.log('');
console.log('| tool | what | wall s | peak RSS MiB |');
console.log('|---|---|---:|---:|');
console.log(`| lmac 0.1.0 | whole build of the library domain | ${s(lmac.wallMs)} | ${mib(lmac.maxRssKiB)} |`);
if (reclass) {
  console.log(`| Reclass 1.7 | rendering the inventory alone | ${s(reclass.wallMs)} | ${mib(reclass.maxRssKiB)} |`);
  console.log('');
  console.log(`ratio: lmac's whole build is ${(reclass.wallMs / lmac.wallMs).toFixed(1)}x faster than Reclass's rendering alone, with ${(lmac.maxRssKiB / reclass.maxRssKiB).toFixed(2)}x its peak memory`);
}
writeFileSync(join(WORK, '..', 'library-results.json'), JSON.stringify({ date: new Date().toISOString(), nodes, files: count, lmac, reclass, ratio: reclass ? reclass.wallMs / lmac.wallMs : null }, null, 2) + '\n');
