/**
 * The Prometheus output of the demo domain, checked by the real promtool:
 * every rule file and prometheus.yml (with the rule files it names), and
 * hand-written unit tests of alarm and cluster statuses whose expected values
 * were worked out from StackLight's semantics, not read off lmac's output.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, toolAvailable } from '../helpers/tools.js';

const PROMTOOL = 'promtool';
const available = toolAvailable('promtool (Debian package prometheus)', spawnSync(PROMTOOL, ['--version'], { stdio: 'ignore' }).status === 0);
const OUT = path.join(ROOT, 'out/demo/prometheus');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'lmac-promtool-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function promtool(args: string[], cwd: string): { code: number; output: string } {
  const r = spawnSync(PROMTOOL, args, { cwd, encoding: 'utf8' });
  return { code: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
}

describe.runIf(available)('GIVEN out/demo/prometheus', () => {
  it.each(readdirSync(path.join(OUT, 'rules')))('WHEN promtool checks rules/%s THEN it passes (syntax, PromQL, templates, no duplicate rules)', (f) => {
    const r = promtool(['check', 'rules', path.join('rules', f)], OUT);
    expect(r.output).toContain('SUCCESS');
    expect(r.code, r.output).toBe(0);
  });

  it('WHEN promtool checks prometheus.yml THEN the config and every rule file it names pass', () => {
    const r = promtool(['check', 'config', 'prometheus.yml'], OUT);
    expect(r.output).toContain('SUCCESS: 4 rule files found');
    expect(r.code, r.output).toBe(0);
  });

  it.each(readdirSync(path.join(ROOT, 'test/prometheus/demo-tests')))('WHEN promtool runs the unit tests %s THEN the statuses are the ones StackLight semantics give', (f) => {
    const dir = mkdtempSync(path.join(tmp, 'run-'));
    cpSync(path.join(OUT, 'rules'), dir, { recursive: true });
    cpSync(path.join(ROOT, 'test/prometheus/demo-tests', f), path.join(dir, f));
    const r = promtool(['test', 'rules', f], dir);
    expect(r.output).toContain('SUCCESS');
    expect(r.code, r.output).toBe(0);
  });
});
