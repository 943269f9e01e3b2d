#!/usr/bin/env node
// Inventory benchmark: lmac vs Reclass 1.7 rendering a whole synthetic inventory
// as JSON (`reclass --inventory -o json` / `lmac inventory --reclass DIR --format json`).
//
//   npm run bench:inventory              (builds first)
//   node bench/inventory.mjs [--sizes 200,1000] [--skip-reclass]
//
// Prints a table (wall time, peak RSS, ratios), checks on the 200-node inventory that
// both tools produce the same data, and writes bench/.work/inventory-results.json.
// Exits 1 when a tool fails or the outputs differ: a benchmark of wrong output is
// worthless. Environment (for testing the runner): RECLASS, LMAC (a script run with
// node), VERIFY_SIZE (default 200).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeInventory } from './gen-inventory.mjs';
import { measure } from './measure.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WORK = join(ROOT, 'bench', '.work');
const RECLASS = process.env.RECLASS ?? '/work/shared/tools/reclass-1.7'; // needs /usr/bin/python3
const LMAC = process.env.LMAC ?? join(ROOT, 'bin', 'lmac.js');
const GEN = { classes: 300, depth: 6, refs: 4, leaves: 14, seed: 1 }; // generator settings
const VERIFY_SIZE = Number(process.env.VERIFY_SIZE ?? 200);

const { values: flags } = parseArgs({
  options: { sizes: { type: 'string', default: '200,1000' }, 'skip-reclass': { type: 'boolean', default: false } },
});
const sizes = flags.sizes.split(',').map(Number);
if (!sizes.every((n) => Number.isInteger(n) && n > 0)) {
  console.error(`--sizes: expected node counts like 200,1000, got ${flags.sizes}`);
  process.exit(2);
}
const skipReclass = flags['skip-reclass'];

// Reclass reads reclass-config.yml from the current directory, so it runs in the
// inventory; lmac gets the same cwd for symmetry.
const tools = {
  reclass: (inv) => ({ cmd: RECLASS, args: ['-b', '.', '--inventory', '-o', 'json'], cwd: inv }),
  lmac: (inv) => ({ cmd: process.execPath, args: [LMAC, 'inventory', '--reclass', inv, '--format', 'json'], cwd: inv }),
};
const shown = (t, inv) => {
  const { cmd, args } = tools[t](inv);
  return `cd ${inv} && ${cmd === process.execPath ? 'node' : cmd} ${args.join(' ')} > /dev/null`;
};
const run = (t, inv, stdout) => {
  const { cmd, args, cwd } = tools[t](inv);
  return measure(cmd, args, { cwd, stdout });
};
const toolList = skipReclass ? ['lmac'] : ['reclass', 'lmac'];

// ---------------------------------------------------------------- machine
const firstLine = (s) => (s ?? '').trim().split('\n')[0];
const machine = {
  nproc: os.availableParallelism(),
  cpu: os.cpus()[0]?.model ?? '?',
  memGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
  kernel: `${os.type()} ${os.release()}`,
  node: process.version,
  reclass: firstLine(spawnSync(RECLASS, ['--version'], { encoding: 'utf8' }).stdout) || 'unavailable',
};
console.log(`machine: ${machine.nproc} CPUs (${machine.cpu}), ${machine.memGiB} GiB, ${machine.kernel}`);
console.log(`node ${machine.node}, reclass ${machine.reclass}`);
// Timings are only meaningful on an otherwise idle machine: say so when it is not.
if (os.loadavg()[0] > 0.5) console.log(`WARNING: load average ${os.loadavg()[0].toFixed(2)}: other work will skew the timings`);

// ---------------------------------------------------------------- inventories
mkdirSync(WORK, { recursive: true });
const invDir = (n) => join(WORK, `inv-${n}`);
const genStats = {};
for (const n of sizes) {
  genStats[n] = writeInventory(invDir(n), { ...GEN, nodes: n });
  const s = genStats[n];
  console.log(`generated ${invDir(n)}: ${s.nodes} nodes, ${s.classes} classes, ${s.files} files, ` +
    `${(s.yamlBytes / 2 ** 20).toFixed(2)} MiB YAML, ${s.classesPerNode.mean} classes/node ` +
    `(${s.classesPerNode.min}-${s.classesPerNode.max}), include depth ${s.includeDepth}`);
}

// Warm-up: load both tools (Python modules, node_modules, dist/) into the page cache.
const warm = join(WORK, 'inv-warm');
writeInventory(warm, { ...GEN, classes: 40, nodes: 5 });
for (const t of toolList) {
  const r = run(t, warm);
  if (r.code !== 0) console.log(`warm-up: ${t} failed (exit ${r.code})`);
}

// ---------------------------------------------------------------- timed runs
const results = [];
for (const n of sizes) {
  for (const t of toolList) {
    process.stdout.write(`running ${t} on ${n} nodes... `);
    const load = +os.loadavg()[0].toFixed(2); // 1-minute load just before the run
    const r = run(t, invDir(n));
    const ok = r.code === 0;
    console.log(ok ? `${(r.wallMs / 1000).toFixed(2)} s` : `FAILED (exit ${r.code})`);
    results.push({ size: n, tool: t, ok, code: r.code, wallMs: Math.round(r.wallMs), maxRssKiB: r.maxRssKiB, load,
      command: shown(t, invDir(n)), stderr: ok ? undefined : r.stderr.slice(-4000) });
  }
}

