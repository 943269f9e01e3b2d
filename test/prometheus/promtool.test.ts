/**
 * The Prometheus output of the demo domain, checked by the real promtool:
 * every rule file and prometheus.yml (with the rule files it names), and
 * hand-written unit tests of alarm and cluster statuses whose expected values
 * were worked out from StackLight's semantics, not read off lmac's output.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { promtool, promtoolAvailable } from '../helpers/promtool.js';
import { ROOT } from '../helpers/tools.js';

const available = promtoolAvailable;
const OUT = path.join(ROOT, 'out/demo/prometheus');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'lmac-promtool-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));


describe.runIf(available)('GIVEN out/demo/prometheus', () => {
  it.each(readdirSync(path.join(OUT, 'rules')))('WHEN promtool checks rules/%s THEN it passes (syntax, PromQL, templates, no duplicate rules)', async (f) => {
    const r = await promtool(['check', 'rules', path.join('rules', f)], OUT);
    expect(r.output).toContain('SUCCESS');
    expect(r.code, r.output).toBe(0);
  });

  it('WHEN promtool checks prometheus.yml THEN the config and every rule file it names pass', async () => {
    const r = await promtool(['check', 'config', 'prometheus.yml'], OUT);
    const ruleFiles = readdirSync(path.join(OUT, 'rules')).length;
    expect(ruleFiles).toBeGreaterThan(4);
    expect(r.output).toContain(`SUCCESS: ${ruleFiles} rule files found`);
    expect(r.code, r.output).toBe(0);
  });

  // The generated unit tests themselves run in test/golden (every shipped cluster, every file).

  // The generated tests must be able to fail: a status off by one severity is caught.
  it.each([
    ['afd-glance.yml', 'tests/afd-glance.yml', '* 0 + 3', '* 0 + 1', 'glance_api'],
    ['gse.yml', 'tests/gse.yml', 'vector(4) and', 'vector(3) and', 'rabbitmq'],
  ])('WHEN rules/%s is broken (critical reported as warning, down as critical) THEN %s fails, naming what broke', async (rules, tests, from, to, name) => {
    const dir = mkdtempSync(path.join(tmp, 'mutant-'));
    cpSync(OUT, dir, { recursive: true });
    const file = path.join(dir, 'rules', rules);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(from);
    writeFileSync(file, text.split(from).join(to));
    const r = await promtool(['test', 'rules', tests], dir);
    expect(r.code).not.toBe(0);
    expect(r.output).toContain('FAILED');
    expect(r.output).toContain(name);
  });

  it.each(readdirSync(path.join(ROOT, 'test/prometheus/demo-tests')))('WHEN promtool runs the unit tests %s THEN the statuses are the ones StackLight semantics give', async (f) => {
    const dir = mkdtempSync(path.join(tmp, 'run-'));
    cpSync(path.join(OUT, 'rules'), dir, { recursive: true });
    cpSync(path.join(ROOT, 'test/prometheus/demo-tests', f), path.join(dir, f));
    const r = await promtool(['test', 'rules', f], dir);
    expect(r.output).toContain('SUCCESS');
    expect(r.code, r.output).toBe(0);
  });
});
