/**
 * The build's last-line check (src/secrets/leak-check.ts): no generated file
 * may carry the plain value of a sensitive field that was not opted out
 * (LMAC354) or an unrendered `?{secret:` reference (LMAC355); when one does,
 * the build fails and writes nothing.
 */
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Generator } from '../../src/build/generator.js';
import { buildCluster } from '../../src/build/pipeline.js';
import { checkArtifacts, guardedValues, MIN_LEAK_LENGTH, type GuardedValue } from '../../src/secrets/leak-check.js';
import type { NodeModel } from '../../src/model/node-model.js';
import { GENERATORS } from '../../generators/index.js';
import { lmac } from '../helpers/cli.js';
import { ROOT } from '../helpers/tools.js';

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

/** The valid test domain `t` (test/validate/base) in a temp dir, clusters/t/case.yml replaced. */
function repo(caseYml: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lmac-leak-'));
  temps.push(dir);
  cpSync(path.join(ROOT, 'test/validate/base'), dir, { recursive: true });
  writeFileSync(path.join(dir, 'clusters/t/case.yml'), caseYml);
  return dir;
}

const guard: GuardedValue = { value: 'hunter2-db', field: 'lma:backends:influxdb:password', node: 'n1', location: { file: 'clusters/t/case.yml', line: 7, col: 9 } };

describe('GIVEN generated files and the guarded values of a domain', () => {
  it('WHEN a file contains a guarded value THEN LMAC354 names the file, its line and the field, at the model location, without the value', () => {
    const files = new Map([
      ['collectors/n1/telegraf.conf', '[[outputs.influxdb]]\n  username = "telegraf"\n  password = "hunter2-db"\n'],
      ['grafana/provisioning/datasources/lma.yml', 'password: ${LMAC_SECRET_INFLUXDB_PASSWORD}\n'],
    ]);
    const d = checkArtifacts(files, [guard]);
    expect(d.map((x) => x.code)).toEqual(['LMAC354']);
    expect(d[0].severity).toBe('error');
    expect(d[0].message).toContain('collectors/n1/telegraf.conf');
    expect(d[0].message).toContain('line 3, column 15');
    expect(d[0].message).toContain('lma:backends:influxdb:password');
    expect(d[0].message).not.toContain('hunter2-db');
    expect(d[0].location).toEqual(guard.location);
  });

  it('WHEN a file contains a reference THEN LMAC355 names the file and where', () => {
    const d = checkArtifacts(new Map([['sensu/handlers.yml', 'env_vars:\n  - TOKEN=?{secret:ops/token}\n']]), []);
    expect(d.map((x) => [x.code, x.severity])).toEqual([['LMAC355', 'error']]);
    expect(d[0].message).toContain('sensu/handlers.yml');
    expect(d[0].message).toContain('line 2, column 11');
  });

  it('WHEN the files hold only indirections THEN there is no finding', () => {
    expect(checkArtifacts(new Map([['a/x', 'password = "${LMAC_SECRET_INFLUXDB_PASSWORD}"\n']]), [guard])).toEqual([]);
  });

  it('WHEN guarded values are collected THEN only plain values of sensitive fields not opted out, of 4+ characters, are', () => {
    const node = (lma: object): NodeModel => ({ name: 'n1', file: 'n1.yml', environment: '', classes: [], applications: [], parameters: {}, lma: lma as NodeModel['lma'], order: [], chains: [] });
    const lma = {
      plaintext_allowed: ['handlers:ops:env:PUBLIC'],
      backends: { influxdb: { password: 'hunter2-db' }, elasticsearch: { password: '?{secret:es/password}' } },
      handlers: { ops: { env: { PUBLIC: 'public-value', PIN: '123' } } },
    };
    expect(MIN_LEAK_LENGTH).toBe(4);
    expect(guardedValues([node(lma), node({ plaintext_allowed: [] }), { ...node({}), lma: null }]).map((g) => [g.field, g.value])).toEqual([['lma:backends:influxdb:password', 'hunter2-db']]);
  });
});

describe('GIVEN a whole build', () => {
  const leaky: Generator = {
    name: 'leaky',
    description: 'a generator that forgets the indirection',
    generate: () => [{ path: 'leaky/app.conf', content: 'token = ?{secret:ops/token}\n' }],
  };
  const plain = 'parameters: {}\n';

  it('WHEN every generator renders indirections THEN it builds (the control)', () => {
    const b = buildCluster(repo(plain), 't', GENERATORS);
    expect(b.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(b.files.size).toBeGreaterThan(10);
  });

  it('WHEN a generator writes a secret reference THEN the build fails with LMAC355 and returns no files', () => {
    const b = buildCluster(repo(plain), 't', [...GENERATORS, leaky]);
    expect(b.diagnostics.map((d) => d.code)).toEqual(['LMAC355']);
    expect(b.diagnostics[0].message).toContain('leaky/app.conf');
    expect(b.files.size).toBe(0);
    expect(b.manifest).toBeNull();
  });

  it('WHEN lmac build runs with the generator list of lmac THEN a refused build writes nothing (the CLI path)', () => {
    // The CLI cannot take a generator list; a model the lint refuses shows `lmac build` writes nothing on a secret finding.
    const dir = repo('parameters:\n  lma:\n    backends:\n      influxdb: {enabled: true, username: u, password: hunter2-db}\n');
    const r = lmac(['build', 't'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('clusters/t/case.yml:4:46: error LMAC351');
    expect(r.stderr).not.toContain('hunter2-db');
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });
});
