#!/usr/bin/env node
// Build benchmark: lmac's whole build of a 1,000-node cluster domain (inventory,
// cluster model, every registered generator, writing out/ atomically) against
// Reclass 1.7 rendering the same inventory alone (`--inventory -o json`).
//
//   npm run bench:build        (builds first)
//   node bench/build.mjs [--nodes 1000] [--skip-reclass]
//
// The synthetic inventory (bench/gen-inventory.mjs) is laid out twice: as a
// Reclass directory for Reclass, and as an lmac repository (models/system,
// models/service, clusters/labN/ classes, all nodes in clusters/synth/nodes/)
// for lmac. Writes bench/.work/build-results.json.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeInventory } from './gen-inventory.mjs';
import { measure } from './measure.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WORK = join(ROOT, 'bench', '.work', 'build');
const RECLASS = process.env.RECLASS ?? '/work/shared/tools/reclass-1.7';
const LMAC = join(ROOT, 'bin', 'lmac.js');
const GEN = { classes: 300, depth: 6, refs: 4, leaves: 14, seed: 1 };

const { values: flags } = parseArgs({ options: { nodes: { type: 'string', default: '1000' }, 'skip-reclass': { type: 'boolean', default: false } } });
const nodes = Number(flags.nodes);
if (!Number.isInteger(nodes) || nodes < 1) {
  console.error(`--nodes: expected a node count, got ${flags.nodes}`);
  process.exit(2);
}

/** The same inventory as an lmac repository: one domain `synth` holding every node. */
function asLmacRepo(reclassDir, repo) {
  rmSync(repo, { recursive: true, force: true });
  cpSync(join(reclassDir, 'classes/system'), join(repo, 'models/system'), { recursive: true });
  cpSync(join(reclassDir, 'classes/service'), join(repo, 'models/service'), { recursive: true });
  cpSync(join(reclassDir, 'classes/cluster'), join(repo, 'clusters'), { recursive: true });
  const target = join(repo, 'clusters/synth/nodes');
  mkdirSync(target, { recursive: true });
  for (const lab of readdirSync(join(reclassDir, 'nodes'))) {
    for (const f of readdirSync(join(reclassDir, 'nodes', lab))) cpSync(join(reclassDir, 'nodes', lab, f), join(target, f));
  }
}

function prepare(n, name) {
  const reclassDir = join(WORK, `${name}-reclass`);
  const repo = join(WORK, `${name}-repo`);
  const stats = writeInventory(reclassDir, { ...GEN, nodes: n });
  asLmacRepo(reclassDir, repo);
  return { reclassDir, repo, stats };
}

const lmacBuild = (repo) => measure(process.execPath, [LMAC, 'build', 'synth', '--root', repo], { cwd: repo });
const reclassRender = (dir) => measure(RECLASS, ['-b', '.', '--inventory', '-o', 'json'], { cwd: dir });

mkdirSync(WORK, { recursive: true });
// Warm the page cache and both interpreters on a tiny domain first.
const warm = prepare(5, 'warm');
lmacBuild(warm.repo);
if (!flags['skip-reclass']) reclassRender(warm.reclassDir);

const { reclassDir, repo, stats } = prepare(nodes, `n${nodes}`);
rmSync(join(repo, 'out'), { recursive: true, force: true });
const lmac = lmacBuild(repo);
if (lmac.code !== 0) {
  console.error(`lmac build failed (exit ${lmac.code}):\n${lmac.stderr}`);
  process.exit(1);
}
const written = existsSync(join(repo, 'out/synth/lmac-manifest.json'));
const reclass = flags['skip-reclass'] ? null : reclassRender(reclassDir);
if (reclass && reclass.code !== 0) {
  console.error(`reclass failed (exit ${reclass.code}):\n${reclass.stderr.slice(-2000)}`);
  process.exit(1);
}

const s = (ms) => (ms / 1000).toFixed(2);
const mib = (kib) => (kib / 1024).toFixed(0);
console.log(`machine: ${os.cpus().length} vCPU ${os.cpus()[0]?.model ?? ''}, node ${process.version}`);
console.log(`inventory: ${nodes} nodes, ${stats.classes} classes, ~${stats.classesPerNode.mean} classes per node after expansion`);
console.log(`lmac build:   lmac build synth --root ${repo}   (out/synth written: ${written})`);
console.log(`reclass:      cd ${reclassDir} && ${RECLASS} -b . --inventory -o json > /dev/null`);
console.log('');
console.log('| tool | what | wall s | peak RSS MiB |');
console.log('|---|---|---:|---:|');
console.log(`| lmac 0.1.0 | whole build (inventory, model, ${'generators'}, write) | ${s(lmac.wallMs)} | ${mib(lmac.maxRssKiB)} |`);
if (reclass) {
  console.log(`| Reclass 1.7 | rendering the inventory alone | ${s(reclass.wallMs)} | ${mib(reclass.maxRssKiB)} |`);
  console.log('');
  console.log(`ratio: lmac's whole build is ${(reclass.wallMs / lmac.wallMs).toFixed(1)}x faster than Reclass's rendering alone, with ${(lmac.maxRssKiB / reclass.maxRssKiB).toFixed(2)}x its peak memory`);
}
writeFileSync(
  join(WORK, 'build-results.json'),
  JSON.stringify({ date: new Date().toISOString(), nodes, generator: GEN, stats, lmac, reclass, ratio: reclass ? reclass.wallMs / lmac.wallMs : null }, null, 2) + '\n',
);
