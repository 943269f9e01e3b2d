/**
 * Parses parameter strings into templates, with the grammar of Reclass 1.7's
 * pyparsing parser (values/parser_funcs.py): `${a:b}` references (nested
 * `${a:${b}}`), `$[ ... ]` inventory queries, and the escapes `\${`, `\$[`, `\}`
 * and `\\` before a sentinel. A string without `${` or `$[` is returned as is,
 * escapes and all, exactly as Reclass does.
 */
import { parseQuery, type InvQuery } from './inventory-query.js';

export type TmplPart =
  | { kind: 'str'; text: string }
  /** `info`: the parsed path, cached by interpolation (parts belong to one inventory, one delimiter). */
  | { kind: 'ref'; parts: TmplPart[]; info?: { ref: string; parts: string[]; key: string; ancestors: string[] } }
  | { kind: 'inv'; query: InvQuery };

/** A parsed string that contains at least one reference or query. Immutable. */
export class Tmpl {
  /** The single item when the string is exactly one reference or query (type-preserving), else null. */
  readonly single: TmplPart | null;
  /** True when some reference name is itself built from a reference (`${a:${b}}`). */
  readonly nested: boolean;
  readonly query: InvQuery | null;
  constructor(
    readonly source: string,
    readonly parts: readonly TmplPart[],
  ) {
    this.single = parts.length === 1 ? parts[0] : null;
    this.nested = parts.some((p) => p.kind === 'ref' && p.parts.some((q) => q.kind !== 'str'));
    const inv = parts.find((p) => p.kind === 'inv');
    this.query = inv && inv.kind === 'inv' ? inv.query : null;
  }
  /** Has `${...}` references or query `self:` references to resolve first. */
  get hasReferences(): boolean {
    return this.parts.some((p) => p.kind === 'ref') || (this.query !== null && this.query.selfRefs.length > 0);
  }
}

export class ReferenceParseError extends Error {
  constructor(
    readonly source: string,
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const ESC = '\\';

/** Returns the string itself when it has no sentinel, or a Tmpl; throws ReferenceParseError. */
export function parseValueString(s: string, delimiter: string): string | Tmpl {
  if (!s.includes('${') && !s.includes('$[')) return s;
  const p = new Parser(s, delimiter);
  const parts = p.parseTop();
  // A string whose sentinels were all escaped is plain text (Reclass: a CompItem of strings).
  if (parts.every((x) => x.kind === 'str')) return parts.map((x) => (x.kind === 'str' ? x.text : '')).join('');
  const inv = parts.filter((x) => x.kind === 'inv');
  if (inv.length > 0 && parts.length > 1) {
    // Reclass 1.7 crashes on this (an InvItem inside a CompItem is rendered without an inventory).
    throw new ReferenceParseError(s, 0, 'an inventory query $[...] must be the whole value');
  }
  return new Tmpl(s, parts);
}

class Parser {
  private pos = 0;
  constructor(
    private readonly s: string,
    private readonly delimiter: string,
  ) {}

  private at(lit: string, pos = this.pos): boolean {
    return this.s.startsWith(lit, pos);
  }

  /** `\\` followed by a sentinel: one literal backslash (pyparsing `double_escape`). */
  private atDoubleEscape(): boolean {
    if (!this.at(ESC + ESC)) return false;
    const p = this.pos + 2;
    return this.at('${', p) || this.at('}', p) || this.at('$[', p) || this.at(']', p);
  }

  parseTop(): TmplPart[] {
    const out: TmplPart[] = [];
    const n = this.s.length;
    while (this.pos < n) {
      if (this.at('${')) out.push(this.parseRef());
      else if (this.at('$[')) out.push(this.parseInv());
      else if (this.atDoubleEscape()) {
        pushStr(out, ESC);
        this.pos += 2;
      } else if (this.at(ESC + '${')) {
        pushStr(out, '${');
        this.pos += 3;
      } else if (this.at(ESC + '$[')) {
        pushStr(out, '$[');
        this.pos += 3;
      } else {
        const start = this.pos;
        while (this.pos < n && !this.atTopStop()) this.pos++;
        if (this.pos === start) throw new ReferenceParseError(this.s, this.pos, `unexpected text at char ${this.pos}`);
        pushStr(out, this.s.slice(start, this.pos));
      }
    }
    return out;
  }

  private atTopStop(): boolean {
    const s = this.s;
    const c = s.charCodeAt(this.pos);
    if (c === 36 /* $ */) return this.at('${') || this.at('$[');
    if (c === 92 /* \ */) return this.at('\\${') || this.at('\\\\${') || this.at('\\$[') || this.at('\\\\$[');
    return false;
  }

  private parseRef(): TmplPart {
    const open = this.pos;
    this.pos += 2;
    const parts: TmplPart[] = [];
    const n = this.s.length;
    for (;;) {
      if (this.pos >= n) throw new ReferenceParseError(this.s, open, `unclosed reference starting at char ${open}`);
      if (this.at('}')) {
        if (parts.length === 0) throw new ReferenceParseError(this.s, open, `empty reference at char ${open}`);
        this.pos += 1;
        return { kind: 'ref', parts };
      }
      if (this.at('${')) parts.push(this.parseRef());
      else if (this.atDoubleEscape()) {
        pushStr(parts, ESC);
        this.pos += 2;
      } else if (this.at(ESC + '${')) {
        pushStr(parts, '${');
        this.pos += 3;
      } else if (this.at(ESC + '}')) {
        pushStr(parts, '}');
        this.pos += 2;
      } else {
        const start = this.pos;
        while (this.pos < n && !this.atRefStop()) this.pos++;
        if (this.pos === start) throw new ReferenceParseError(this.s, this.pos, `unexpected text at char ${this.pos}`);
        pushStr(parts, this.s.slice(start, this.pos));
      }
    }
  }

  private atRefStop(): boolean {
    const c = this.s.charCodeAt(this.pos);
    if (c === 125 /* } */) return true;
    if (c === 36) return this.at('${');
    if (c === 92) return this.at('\\${') || this.at('\\\\${') || this.at('\\}') || this.at('\\\\}');
    return false;
  }

  private parseInv(): TmplPart {
    const open = this.pos;
    this.pos += 2;
    let text = '';
    let items = 0;
    const n = this.s.length;
    for (;;) {
      if (this.pos >= n) throw new ReferenceParseError(this.s, open, `unclosed inventory query starting at char ${open}`);
      if (this.at(']')) {
        if (items === 0) throw new ReferenceParseError(this.s, open, `empty inventory query at char ${open}`);
        this.pos += 1;
        break;
      }
      items++;
      if (this.atDoubleEscape()) {
        text += ESC;
        this.pos += 2;
      } else if (this.at(ESC + '$[')) {
        text += '$[';
        this.pos += 3;
      } else if (this.at(ESC + ']')) {
        text += ']';
        this.pos += 2;
      } else {
        const end = this.s.indexOf(']', this.pos);
        if (end < 0) throw new ReferenceParseError(this.s, open, `unclosed inventory query starting at char ${open}`);
        text += this.s.slice(this.pos, end);
        this.pos = end;
      }
    }
    const q = parseQuery(text, this.delimiter);
    if (typeof q === 'string') throw new ReferenceParseError(this.s, open, q);
    return { kind: 'inv', query: q };
  }
}

function pushStr(out: TmplPart[], text: string): void {
  const last = out[out.length - 1];
  if (last && last.kind === 'str') out[out.length - 1] = { kind: 'str', text: last.text + text };
  else out.push({ kind: 'str', text });
}
