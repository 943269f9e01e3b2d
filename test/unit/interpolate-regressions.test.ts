/**
 * Interpolation cases found by property testing, where Reclass 1.7 is wrong and
 * lmac deliberately renders the value (docs/inventory.md lists the divergences).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Inventory } from '../../src/inventory/inventory.js';
import { openReclassDir } from '../../src/inventory/storage.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function render(files: Record<string, string>, node: string): unknown {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lmac-regress-'));
  dirs.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  const r = new Inventory(openReclassDir(dir)).renderNode(node);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return JSON.parse(JSON.stringify(r.info.parameters));
}

describe('GIVEN a string that formats a list or dict still holding references', () => {
  it('WHEN rendered THEN the formatted value is the rendered one, as Python would print it', () => {
    const p = render(
      {
        'classes/common.yml': "parameters:\n  name: yes\n  port: 80\n  items:\n    - '${name}'\n  conf: {a: '${port}'}\n",
        'nodes/n1.yml': "classes: [common]\nparameters:\n  host: '${items}:${port}'\n  line: 'conf=${conf}'\n",
      },
      'n1',
    ) as Record<string, unknown>;
    expect(p.host).toBe('[True]:80');
    expect(p.line).toBe("conf={'a': 80}");
  });
});

describe('GIVEN a value that refers to what contains it', () => {
  it.each([
    ["a: ['${a}']", 'a:0 -> a'],
    ['a: {b: {c: "${a:b}"}}', 'a:b:c -> a:b'],
    ['a: {b: "x-${a}"}', 'a:b -> a'],
  ])('WHEN %s THEN a reference loop is reported (not endless expansion)', (params, chain) => {
    expect(() => render({ 'classes/base.yml': '', 'nodes/n1.yml': `parameters:\n  ${params}\n` }, 'n1')).toThrow(new RegExp(`reference loop: ${chain.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });
});

describe('GIVEN a reference into a value that an overriding (~) dict brings with its own references', () => {
  it.each([
    {
      when: 'the reference is the whole value (1.7 leaks the unrendered text)',
      files: {
        'classes/sys.yml': 'parameters:\n  name: yes\n  a: {}\n',
        'classes/common.yml': "parameters:\n  ~a:\n    host: '${name}:${name}'\n",
        'nodes/n1.yml': "classes: [sys, common]\nparameters:\n  host: '${a:host}'\n",
      },
      want: { a: { host: 'True:True' }, host: 'True:True' },
    },
    {
      when: 'the reference is inside a string',
      files: {
        'classes/base.yml': 'parameters:\n  port: 80\n  svc: {}\n',
        'classes/over.yml': "parameters:\n  ~svc:\n    url: 'http://h:${port}'\n",
        'nodes/n1.yml': "classes: [base, over]\nparameters:\n  probe: 'GET ${svc:url}/health'\n",
      },
      want: { probe: 'GET http://h:80/health' },
    },
  ] as { when: string; files: Record<string, string>; want: Record<string, unknown> }[])('WHEN $when THEN the reference gets the rendered value', ({ files, want }) => {
    expect(render(files, 'n1')).toMatchObject(want);
  });
});
