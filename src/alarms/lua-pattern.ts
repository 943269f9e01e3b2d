/**
 * Lua patterns, the language of StackLight's `=~`/`!~` field matchers, turned
 * into RE2 regular expressions (Prometheus label matchers) and JavaScript
 * ones (tests). Lua matches anywhere in the string unless `^`/`$` anchor it;
 * Prometheus anchors, so an unanchored end becomes `.*`. Captures, back
 * references, `%b` and `%f` have no RE2 form and are refused with a reason.
 */

export type LuaPatternResult = { ok: true; regex: string } | { ok: false; message: string };

const CLASSES: Record<string, string> = {
  a: 'A-Za-z',
  d: '0-9',
  l: 'a-z',
  s: '\\t-\\r ',
  u: 'A-Z',
  w: '0-9A-Za-z',
  x: '0-9A-Fa-f',
  p: '!-/:-@\\[-`{-~',
  c: '\\x00-\\x1f\\x7f',
};

/** A literal character, escaped for RE2 (inside or outside a bracket). */
function lit(ch: string): string {
  return /[\\^$.|?*+()[\]{}-]/.test(ch) ? `\\${ch}` : ch;
}

/** `%a` -> the class body, or a literal for `%` + punctuation. */
function percent(ch: string, inSet: boolean): string | { error: string } {
  const lower = ch.toLowerCase();
  if (Object.hasOwn(CLASSES, lower)) {
    const body = CLASSES[lower];
    if (ch === lower) return inSet ? body : `[${body}]`;
    if (inSet) return { error: `the negated class %${ch} inside a set` };
    return `[^${body}]`;
  }
  if (/[A-Za-z0-9]/.test(ch)) return { error: ch === 'b' || ch === 'f' ? `%${ch} (balanced match or frontier)` : /[0-9]/.test(ch) ? `%${ch} (a back reference)` : `the unknown class %${ch}` };
  return lit(ch);
}

export function luaPatternToRegex(pattern: string): LuaPatternResult {
  let i = 0;
  let out = '';
  const anchoredStart = pattern.startsWith('^');
  if (anchoredStart) i = 1;
  let end = pattern.length;
  let anchoredEnd = false;
  if (end > i && pattern[end - 1] === '$' && pattern[end - 2] !== '%') {
    anchoredEnd = true;
    end--;
  }
  const fail = (message: string): LuaPatternResult => ({ ok: false, message: `Lua pattern '${pattern}': ${message}` });
  while (i < end) {
    const ch = pattern[i];
    let item: string;
    if (ch === '%') {
      if (i + 1 >= end) return fail('ends with %');
      const p = percent(pattern[i + 1], false);
      if (typeof p !== 'string') return fail(`${p.error} has no regular-expression form`);
      item = p;
      i += 2;
    } else if (ch === '[') {
      let j = i + 1;
      let body = '';
      if (pattern[j] === '^') {
        body += '^';
        j++;
      }
      if (pattern[j] === ']') {
        body += '\\]';
        j++;
      }
      while (j < end && pattern[j] !== ']') {
        if (pattern[j] === '%') {
          if (j + 1 >= end) return fail('ends with % inside a set');
          const p = percent(pattern[j + 1], true);
          if (typeof p !== 'string') return fail(`${p.error} has no regular-expression form`);
          body += p;
          j += 2;
        } else if (pattern[j + 1] === '-' && j + 2 < end && pattern[j + 2] !== ']') {
          body += `${lit(pattern[j])}-${lit(pattern[j + 2])}`;
          j += 3;
        } else {
          body += lit(pattern[j]);
          j++;
        }
      }
      if (j >= end) return fail("a set '[' is not closed");
      item = `[${body}]`;
      i = j + 1;
    } else if (ch === '(' || ch === ')') {
      return fail('captures have no use in a matcher and are not supported');
    } else if (ch === '.') {
      item = '.';
      i++;
    } else {
      item = lit(ch);
      i++;
    }
    const q = pattern[i];
    if (i < end && (q === '*' || q === '+' || q === '?' || q === '-')) {
      out += item + (q === '-' ? '*?' : q);
      i++;
    } else out += item;
  }
  return { ok: true, regex: `${anchoredStart ? '' : '.*'}(?:${out})${anchoredEnd ? '' : '.*'}` };
}
