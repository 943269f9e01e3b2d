/**
 * Golden cases: each test/cases/<case>/ is a model repository (models/,
 * clusters/<c>/) with its expected output committed in out/<c>/. A case passes
 * when `lmac diff` finds nothing to change (a failure prints the unified diff)
 * and the real promtool accepts its Prometheus output: rule files, config,
 * the generated unit tests in out/<c>/prometheus/tests/, and the hand-written
 * ones in test/cases/<case>/promtool/ (expected values worked out by hand from
 * ../shared/reference/stacklight-semantics.md, not read off lmac's output).
 *
 * UPDATE_GOLDEN=1 npx vitest run test/golden   rewrites every out/ from its model.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { alarmScenarios } from '../../generators/prometheus/unit-tests.js';
import { compileModel } from '../../src/build/pipeline.js';
import { lmac } from '../helpers/cli.js';
import { promtool, promtoolAvailable } from '../helpers/promtool.js';
import { ROOT } from '../helpers/tools.js';

const CASES = path.join(ROOT, 'test/cases');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const promtoolOk = promtoolAvailable;


const yml = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.yml')).sort() : []);

const cases = readdirSync(CASES).filter((c) => existsSync(path.join(CASES, c, 'clusters'))).sort();
const clustersOf = (c: string): string[] => readdirSync(path.join(CASES, c, 'clusters')).sort();

describe.each(cases)('GIVEN the golden case %s', (name) => {
  const root = path.join(CASES, name);

  it.each(clustersOf(name))('WHEN cluster %s is built THEN out/ equals the committed golden output', (cluster) => {
    if (UPDATE) {
      const r = lmac(['build', cluster, '--root', root]);
      expect(r.code, r.stderr).toBe(0);
    }
    const d = lmac(['diff', cluster, '--root', root]);
    expect(d.stdout, `out/${cluster} differs from what the model builds (UPDATE_GOLDEN=1 rewrites it after review):\n${d.stdout}${d.stderr}`).toBe('');
    expect(d.code, d.stderr).toBe(0);
  });

  describe.runIf(promtoolOk).each(clustersOf(name).filter((c) => existsSync(path.join(root, 'out', c, 'prometheus'))))('AND its Prometheus output for %s', (cluster) => {
    const prom = path.join(root, 'out', cluster, 'prometheus');

    it.each(yml(path.join(prom, 'rules')))('WHEN promtool checks rules/%s THEN it passes', async (f) => {
      const r = await promtool(['check', 'rules', path.join('rules', f)], prom);
      expect(r.code, r.output).toBe(0);
    });

    it('WHEN promtool checks prometheus.yml THEN the config and its rule files pass', async () => {
      const r = await promtool(['check', 'config', 'prometheus.yml'], prom);
      expect(r.code, r.output).toBe(0);
    });

    it.each(yml(path.join(prom, 'tests')))('WHEN promtool runs the generated unit tests tests/%s THEN every alarm and cluster behaves as the semantics say', async (f) => {
      const r = await promtool(['test', 'rules', path.join('tests', f)], prom);
      expect(r.output).toContain('SUCCESS');
      expect(r.code, r.output).toBe(0);
    });
  });

  describe.runIf(promtoolOk && existsSync(path.join(root, 'promtool')))('AND its hand-written promtool tests', () => {
    it.each(yml(path.join(root, 'promtool')))('WHEN promtool runs %s THEN the statuses are the ones worked out by hand', async (f) => {
      const r = await promtool(['test', 'rules', f], path.join(root, 'promtool'));
      expect(r.output).toContain('SUCCESS');
      expect(r.code, r.output).toBe(0);
    });
  });
});

const shippedClusters = readdirSync(path.join(ROOT, 'clusters')).sort();
const shipped = shippedClusters.map((c) => ['clusters', ROOT, c]);

// The shipped domains (demo, k8s-demo) are golden too: their out/ is committed for GitOps.
describe('GIVEN the shipped clusters', () => {
  it.each(shippedClusters)('WHEN cluster %s is built THEN out/ equals the committed output', (cluster) => {
    const d = lmac(['diff', cluster]);
    expect(d.stdout, `out/${cluster} differs from what the model builds (run \`npx lmac build ${cluster}\` after review):\n${d.stdout}${d.stderr}`).toBe('');
    expect(d.code, d.stderr).toBe(0);
  });

  describe.runIf(promtoolOk).each(shippedClusters)('AND the Prometheus output of %s', (cluster) => {
    const prom = path.join(ROOT, 'out', cluster, 'prometheus');
    it('WHEN promtool checks prometheus.yml THEN it and its rule files pass', async () => {
      const c = await promtool(['check', 'config', 'prometheus.yml'], prom);
      expect(c.code, c.output).toBe(0);
    });
    // One test per file, run concurrently: promtool is a separate process, and the
    // library's services make these the longest tests of the suite.
    const files = existsSync(path.join(prom, 'tests')) ? yml(path.join(prom, 'tests')) : [];
    it.concurrent.each(files)('WHEN promtool runs the generated tests tests/%s THEN they pass', async (f) => {
      const r = await promtool(['test', 'rules', path.join('tests', f)], prom);
      expect(r.code, `${f}: ${r.output}`).toBe(0);
    }, 600_000);
  });
});
const golden = cases.flatMap((n) => clustersOf(n).map((c) => [`test/cases/${n}`, path.join(CASES, n), c]));

describe('GIVEN the generated promtool tests', () => {
  it.each([...shipped, ...golden])('WHEN made for %s (%s) cluster %s THEN every alarm definition has series that keep it okay and series that make each trigger decide', (label, root, cluster) => {
    const { model } = compileModel(root, cluster);
    if (!model) throw new Error(`${root}/${cluster} does not compile`);
    const { nodeGroups, remote } = model.alarms;
    const defs = [...nodeGroups, ...Object.values(remote).map((alarm) => ({ alarm, hosts: [] }))];
    const gaps: string[] = [];
    for (const g of defs) {
      const t = alarmScenarios(g, { environment: model.alarms.environment, step: 15 });
      const titles = t.scenarios.map((s) => s.title);
      if (!titles.some((x) => x.startsWith('quiet'))) gaps.push(`${g.alarm.name}: no quiet scenario`);
      if (!titles.some((x) => x.startsWith('fires'))) gaps.push(`${g.alarm.name}: no firing scenario`);
      if (t.unreached.length > 0) gaps.push(`${g.alarm.name}: ${t.unreached.join(', ')} never decides`);
    }
    // The shipped clusters must have alarms to test; a golden case may be about something else.
    if (label === 'clusters') expect(defs.length).toBeGreaterThan(0);
    expect(gaps).toEqual([]);
  });
});

describe('GIVEN every hand-written promtool test of alarm semantics', () => {
  it('WHEN counted THEN there are at least 30 AFD and 20 GSE cases (issue 5)', () => {
    const dirs = [path.join(ROOT, 'test/prometheus/demo-tests'), ...cases.map((c) => path.join(CASES, c, 'promtool'))];
    let afd = 0;
    let gse = 0;
    for (const dir of dirs) {
      for (const f of yml(dir)) {
        const doc = parse(readFileSync(path.join(dir, f), 'utf8')) as { rule_files: string[]; tests: unknown[] };
        // A test of clusters feeds alarm statuses and loads only the cluster rules.
        if (doc.rule_files.some((r) => /afd[^/]*\.yml$/.test(r))) afd += doc.tests.length;
        else gse += doc.tests.length;
      }
    }
    expect(afd).toBeGreaterThanOrEqual(30);
    expect(gse).toBeGreaterThanOrEqual(20);
  });
});
