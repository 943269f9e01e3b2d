/** The label regular expressions behind StackLight field expressions. */
import { describe, expect, it } from 'vitest';
import { luaPatternToRegex } from '../../src/alarms/lua-pattern.js';
import { numericRegex } from '../../generators/prometheus/promql.js';

const OPS = { '>': (x: number, n: number) => x > n, '>=': (x: number, n: number) => x >= n, '<': (x: number, n: number) => x < n, '<=': (x: number, n: number) => x <= n } as const;

describe('GIVEN numeric comparisons on label values', () => {
  it('WHEN compiled to a regex THEN it accepts exactly the integers 0..2000 the comparison accepts', () => {
    for (const n of [0, 1, 5, 9, 10, 19, 99, 100, 101, 250, 499, 500, 999, 1000]) {
      for (const op of Object.keys(OPS) as (keyof typeof OPS)[]) {
        const re = new RegExp(`^(?:${numericRegex(op, n)})$`);
        const wrong = [];
        for (let x = 0; x <= 2000; x++) if (re.test(String(x)) !== OPS[op](x, n)) wrong.push(x);
        expect(wrong, `${op} ${n}: ${numericRegex(op, n)}`).toEqual([]);
      }
    }
  });

  it('WHEN the value has a leading zero or is not a number THEN no comparison accepts it', () => {
    for (const v of ['007', '-1', 'abc', '1.5', '']) expect(new RegExp(`^(?:${numericRegex('>=', 0)})$`).test(v), v).toBe(false);
  });
});

describe('GIVEN Lua patterns (StackLight =~ and !~)', () => {
  const matches = (pattern: string, s: string): boolean => {
    const r = luaPatternToRegex(pattern);
    if (!r.ok) throw new Error(r.message);
    return new RegExp(`^(?:${r.regex})$`, 's').test(s);
  };

  it.each([
    ['api', 'nova-api-os', true],
    ['^nova', 'nova-api', true],
    ['^nova', 'xnova', false],
    ['%-api$', 'nova-api', true],
    ['%-api$', 'nova-api-x', false],
    ['%d+', 'sda12', true],
    ['^%a+$', 'sda12', false],
    ['[%a_]+%d', 'dev_1', true],
    ['[^0-9]', '123', false],
    ['a.c', 'xabcx', true],
    ['a.-c', 'ac', true],
    ['5%d%d', 'code 503', true],
    ['%.', 'a.b', true],
    ['%.', 'ab', false],
  ])('WHEN %s is matched against %s THEN it is %s, as in Lua', (pattern, s, want) => {
    expect(matches(pattern, s)).toBe(want);
  });

  it.each(['(api)', '%1', '%bxy', '[abc', 'abc%'])('WHEN the pattern %s has no regex form THEN it is refused with a reason', (p) => {
    const r = luaPatternToRegex(p);
    expect(r.ok).toBe(false);
  });
});
