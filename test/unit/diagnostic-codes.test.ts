/** docs/diagnostics.md lists exactly the codes lmac emits (src/diagnostics/codes.ts). */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Codes } from '../../src/diagnostics/index.js';
import { ROOT } from '../helpers/tools.js';

describe('GIVEN the diagnostic code table', () => {
  it('THEN codes are unique and every code but the internal one is documented', () => {
    const codes = Object.values(Codes);
    expect(new Set(codes).size).toBe(codes.length);
    const doc = readFileSync(path.join(ROOT, 'docs/diagnostics.md'), 'utf8');
    const documented = [...doc.matchAll(/^\| (LMAC\d{3}) \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(codes.filter((c) => c !== Codes.INTERNAL).sort());
  });
});
