/**
 * `lmac secrets` as users run it: the secrets a domain references, where each
 * comes from (declared or default environment variable, file, Kubernetes
 * Secret and key), where the model references it and which outputs read it;
 * exit 1 with diagnostics when the model does not validate.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClusterSecrets } from '../../src/cli/commands/secrets.js';
import { lmac } from '../helpers/cli.js';
import { ROOT } from '../helpers/tools.js';

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

function repo(caseYml: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lmac-secrets-'));
  temps.push(dir);
  cpSync(path.join(ROOT, 'test/validate/base'), dir, { recursive: true });
  writeFileSync(path.join(dir, 'clusters/t/case.yml'), caseYml);
  return dir;
}

const CASE = `parameters:
  lma:
    secrets:
      influxdb/password:
        description: InfluxDB password of the collectors
        env: INFLUX_PW
        kubernetes: {secret: influx, key: pw}
      ops/token: {description: token of the ops notifier}
    backends:
      influxdb:
        enabled: true
        username: telegraf
        password: ?{secret:influxdb/password}
    handlers:
      ops:
        env:
          TOKEN: ?{secret:ops/token}
`;

describe('GIVEN lmac secrets', () => {
  it('WHEN --help THEN it prints usage with examples', () => {
    const r = lmac(['secrets', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: lmac secrets');
    expect(r.stdout).toContain('lmac secrets demo');
  });

  it('WHEN a domain references secrets THEN the table lists each with its sources, references and the outputs reading it', () => {
    const r = lmac(['secrets', 't'], { cwd: repo(CASE) });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('t: 2 secrets');
    expect(lines[2]).toMatch(/^SECRET +ENV +FILE +KUBERNETES SECRET\/KEY +READ BY$/);
    expect(lines[3]).toMatch(/^influxdb\/password +INFLUX_PW +\/etc\/lmac\/secrets\/influxdb\/password +influx\/pw +.*collectors \(2 files\)/);
    expect(lines[4]).toMatch(/^ops\/token +LMAC_SECRET_OPS_TOKEN +\/etc\/lmac\/secrets\/ops\/token +lmac-secrets\/ops\.token /);
    expect(r.stdout).toContain('influxdb/password: InfluxDB password of the collectors\n  referenced at lma:backends:influxdb:password (2 nodes: n1, n2)');
    expect(r.stdout).toContain('kubectl -n lma create secret generic influx --from-literal=pw=...');
    expect(r.stdout).toContain('kubectl -n lma create secret generic lmac-secrets --from-literal=ops.token=...');
  });

  it('WHEN --json THEN the listing is JSON with every field, and outputs are the files naming the env var or file', () => {
    const r = lmac(['secrets', 't', '--json'], { cwd: repo(CASE) });
    expect(r.code).toBe(0);
    const [t] = JSON.parse(r.stdout) as ClusterSecrets[];
    expect(t.cluster).toBe('t');
    expect(t.namespace).toBe('lma');
    const influx = t.secrets.find((s) => s.name === 'influxdb/password')!;
    expect(influx).toMatchObject({ env: 'INFLUX_PW', file: '/etc/lmac/secrets/influxdb/password', kubernetes: { secret: 'influx', key: 'pw' }, references: [{ path: 'lma:backends:influxdb:password', nodes: ['n1', 'n2'] }] });
    expect(influx.outputs).toEqual(expect.arrayContaining(['collectors/n1/telegraf.conf', 'collectors/n2/telegraf.conf']));
    expect(t.secrets.map((s) => s.name)).toEqual(['influxdb/password', 'ops/token']);
  });

  it('WHEN the model does not validate THEN it exits 1 with the diagnostics and lists nothing', () => {
    const r = lmac(['secrets', 't'], { cwd: repo(CASE.replace('?{secret:ops/token}', '?{secret:ops/tokn}')) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error LMAC350: lma:handlers:ops:env:TOKEN references secret 'ops/tokn'");
    expect(r.stderr).toContain("did you mean 'ops/token'?");
    expect(r.stdout).toBe('');
  });

  it('WHEN no cluster is named THEN it is a usage error', () => {
    expect(lmac(['secrets']).code).toBe(2);
  });

  it('WHEN the shipped clusters are listed THEN every secret they reference is declared and read by some output', () => {
    const r = lmac(['secrets', '--all', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const all = JSON.parse(r.stdout) as ClusterSecrets[];
    const demo = all.find((c) => c.cluster === 'demo')!;
    expect(demo.secrets.length).toBeGreaterThan(0);
    for (const s of all.flatMap((c) => c.secrets)) {
      expect(s.description, s.name).not.toBe('');
      expect(s.outputs.length, s.name).toBeGreaterThan(0);
    }
  });
});