// ---------------------------------------------------------------- output check
// Compare as data: JSON key order and float formatting don't matter; list order does,
// except the node lists in the `classes`/`applications` maps, which we sort.
function normalise(out) {
  for (const node of Object.values(out.nodes ?? {})) {
    delete node.__reclass__?.timestamp; // differs per run
    delete node.__reclass__?.uri; // yaml_fs://... spelling is tool-specific
  }
  for (const key of ['classes', 'applications']) {
    for (const list of Object.values(out[key] ?? {})) list.sort();
  }
  return { nodes: out.nodes, classes: out.classes, applications: out.applications };
}
const brief = (v) => (v === undefined ? 'missing' : JSON.stringify(v)?.slice(0, 80));
function firstDiff(a, b, path) {
  if (Object.is(a, b)) return null;
  const kind = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  if (kind(a) !== kind(b) || (kind(a) !== 'array' && kind(a) !== 'object')) {
    return `${path}: reclass ${brief(a)} / lmac ${brief(b)}`;
  }
  if (Array.isArray(a) && a.length !== b.length) return `${path}: reclass has ${a.length} items, lmac ${b.length}`;
  const keys = Array.isArray(a) ? a.keys() : [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const k of keys) {
    const d = firstDiff(a[k], b[k], `${path}/${k}`);
    if (d) return d;
  }
  return null;
}
let verification = { status: 'skipped', detail: '' };
const lmacOk = results.find((r) => r.size === VERIFY_SIZE && r.tool === 'lmac')?.ok;
if (!sizes.includes(VERIFY_SIZE) || skipReclass) {
  verification.detail = `needs --sizes with ${VERIFY_SIZE} and Reclass`;
} else if (!lmacOk) {
  verification.detail = 'lmac failed';
} else {
  // Separate untimed runs, so the timed ones write to /dev/null.
  const files = {};
  for (const t of ['reclass', 'lmac']) {
    files[t] = join(WORK, `out-${t}-${VERIFY_SIZE}.json`);
    const r = run(t, invDir(VERIFY_SIZE), files[t]);
    if (r.code !== 0) verification = { status: 'error', detail: `${t} failed on the verification run` };
  }
  if (verification.status !== 'error') {
    try {
      const [a, b] = ['reclass', 'lmac'].map((t) => normalise(JSON.parse(readFileSync(files[t], 'utf8'))));
      const d = firstDiff(a, b, '');
      verification = d ? { status: 'DIFFERENT', detail: d } : { status: 'EQUAL', detail: '' };
    } catch (e) {
      verification = { status: 'error', detail: `cannot parse output: ${e.message}` };
    }
  }
}

// ---------------------------------------------------------------- report
const mib = (kib) => (kib / 1024).toFixed(1);
const rows = [['size', 'tool', 'wall s', 'peak RSS MiB', 'load', 'result']];
for (const r of results) {
  rows.push([String(r.size), r.tool, r.ok ? (r.wallMs / 1000).toFixed(2) : '-',
    r.ok ? mib(r.maxRssKiB) : '-', r.load.toFixed(2), r.ok ? 'ok' : `FAILED (exit ${r.code})`]);
}
const ratios = [];
for (const n of sizes) {
  const rc = results.find((r) => r.size === n && r.tool === 'reclass');
  const lm = results.find((r) => r.size === n && r.tool === 'lmac');
  if (rc?.ok && lm?.ok) {
    ratios.push({ size: n, time: +(rc.wallMs / lm.wallMs).toFixed(1), memory: +(lm.maxRssKiB / rc.maxRssKiB).toFixed(2) });
  }
}
const width = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
console.log('');
for (const r of rows) console.log(r.map((c, i) => (i < 2 ? c.padEnd(width[i]) : c.padStart(width[i]))).join('  '));
console.log('(load: 1-minute load average just before the run; > 0.5 means the timing is suspect)\n');
for (const n of sizes) {
  const q = ratios.find((x) => x.size === n);
  console.log(q ? `${n} nodes: reclass/lmac time ${q.time}x, lmac/reclass peak RSS ${q.memory}x`
    : `${n} nodes: ratios pending (a tool failed or was skipped)`);
}
console.log(`output check on ${VERIFY_SIZE} nodes: ${verification.status}${verification.detail ? ` (${verification.detail})` : ''}`);
console.log('\ncommands (each run once, stdout to /dev/null, measured by bench/measure.mjs):');
for (const r of results) console.log(`  ${r.command}`);
for (const r of results.filter((x) => !x.ok)) {
  console.log(`\n${r.tool} stderr (${r.size} nodes, last lines):\n${r.stderr.trim().split('\n').slice(-15).join('\n')}`);
}

const report = { date: new Date().toISOString(), machine, generator: { ...GEN, stats: genStats }, results, ratios, verification };
writeFileSync(join(WORK, 'inventory-results.json'), JSON.stringify(report, null, 2) + '\n');
console.log(`\nwrote ${join(WORK, 'inventory-results.json')}`);
process.exitCode = results.every((r) => r.ok) && verification.status !== 'DIFFERENT' && verification.status !== 'error' ? 0 : 1;
