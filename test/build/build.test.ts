/**
 * The build pipeline: deterministic out/, atomic replacement, manifest
 * ownership (foreign files survive, stale files go), --check and diff, the
 * generator contract, domain-wide conflicts, independent clusters.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildCluster } from '../../src/build/pipeline.js';
import { planOutput, recoverInterruptedSwap, writeOutput } from '../../src/build/writer.js';
import type { Generator } from '../../src/build/generator.js';
import { GENERATORS } from '../../generators/index.js';
import { lmac } from '../helpers/cli.js';
import { ROOT } from '../helpers/tools.js';
import { EDITOR_SCHEMA } from '../../src/cli/commands/init.js';

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

/** A model repository in a temp dir: lmac's models/ and clusters/demo, plus extra files. */
function repo(extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lmac-build-'));
  temps.push(dir);
  cpSync(path.join(ROOT, 'models'), path.join(dir, 'models'), { recursive: true });
  cpSync(path.join(ROOT, 'clusters/demo'), path.join(dir, 'clusters/demo'), { recursive: true });
  for (const [rel, text] of Object.entries(extra)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string): void => {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      if (statSync(path.join(dir, r)).isDirectory()) walk(r);
      else out[r] = readFileSync(path.join(dir, r), 'utf8');
    }
  };
  walk('');
  return out;
}

