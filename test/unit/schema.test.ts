/**
 * schema/ is the single source of truth: every property is documented with its
 * default, the derived files (the editor's class schema, the TypeScript types)
 * match it, and the class schema accepts every class lmac ships.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { toDiagnostic, checkLma } from '../../src/validate/schema-check.js';
import { ROOT } from '../helpers/tools.js';

type Schema = { [k: string]: unknown };
const read = (f: string): Schema => JSON.parse(readFileSync(path.join(ROOT, 'schema', f), 'utf8')) as Schema;

/** Every `properties` entry of a schema, with its path and whether its parent requires it. */
function properties(s: unknown, at: string, out: { path: string; schema: Schema; required: boolean }[] = []): typeof out {
  if (Array.isArray(s)) s.forEach((x, i) => properties(x, `${at}/${i}`, out));
  else if (s !== null && typeof s === 'object') {
    const o = s as Schema;
    if (o.properties && typeof o.properties === 'object') {
      const req = (o.required as string[] | undefined) ?? [];
      for (const [k, v] of Object.entries(o.properties as Schema)) out.push({ path: `${at}/properties/${k}`, schema: v as Schema, required: req.includes(k) });
    }
    for (const [k, v] of Object.entries(o)) properties(v, `${at}/${k}`, out);
  }
  return out;
}

function resolve(root: Schema, s: Schema): Schema {
  const ref = s.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/$defs/')) return s;
  return { ...resolve(root, (root.$defs as Schema)[ref.slice('#/$defs/'.length)] as Schema), ...s };
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? yamlFiles(p) : p.endsWith('.yml') ? [p] : [];
  });
}

describe('GIVEN schema/lma.schema.json and schema/class.schema.json', () => {
  it.each(['lma.schema.json', 'class.schema.json'])('THEN every property of %s has a description, and a default unless it is required', (file) => {
    const root = read(file);
    const props = properties(root, '#').filter((p) => !p.path.includes('/allOf/') && !p.path.includes('/if/'));
    expect(props.length).toBeGreaterThan(file === 'lma.schema.json' ? 150 : 5);
    const problems: string[] = [];
    for (const p of props) {
      const s = resolve(root, p.schema);
      if (typeof s.description !== 'string' || s.description.length < 8) problems.push(`${p.path}: no description`);
      if (!p.required && !('default' in s) && !('$ref' in p.schema && String(p.schema.$ref).endsWith('.json'))) problems.push(`${p.path}: optional without a default`);
    }
    expect(problems).toEqual([]);
  });
});

describe('GIVEN the files derived from schema/lma.schema.json', () => {
  const script = path.join(ROOT, 'scripts/gen-schema.mjs');

  it('WHEN checked THEN the committed lma-class.schema.json, src/model/lma-types.ts and docs/model-reference.md match the schema', () => {
    const r = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('WHEN the schema changes without regenerating THEN the check fails with a diff', () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'lmac-schema-'));
    try {
      for (const rel of ['schema', 'src/model', 'docs']) mkdirSync(path.join(tmp, rel), { recursive: true });
      cpSync(path.join(ROOT, 'docs/model-reference.md'), path.join(tmp, 'docs/model-reference.md'));
      cpSync(path.join(ROOT, 'schema'), path.join(tmp, 'schema'), { recursive: true });
      cpSync(path.join(ROOT, 'src/model/lma-types.ts'), path.join(tmp, 'src/model/lma-types.ts'));
      const s = read('lma.schema.json');
      ((s.properties as Schema).region as Schema).description = 'Changed without regenerating.';
      writeFileSync(path.join(tmp, 'schema/lma.schema.json'), JSON.stringify(s, null, 2));
      const r = spawnSync(process.execPath, [script, '--check', '--root', tmp], { encoding: 'utf8' });
      expect(r.status).toBe(1);
      expect(r.stdout).toContain('+   * Changed without regenerating.');
      expect(r.stderr).toContain('drifted');
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('GIVEN the class schema (what editors check one file with)', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  ajv.addSchema(read('lma-class.schema.json'), 'lma-class.schema.json');
  const validate = ajv.compile(read('class.schema.json'));
  const shipped = [...yamlFiles(path.join(ROOT, 'models')), ...yamlFiles(path.join(ROOT, 'clusters')), ...yamlFiles(path.join(ROOT, 'test/validate/base'))];

  it('THEN every class and node lmac ships is valid, references and ~keys included', () => {
    expect(shipped.length).toBeGreaterThan(15);
    const bad = shipped.filter((f) => !validate(load(readFileSync(f, 'utf8')) ?? {})).map((f) => `${path.relative(ROOT, f)}: ${ajv.errorsText(validate.errors)}`);
    expect(bad).toEqual([]);
  });

  it('WHEN a class has a wrong type, an unknown key or a misspelled severity THEN it is invalid', () => {
    const cases = [
      { lma: { triggers: { t: { rules: [{ threshold: [1] }] } } } },
      { lma: { alarms: { a: { trigers: ['t'] } } } },
      { lma: { triggers: { t: { severity: 'critcal' } } } },
      { lma: { Bad_Name: {} } },
    ];
    for (const parameters of cases) expect(validate({ parameters }), JSON.stringify(parameters)).toBe(false);
    expect(validate({ paramters: {} })).toBe(false);
  });

  it('WHEN a value is a ${...} reference or a key is a ~override THEN it is valid', () => {
    expect(validate({ parameters: { lma: { triggers: { t: { severity: '${_param:sev}', '~rules': [{ threshold: '${_param:limit}', window: 60 }] } } } } })).toBe(true);
  });
});

describe('GIVEN a node lma checked against the strict schema', () => {
  const trace = { name: 'n1', file: 'n1.yml', order: [], chains: [] };

  it('WHEN it is valid THEN the defaults of StackLight are applied (alarm alerting enabled, cluster alerting enabled_with_notification, window 10, periods 1)', () => {
    const r = checkLma(
      {
        environment: 'e',
        triggers: { t: { severity: 'critical', rules: [{ metric: 'm', function: 'last', relational_operator: '>', threshold: 1 }] } },
        alarms: { a: { triggers: ['t'] } },
        clusters: { c: { policy: 'highest_severity', members: ['a'] } },
      },
      trace,
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.lma?.alarms.a.alerting).toBe('enabled');
    expect(r.lma?.clusters.c.alerting).toBe('enabled_with_notification');
    expect(r.lma?.clusters.c.group_by).toBe('member');
    expect(r.lma?.triggers.t.rules[0]).toMatchObject({ window: 10, periods: 1, group_by: [], field: {} });
    expect(r.lma?.triggers.t).toMatchObject({ enabled: true, logical_operator: 'or', no_data_policy: 'unknown' });
  });

  it('WHEN ajv reports a keyword lmac has no message of its own for THEN it is LMAC206 at the value', () => {
    const d = toDiagnostic({ keyword: 'uniqueItems', instancePath: '/alarms/a/triggers', schemaPath: '#/x', params: {}, message: 'must NOT have duplicate items' }, trace, new Set());
    expect(d).toMatchObject({ code: 'LMAC206', message: 'lma:alarms:a:triggers must NOT have duplicate items', location: { file: 'n1.yml', line: 1 } });
  });
});
