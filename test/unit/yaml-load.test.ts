/**
 * The YAML loader against the real PyYAML SafeLoader: a table of YAML 1.1
 * corner cases and every file of ../shared/corpus/mk-lab, compared as data
 * (integral floats and dates marked on the Python side).
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadYaml, locateInYaml } from '../../src/inventory/yaml-load.js';
import { PyFloat } from '../../src/inventory/py-value.js';
import { hasPyYaml, pyyamlLoad } from '../helpers/pyyaml.js';
import { hasMkLab, MK_LAB, toolAvailable } from '../helpers/tools.js';

/** lmac's value in the shape the Python side encodes. */
function encode(v: unknown, dateTexts: boolean): unknown {
  if (v instanceof PyFloat) return { $float: Number.isNaN(v.value) ? 'nan' : v.value === Infinity ? 'inf' : v.value === -Infinity ? '-inf' : v.value };
  if (Array.isArray(v)) return v.map((x) => encode(x, dateTexts));
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encode(x, dateTexts)]));
  return v;
}

/** Dates: PyYAML gives date objects, lmac keeps the text; compare them as "a date". */
function markDates(lmac: unknown, py: unknown): unknown {
  if (py !== null && typeof py === 'object' && !Array.isArray(py) && '$date' in py) return { $date: true };
  if (Array.isArray(lmac) && Array.isArray(py)) return lmac.map((x, i) => markDates(x, py[i]));
  if (lmac && py && typeof lmac === 'object' && typeof py === 'object' && !Array.isArray(lmac)) {
    return Object.fromEntries(Object.entries(lmac).map(([k, x]) => [k, markDates(x, (py as Record<string, unknown>)[k])]));
  }
  return lmac;
}

const SCALARS = [
  'yes', 'Yes', 'YES', 'no', 'No', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'OFF', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE',
  'y', 'Y', 'n', 'N', 'yES', 'tRUE', '~', 'null', 'Null', 'NULL', 'nULL', '', '0', '-0', '+1', '007', '0777', '08', '0o17', '0x1F', '0X1F', '0b101', '-0b11',
  '1_000', '1:20', '-1:20:30', '1:60', '190:20:30', '1e3', '1E3', '1.0', '1.', '.5', '-.5', '1.5e+3', '1.5e3', '1.0e-2', '1_000.5', '1:20.5',
  '.inf', '-.inf', '+.INF', '.NaN', '.nan', 'inf', 'nan', '2001-12-14', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5', '2002-1-1',
  '12:30:45', '0.0.0.0', '10.0.0.1', '1.2.3', '+', '-', '.', '0x', '1__2', '_1', '12e', 'a: b', '"quoted"', "'single'", '1 # comment', '>-\n  folded\n  text',
  '|\n  literal\n', '!!str 123', '!!int "42"', '!!float 1', '!!bool yes', '!!null ""', '"0777"', "'yes'", '= ', '=x', 'x=', '<<x', '~foo', '=foo',
];

const DOCS = [
  ...SCALARS.map((s) => `v: ${s}\n`),
  'a: 1\na: 2\n',
  'base: &b {x: 1, y: 2}\nderived:\n  <<: *b\n  y: 3\n',
  'a: &a {p: 1}\nb: &b {p: 2, q: 2}\nc:\n  <<: [*a, *b]\n  r: 3\n',
  // Keys become Python str(). (Python also treats 1, 1.0 and True as one key;
  // lmac keeps them apart: a documented difference, see docs/inventory.md.)
  '1: int key\n',
  'true: bool key\nno: other bool key\n',
  '~: null key\n',
  '1.5: float key\n2.0: integral float key\n',
  'list:\n  - &x [1, 2]\n  - *x\n',
  "'<<': not a merge\n",
  '# only a comment\n',
  '',
  '--- \nkey: after marker\n',
  'parameters:\n  _param:\n    ~override: 1\n    =constant: 2\n',
  '"quoted key": v\n? complex\n: value\n',
  'x: !custom tag\n',
  'a: 1\n---\nb: 2\n',
  'a: [1, 2\n',
  "s: 'it''s'\nd: \"tab\\tnew\\nline\"\n",
];

const withPy = toolAvailable('PyYAML (/usr/bin/python3 with yaml)', hasPyYaml());

