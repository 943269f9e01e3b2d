/**
 * Broken models: each case under cases/<name>/ overlays a few files on base/
 * (a small valid domain `t`; most cases only replace clusters/t/case.yml, a class
 * every node includes last). The expected findings are written in the case's
 * own files, as a comment on the very line the diagnostic must point at:
 *
 *     triggers: [app_process_dwn]   # expect: LMAC210 did you mean 'app_process_down'
 *
 * (`# expect: CODE [text the message contains]`). The case passes when the
 * errors and warnings lmac reports are exactly the expected (code, file, line)
 * set, so an extra or a missing finding fails it as much as a wrong line.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileModel } from '../../src/build/pipeline.js';

const HERE = path.join(path.dirname(new URL(import.meta.url).pathname));
const BASE = path.join(HERE, 'base');
const CASES = path.join(HERE, 'cases');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'lmac-broken-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Expected {
  code: string;
  file: string;
  line: number;
  text: string;
}

function filesUnder(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel)).flatMap((f) => {
    const r = path.join(rel, f);
    return statSync(path.join(dir, r)).isDirectory() ? filesUnder(dir, r) : [r];
  });
}

function expectations(caseDir: string): Expected[] {
  const out: Expected[] = [];
  for (const rel of filesUnder(caseDir)) {
    readFileSync(path.join(caseDir, rel), 'utf8')
      .split('\n')
      .forEach((l, i) => {
        const m = /#\s*expect:\s*(LMAC\d{3})\s*(.*)$/.exec(l);
        if (m) out.push({ code: m[1], file: rel, line: i + 1, text: m[2].trim() });
      });
  }
  return out;
}

function run(name: string): { root: string; errors: { code: string; file: string; line: number; message: string }[] } {
  const root = path.join(tmp, name);
  cpSync(BASE, root, { recursive: true });
  cpSync(path.join(CASES, name), root, { recursive: true });
  const { diagnostics } = compileModel(root, 't');
  const seen = new Set<string>();
  const errors = [];
  for (const d of diagnostics) {
    if (d.severity !== 'error' && d.severity !== 'warning') continue;
    const file = d.location ? path.relative(root, path.resolve(d.location.file)) : '(no location)';
    const e = { code: d.code, file, line: d.location?.line ?? 0, message: d.message };
    const key = `${e.code} ${e.file}:${e.line}`;
    if (!seen.has(key)) {
      seen.add(key);
      errors.push(e);
    }
  }
  return { root, errors };
}

const names = readdirSync(CASES).sort();

describe('GIVEN the valid base model', () => {
  it('THEN it validates with no findings at all', () => {
    const root = path.join(tmp, '_base');
    cpSync(BASE, root, { recursive: true });
    const { diagnostics, model } = compileModel(root, 't');
    expect(diagnostics).toEqual([]);
    expect(model?.nodes.length).toBe(2);
  });
});

describe('GIVEN broken models', () => {
  it('THEN there are at least 30 cases, each expecting at least one finding', () => {
    expect(names.length).toBeGreaterThanOrEqual(30);
    for (const n of names) expect(expectations(path.join(CASES, n)).length, n).toBeGreaterThan(0);
  });

  it.each(names)('WHEN case %s is validated THEN exactly the marked lines get the marked codes', (name) => {
    const want = expectations(path.join(CASES, name));
    const { errors } = run(name);
    const got = errors.map((e) => `${e.code} ${e.file}:${e.line}`).sort();
    expect(got, errors.map((e) => `${e.code} ${e.file}:${e.line}: ${e.message}`).join('\n')).toEqual(want.map((w) => `${w.code} ${w.file}:${w.line}`).sort());
    for (const w of want) {
      if (!w.text) continue;
      const e = errors.find((x) => x.code === w.code && x.file === w.file && x.line === w.line);
      expect(e?.message).toContain(w.text);
    }
  });
});