describe('GIVEN the demo cluster', () => {
  it('WHEN built twice, from another directory and with other TZ/LANG THEN the trees are byte-identical', () => {
    const a = repo();
    const b = repo();
    expect(lmac(['build', 'demo', '--root', a]).code).toBe(0);
    const r = lmac(['build', '--all', '--root', b], { cwd: os.tmpdir(), env: { TZ: 'Pacific/Chatham', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' } });
    expect(r.code, r.stderr).toBe(0);
    expect(tree(path.join(b, 'out/demo'))).toEqual(tree(path.join(a, 'out/demo')));
    expect(Object.keys(tree(path.join(a, 'out/demo'))).length).toBeGreaterThan(6);
  });

  it('WHEN built THEN the result equals the committed out/demo', () => {
    const a = repo();
    expect(lmac(['build', 'demo', '--root', a]).code).toBe(0);
    expect(tree(path.join(a, 'out/demo'))).toEqual(tree(path.join(ROOT, 'out/demo')));
  });

  it('WHEN a build is interrupted after the new tree is written and before the swap THEN the old out/demo is intact', () => {
    const a = repo();
    expect(lmac(['build', 'demo', '--root', a]).code).toBe(0);
    const outDir = path.join(a, 'out/demo');
    const before = tree(outDir);
    writeFileSync(path.join(a, 'clusters/demo/nodes/cmp02.yml'), 'classes: [cluster.demo.compute]\nparameters: {_param: {node_address: 10.20.0.99}}\n');
    const b = buildCluster(a, 'demo', GENERATORS);
    let tmpSeen = '';
    expect(() =>
      writeOutput(outDir, b.files, b.manifest!, {
        beforeSwap: (tmp) => {
          tmpSeen = tmp;
          throw new Error('simulated crash');
        },
      }),
    ).toThrow('simulated crash');
    expect(tree(outDir)).toEqual(before);
    expect(existsSync(tmpSeen)).toBe(false);
  });

  it('WHEN a crash happened between the two renames THEN the next run puts the old tree back', () => {
    const a = repo();
    expect(lmac(['build', 'demo', '--root', a]).code).toBe(0);
    const outDir = path.join(a, 'out/demo');
    const before = tree(outDir);
    renameSync(outDir, path.join(a, 'out/.demo.lmac-old'));
    recoverInterruptedSwap(outDir);
    expect(tree(outDir)).toEqual(before);
  });

  it("WHEN out/demo holds a user's file THEN it survives builds, and files lmac no longer produces are removed", () => {
    const a = repo();
    expect(lmac(['build', 'demo', '--root', a]).code).toBe(0);
    writeFileSync(path.join(a, 'out/demo/README.md'), '# notes\n');
    mkdirSync(path.join(a, 'out/demo/inventory/extra'), { recursive: true });
    writeFileSync(path.join(a, 'out/demo/inventory/extra/keep.txt'), 'keep\n');
    rmSync(path.join(a, 'clusters/demo/nodes/cmp02.yml'));
    const r = lmac(['build', 'demo', '--root', a]);
    expect(r.code, r.stderr).toBe(0);
    const t = tree(path.join(a, 'out/demo'));
    expect(t['README.md']).toBe('# notes\n');
    expect(t['inventory/extra/keep.txt']).toBe('keep\n');
    expect(t['inventory/cmp02.yml']).toBeUndefined();
    expect(JSON.parse(t['lmac-manifest.json']).files['README.md']).toBeUndefined();
  });

  it('WHEN out/demo is edited by hand THEN --check lists the drift, writes nothing, exits 1; diff shows it', () => {
    const a = repo();
    expect(lmac(['build', 'demo', '--root', a]).code).toBe(0);
    const file = path.join(a, 'out/demo/inventory/ctl01.yml');
    writeFileSync(file, readFileSync(file, 'utf8') + 'hand: edit\n');
    const check = lmac(['build', '--all', '--check', '--root', a]);
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/changed: inventory\/ctl01\.yml/);
    expect(readFileSync(file, 'utf8')).toMatch(/hand: edit/);
    const d = lmac(['diff', 'demo', '--root', a]);
    expect(d.code).toBe(1);
    expect(d.stdout).toMatch(/^-hand: edit$/m);
    expect(lmac(['build', 'demo', '--root', a]).code).toBe(0);
    expect(lmac(['build', 'demo', '--check', '--root', a]).code).toBe(0);
  });

  it('WHEN a path lmac would write holds a file lmac did not write THEN the build refuses to overwrite it', () => {
    const a = repo({ 'out/demo/inventory/ctl01.yml': 'mine\n' });
    const r = lmac(['build', 'demo', '--root', a]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error LMAC162: .*inventory\/ctl01\.yml exists but lmac did not write it/);
    expect(readFileSync(path.join(a, 'out/demo/inventory/ctl01.yml'), 'utf8')).toBe('mine\n');
  });
});

describe('GIVEN several clusters, one broken', () => {
  it('WHEN building --all THEN the good one is written, the broken one reported with file:line, exit 1', () => {
    const a = repo({ 'clusters/broken/nodes/n1.yml': 'classes:\n  - system.nope\n' });
    const r = lmac(['build', '--all', '--root', a], { cwd: a });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^clusters\/broken\/nodes\/n1\.yml:2:5: error LMAC120: class 'system\.nope' not found/m);
    expect(r.stderr).toMatch(/broken: failed/);
    expect(r.stderr).toMatch(/2 clusters: 1 ok, 1 failed/);
    expect(existsSync(path.join(a, 'out/demo/lmac-manifest.json'))).toBe(true);
    expect(existsSync(path.join(a, 'out/broken'))).toBe(false);
    const j = lmac(['build', '--all', '--root', a, '--json'], { cwd: a });
    const diags = JSON.parse(j.stdout) as { code: string }[];
    expect(diags.map((d) => d.code)).toContain('LMAC120');
  });

  it('WHEN two nodes define one dashboard differently THEN LMAC160 names both files and lines', () => {
    const a = repo({
      'clusters/demo/nodes/cmp01.yml': 'classes: [cluster.demo.compute]\nparameters:\n  _param: {node_address: 10.20.0.31}\n  lma:\n    dashboards:\n      rabbitmq: {title: Mine}\n',
    });
    const b = buildCluster(a, 'demo', GENERATORS);
    const d = b.diagnostics.find((x) => x.code === 'LMAC160');
    expect(d?.message).toMatch(/lma:dashboards:rabbitmq is defined differently on nodes cmp01 and ctl01/);
    const places = [d?.location, d?.related?.[0].location].map((l) => `${l?.file.split('/').slice(-3).join('/')}:${l?.line}`);
    const lines = readFileSync(path.join(a, 'models/service/rabbitmq/server.yml'), 'utf8').split('\n');
    const dashboards = lines.findIndex((l) => /^\s+dashboards:$/.test(l));
    const rabbitLine = lines.findIndex((l, i) => i > dashboards && /^\s+rabbitmq:$/.test(l)) + 1;
    expect(places.sort()).toEqual([`demo/nodes/cmp01.yml:6`, `service/rabbitmq/server.yml:${rabbitLine}`].sort());
  });
});

describe('GIVEN the generator contract', () => {
  const bad = (name: string, gen: Generator['generate']): Generator => ({ name, description: 'test', generate: gen });
  it('WHEN a generator throws THEN the build reports LMAC161 and writes nothing', () => {
    const b = buildCluster(repo(), 'demo', [bad('boom', () => { throw new Error('kaput'); })]);
    expect(b.diagnostics.map((d) => d.code)).toEqual(['LMAC161']);
    expect(b.files.size).toBe(0);
  });
  it('WHEN a generator writes outside its folder THEN LMAC162', () => {
    for (const p of ['../escape.txt', 'other/x', 'evil/../../x', '/abs']) {
      const b = buildCluster(repo(), 'demo', [bad('evil', () => [{ path: p, content: '' }])]);
      expect(b.diagnostics.map((d) => d.code), p).toContain('LMAC162');
    }
  });
  it('WHEN two generators produce the same file THEN LMAC162', () => {
    const g = bad('x', () => [{ path: 'x/a', content: '' }]);
    expect(buildCluster(repo(), 'demo', [g, g]).diagnostics.map((d) => d.code)).toContain('LMAC162');
  });
  it('WHEN nothing changed THEN planOutput reports every file unchanged', () => {
    const a = repo();
    const b = buildCluster(a, 'demo', GENERATORS);
    writeOutput(path.join(a, 'out/demo'), b.files, b.manifest!);
    const p = planOutput(path.join(a, 'out/demo'), b.files, b.manifest!);
    expect([p.added, p.changed, p.removed, p.conflicts]).toEqual([[], [], [], []]);
  });
});

describe('GIVEN lmac init', () => {
  it('WHEN a repository is created THEN it builds as created, and init refuses a non-empty directory', () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'lmac-init-')), 'fleet');
    temps.push(path.dirname(dir));
    expect(lmac(['init', dir, '--cluster', 'lab']).code).toBe(0);
    const r = lmac(['build', '--all', '--root', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(path.join(dir, 'out/lab/inventory/node01.yml'))).toBe(true);
    expect(lmac(['build', '--all', '--check', '--root', dir]).code).toBe(0);
    expect(lmac(['validate', '--all', '--root', dir]).code).toBe(0);
    expect(lmac(['init', dir]).code).toBe(1);
  });

  it('WHEN a repository is created THEN its editor settings map the installed class schema to every class and node file', () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'lmac-init-')), 'fleet');
    temps.push(path.dirname(dir));
    expect(lmac(['init', dir]).code).toBe(0);
    const settings = JSON.parse(readFileSync(path.join(dir, '.vscode/settings.json'), 'utf8')) as { 'yaml.schemas': Record<string, string[]> };
    expect(settings['yaml.schemas']).toEqual({ [EDITOR_SCHEMA]: ['models/**/*.yml', 'clusters/**/*.yml'] });
    // As `npm install` would lay it out: the path resolves to lmac's own schema.
    mkdirSync(path.join(dir, 'node_modules'));
    symlinkSync(ROOT, path.join(dir, 'node_modules/lmac'));
    expect(readFileSync(path.join(dir, EDITOR_SCHEMA), 'utf8')).toBe(readFileSync(path.join(ROOT, 'schema/class.schema.json'), 'utf8'));
  });
});
