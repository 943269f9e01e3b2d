/**
 * A secret reference stays a secret through Reclass: a `${...}` chain that ends
 * at a reference is a reference, and a `~` override replaces a plain value (or
 * another reference) with one. The lint accepts the result (no LMAC351) and the
 * output carries the indirection, never the reference or the plain value.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCluster, compileModel } from '../../src/build/pipeline.js';
import { GENERATORS } from '../../generators/index.js';
import { ROOT } from '../helpers/tools.js';

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lmac-chain-'));
  temps.push(dir);
  cpSync(path.join(ROOT, 'test/validate/base'), dir, { recursive: true });
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/** A system class with plain credentials, which the cluster's case class overrides. */
const SYSTEM = `parameters:
  lma:
    backends:
      influxdb: {enabled: true, username: telegraf, password: plain-from-system}
    handlers:
      ops:
        env: {LEGACY_TOKEN: plain-legacy-token}
`;

const CASE = (envKey: '~env' | 'env'): string => `classes: [system.creds.plain]
parameters:
  _param:
    influx_pw_b: ?{secret:influxdb/password}
    influx_pw_a: \${_param:influx_pw_b}
  lma:
    secrets:
      influxdb/password: {description: InfluxDB password of the collectors}
      ops/token: {description: token of the ops notifier}
    backends:
      influxdb:
        ~password: \${_param:influx_pw_a}
    handlers:
      ops:
        ${envKey}: {TOKEN: '?{secret:ops/token}'}
`;

describe('GIVEN a system class with plain credentials and a cluster class overriding them', () => {
  it('WHEN the password goes through a ${...} chain to a reference and ~env replaces the plain env THEN there is no finding and the output has only indirections', () => {
    const dir = repo({ 'models/system/creds/plain.yml': SYSTEM, 'clusters/t/case.yml': CASE('~env') });
    const { model, diagnostics } = compileModel(dir, 't');
    expect(diagnostics).toEqual([]);
    const n1 = model!.nodes[0].lma!;
    expect(n1.backends.influxdb.password).toBe('?{secret:influxdb/password}');
    expect(n1.handlers.ops.env).toEqual({ TOKEN: '?{secret:ops/token}' });

    const b = buildCluster(dir, 't', GENERATORS);
    expect(b.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const telegraf = b.files.get('collectors/n1/telegraf.conf') ?? '';
    expect(telegraf).toContain('[[outputs.influxdb]]');
    expect(telegraf).toContain('${LMAC_SECRET_INFLUXDB_PASSWORD}');
    for (const [file, text] of b.files) {
      // The inventory renders the merged model as Reclass does, references included (names, not values).
      const leaks = file.startsWith('inventory/') ? ['plain-from-system', 'plain-legacy-token'] : ['?{secret:', 'plain-from-system', 'plain-legacy-token'];
      for (const leak of leaks) expect(text.includes(leak), `${file} contains ${leak}`).toBe(false);
    }
  });

  it('WHEN env is merged without ~ THEN the inherited plain token stays and is LMAC351 at the system class (the control)', () => {
    const dir = repo({ 'models/system/creds/plain.yml': SYSTEM, 'clusters/t/case.yml': CASE('env') });
    const { diagnostics } = compileModel(dir, 't');
    expect(diagnostics.map((d) => [d.code, d.location?.file.endsWith('models/system/creds/plain.yml'), d.location?.line])).toEqual([
      ['LMAC351', true, 7],
      ['LMAC351', true, 7],
    ]);
    expect(diagnostics[0].message).toContain('lma:handlers:ops:env:LEGACY_TOKEN');
  });

  it('WHEN ~password replaces one reference with another THEN the new secret is used and the old one is gone', () => {
    const dir = repo({
      'models/system/creds/plain.yml': 'parameters:\n  lma:\n    secrets:\n      old/password: {description: the old one}\n    backends:\n      influxdb: {enabled: true, username: telegraf, password: "?{secret:old/password}"}\n',
      'clusters/t/case.yml': 'classes: [system.creds.plain]\nparameters:\n  lma:\n    secrets:\n      influxdb/password: {description: the new one}\n    backends:\n      influxdb:\n        ~password: ?{secret:influxdb/password}\n',
    });
    const b = buildCluster(dir, 't', GENERATORS);
    expect(b.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const telegraf = b.files.get('collectors/n1/telegraf.conf') ?? '';
    expect(telegraf).toContain('${LMAC_SECRET_INFLUXDB_PASSWORD}');
    expect(telegraf).not.toContain('LMAC_SECRET_OLD_PASSWORD');
  });
});