describe.skipIf(!withPy)('GIVEN YAML 1.1 documents WHEN loaded by lmac and by PyYAML THEN both agree', () => {
  const py = withPy ? pyyamlLoad(DOCS) : [];
  DOCS.forEach((doc, i) => {
    it(`document ${i}: ${JSON.stringify(doc).slice(0, 60)}`, () => {
      const mine = loadYaml(doc, 'test.yml');
      const theirs = py[i];
      expect(mine.ok, `lmac ${mine.ok ? 'loaded' : 'failed: ' + (mine as { diagnostics: { message: string }[] }).diagnostics[0]?.message}; PyYAML ${theirs.ok ? 'loaded' : 'failed: ' + (theirs as { error: string }).error}`).toBe(theirs.ok);
      if (mine.ok && theirs.ok) expect(markDates(encode(mine.value, true), theirs.value)).toEqual(theirs.value);
    });
  });
});

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

describe.skipIf(!withPy || !hasMkLab())('GIVEN every file of corpus/mk-lab', () => {
  it('WHEN loaded by lmac and PyYAML THEN every file is equal as data', () => {
    const files = yamlFiles(MK_LAB);
    expect(files.length).toBeGreaterThan(700);
    const texts = files.map((f) => readFileSync(f, 'utf8'));
    const py = pyyamlLoad(texts);
    const bad: string[] = [];
    texts.forEach((t, i) => {
      const mine = loadYaml(t, files[i]);
      const theirs = py[i];
      if (mine.ok !== theirs.ok) bad.push(`${files[i]}: lmac ok=${mine.ok}, PyYAML ok=${theirs.ok}`);
      else if (mine.ok && theirs.ok && JSON.stringify(markDates(encode(mine.value, true), theirs.value)) !== JSON.stringify(theirs.value)) bad.push(files[i]);
    });
    expect(bad).toEqual([]);
  });
});

describe('GIVEN hostile or broken YAML WHEN loaded THEN a located diagnostic, never a throw', () => {
  it('a syntax error names its line and column', () => {
    const r = loadYaml('a: 1\nb: [1, 2\nc: 3\n', 'broken.yml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics[0].code).toBe('LMAC100');
    expect(r.diagnostics[0].location?.file).toBe('broken.yml');
    expect(r.diagnostics[0].location?.line).toBeGreaterThanOrEqual(2);
  });

  it('a billion-laughs document is refused quickly', () => {
    const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i <= 9; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(',')}]`);
    const t0 = performance.now();
    const r = loadYaml(lines.join('\n') + '\n', 'bomb.yml');
    expect(performance.now() - t0).toBeLessThan(500);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics[0].code).toBe('LMAC101');
  });

  it('100,000 nested brackets give LMAC104, not a stack overflow', () => {
    const r = loadYaml('a: ' + '['.repeat(100_000) + ']'.repeat(100_000) + '\n', 'deep.yml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(['LMAC104', 'LMAC100']).toContain(r.diagnostics[0].code);
  });

  it('unknown tags are refused like PyYAML does', () => {
    const r = loadYaml('x: !python/object foo\n', 'tag.yml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics[0].code).toBe('LMAC103');
  });

  it('!!binary is refused (PyYAML gives bytes, which Reclass cannot render either)', () => {
    const r = loadYaml('x: !!binary aGVsbG8=\n', 'bin.yml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics[0].code).toBe('LMAC103');
  });

  it('two documents in one file are refused', () => {
    expect(loadYaml('a: 1\n---\nb: 2\n', 'two.yml').ok).toBe(false);
  });

  it('a file over the size limit is refused', () => {
    const r = loadYaml('a: ' + 'x'.repeat(2000) + '\n', 'big.yml', { maxBytes: 1000 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics[0].code).toBe('LMAC102');
  });

  it('__proto__ is an ordinary key', () => {
    const r = loadYaml('__proto__: {polluted: true}\n', 'proto.yml');
    expect(r.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    if (r.ok) expect(Object.keys(r.value as object)).toEqual(['__proto__']);
  });
});

describe('locateInYaml', () => {
  const text = 'classes:\n  - system.linux\n  - cluster.lab\nparameters:\n  _param:\n    ~cluster_domain: lab.local\n    =secret: x\n  list: [a, b]\n';
  it('finds a list item', () => expect(locateInYaml(text, ['classes', 1])).toEqual({ line: 3, col: 5 }));
  it('finds a key written with ~', () => expect(locateInYaml(text, ['parameters', '_param', 'cluster_domain'])).toEqual({ line: 6, col: 5 }));
  it('finds a key written with =', () => expect(locateInYaml(text, ['parameters', '_param', 'secret'])).toEqual({ line: 7, col: 5 }));
  it('finds a flow item', () => expect(locateInYaml(text, ['parameters', 'list', 1])).toEqual({ line: 8, col: 13 }));
  it('returns undefined for a missing key', () => expect(locateInYaml(text, ['parameters', 'nope'])).toBeUndefined());
});
