/**
 * `lmac validate` and `lmac schema` as users run them, and `lmac build`
 * refusing to write anything when the model does not validate.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lmac } from '../helpers/cli.js';
import { ROOT } from '../helpers/tools.js';

const BASE = path.join(ROOT, 'test/validate/base');

/** The valid test domain `t` in a temp dir, with clusters/t/case.yml replaced. */
function repo(caseYml?: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lmac-validate-'));
  cpSync(BASE, dir, { recursive: true });
  if (caseYml !== undefined) writeFileSync(path.join(dir, 'clusters/t/case.yml'), caseYml);
  return dir;
}

const TYPO = 'parameters:\n  lma:\n    alarms:\n      app_logs:\n        alerting: enable\n';

describe('GIVEN lmac validate', () => {
  it('WHEN --help THEN it prints usage', () => {
    for (const cmd of ['validate', 'schema']) {
      const r = lmac([cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: lmac ${cmd}`);
    }
  });

  it('WHEN the shipped clusters are validated with --all THEN there are no findings at all', () => {
    const r = lmac(['validate', '--all', '--json']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('WHEN a class has an error THEN it prints file:line:col, the code, the suggestion and the class chain, and exits 1', () => {
    const dir = repo(TYPO);
    const r = lmac(['validate', 't'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("clusters/t/case.yml:5:9: error LMAC202: unknown alerting 'enable' at lma:alarms:app_logs:alerting; did you mean 'enabled'? [2 nodes: n1, n2]");
    expect(r.stderr).toContain('note: set in class cluster.t.case, included via n1');
    expect(r.stderr).toContain('t: 1 error (0 warnings)');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('WHEN --json THEN the diagnostics are a JSON array on stdout with code, location and node', () => {
    const dir = repo(TYPO);
    const r = lmac(['validate', 't', '--json'], { cwd: dir });
    expect(r.code).toBe(1);
    const diags = JSON.parse(r.stdout) as { code: string; location: { file: string; line: number; col: number }; node: string }[];
    expect(diags.map((d) => [d.code, d.location, d.node])).toEqual([
      ['LMAC202', { file: 'clusters/t/case.yml', line: 5, col: 9 }, 'n1'],
      ['LMAC202', { file: 'clusters/t/case.yml', line: 5, col: 9 }, 'n2'],
    ]);
  });

  it('WHEN no cluster is named THEN it is a usage error (exit 2)', () => {
    const r = lmac(['validate'], { cwd: repo() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('name a cluster or use --all (clusters: t)');
  });
});

describe('GIVEN lmac build on a model that does not validate', () => {
  it('WHEN built THEN it reports the errors, exits 1 and writes nothing', () => {
    const dir = repo(TYPO);
    const r = lmac(['build', 't'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error LMAC202');
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('WHEN the error is fixed THEN the same build writes out/t', () => {
    const dir = repo();
    const r = lmac(['build', 't'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readdirSync(path.join(dir, 'out/t')).sort()).toEqual(['alarms', 'collectors', 'grafana', 'inventory', 'kubernetes', 'lmac-manifest.json', 'prometheus']);
  });
});

describe('GIVEN lmac schema', () => {
  it('WHEN run without --out THEN it prints the lma schema', () => {
    const r = lmac(['schema']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(path.join(ROOT, 'schema/lma.schema.json'), 'utf8'));
  });

  it('WHEN --out DIR THEN it writes the three schemas there and leaves other files alone', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lmac-schema-out-'));
    writeFileSync(path.join(dir, 'mine.json'), '{}');
    const r = lmac(['schema', '--out', dir]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['class.schema.json', 'lma-class.schema.json', 'lma.schema.json', 'mine.json']);
    for (const f of ['class.schema.json', 'lma-class.schema.json', 'lma.schema.json']) expect(readFileSync(path.join(dir, f), 'utf8')).toBe(readFileSync(path.join(ROOT, 'schema', f), 'utf8'));
  });
});
