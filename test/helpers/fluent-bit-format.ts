/**
 * A checker of Fluent Bit's classic configuration format (fluent-bit.conf and
 * parsers.conf), written from Fluent Bit's documentation ("Classic mode:
 * format and schema", "Configuration file", "Configuring parsers", "Regular
 * expression" parser) and its reader (src/config_format/flb_cf_fluentbit.c),
 * since no Fluent Bit binary runs here. It reports, with line numbers:
 * entries outside a section, unknown sections, keys without values, mixed or
 * inconsistent indentation, missing required keys, regex parsers whose Regex
 * does not compile, a Time_Key that the Regex does not capture, and Parser
 * names that parsers.conf does not define.
 */

export interface FbIssue {
  line: number;
  message: string;
}

export interface FbEntry {
  key: string;
  value: string;
  line: number;
}

export interface FbSection {
  /** As written (case kept); compare with sameKey. */
  name: string;
  line: number;
  entries: FbEntry[];
}

export interface FbCommand {
  line: number;
  command: '@INCLUDE' | '@SET';
  argument: string;
}

export interface FbDocument {
  sections: FbSection[];
  commands: FbCommand[];
  errors: FbIssue[];
}

/** Section names the classic reader knows (case-insensitive). */
export const KNOWN_SECTIONS = ['SERVICE', 'INPUT', 'FILTER', 'OUTPUT', 'PARSER', 'MULTILINE_PARSER', 'CUSTOM', 'PLUGINS', 'UPSTREAM', 'NODE', 'STREAM_TASK'];

const PARSER_SECTIONS = ['PARSER', 'MULTILINE_PARSER'];

export function sameKey(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function entries(s: FbSection, key: string): string[] {
  return s.entries.filter((e) => sameKey(e.key, key)).map((e) => e.value);
}

export function entry(s: FbSection, key: string): string | undefined {
  return entries(s, key)[0];
}

/** Splits a file into sections, entries and @ commands, as the classic reader does, with the errors it would raise. */
export function parseClassic(text: string): FbDocument {
  const doc: FbDocument = { sections: [], commands: [], errors: [] };
  const err = (line: number, message: string): void => {
    doc.errors.push({ line, message });
  };
  let current: FbSection | null = null;
  let indent: string | null = null;
  let inGroup = false;
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  lines.forEach((rawLine, i) => {
    const n = i + 1;
    // The reader drops a trailing CR (CRLF files).
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === '') return;
    if (line.startsWith('#')) return;
    if (line.startsWith('@')) {
      const m = /^@(\S+)\s+(.*)$/.exec(line);
      const cmd = m ? m[1].toUpperCase() : line.toUpperCase();
      if (!m || (cmd !== 'INCLUDE' && cmd !== 'SET')) {
        err(n, `unknown command ${JSON.stringify(line)} (only @INCLUDE and @SET)`);
        return;
      }
      if (cmd === 'SET' && !/^[A-Za-z_][A-Za-z0-9_]*=.+$/.test(m[2].trim())) err(n, `@SET needs KEY=VALUE, got ${JSON.stringify(m[2])}`);
      doc.commands.push({ line: n, command: cmd === 'SET' ? '@SET' : '@INCLUDE', argument: m[2].trim() });
      return;
    }
    if (line.startsWith('[')) {
      const end = line.indexOf(']');
      if (end < 0) {
        err(n, `bad section header ${JSON.stringify(line)}: no closing ]`);
        current = null;
        return;
      }
      if (line.slice(end + 1).trim() !== '') err(n, `text after the section header ${JSON.stringify(line.slice(0, end + 1))}`);
      const name = line.slice(1, end).trim();
      if (!KNOWN_SECTIONS.includes(name.toUpperCase())) err(n, `unknown section [${name}] (known: ${KNOWN_SECTIONS.join(', ')})`);
      current = { name, line: n, entries: [] };
      doc.sections.push(current);
      inGroup = false;
      return;
    }
    const lead = /^[ \t]*/.exec(line)?.[0] ?? '';
    if (lead === '') {
      err(n, current ? `entry ${JSON.stringify(line)} must be indented under [${current.name}]` : `entry ${JSON.stringify(line)} is outside a section`);
      return;
    }
    if (lead.includes(' ') && lead.includes('\t')) {
      err(n, 'mixed indentation: tabs and spaces on one line');
      return;
    }
    if (indent === null) indent = lead;
    if (lead !== indent) {
      if (lead === indent + indent && inGroup) {
        // the content of a [group] inside a section: accepted as the reader does
      } else if ((lead.includes('\t') && indent.includes(' ')) || (lead.includes(' ') && indent.includes('\t'))) {
        err(n, 'mixed indentation: tabs here, spaces elsewhere (or the reverse)');
        return;
      } else {
        err(n, `inconsistent indentation: ${lead.length} characters here, ${indent.length} on the first indented line`);
        return;
      }
    } else {
      inGroup = false;
    }
    const body = line.slice(lead.length);
    if (body.startsWith('#')) return;
    if (!current) {
      err(n, `entry ${JSON.stringify(body)} is outside a section`);
      return;
    }
    if (body.startsWith('[')) {
      inGroup = true;
      return;
    }
    // The key runs to the first space (not a tab); the value is the rest, trimmed.
    const sp = body.indexOf(' ');
    if (sp < 0) {
      err(n, `key ${JSON.stringify(body)} has no value (a key and its value are separated by a space)`);
      return;
    }
    const key = body.slice(0, sp);
    const value = body.slice(sp + 1).trim();
    if (value === '') {
      err(n, `key ${key} has an empty value`);
      return;
    }
    current.entries.push({ key, value, line: n });
  });
  for (const s of doc.sections) if (s.entries.length === 0) err(s.line, `section [${s.name}] has no entries`);
  return doc;
}

/**
 * An Onigmo (Ruby syntax) regex, as Fluent Bit's flb_regex takes it, compiled
 * as a JavaScript RegExp: `/.../opts` wrapping, (?i)/(?m) at the start, \h, \A,
 * \z, \Z, atomic groups and possessive quantifiers are translated (the last
 * two to their backtracking forms: the same language for matching purposes).
 * Group names must be letters, digits and underscores. Throws with the reason.
 */
export function onigmoToJs(pattern: string): RegExp {
  let src = pattern;
  let flags = '';
  const wrapped = /^\/(.*)\/([imx]*)$/s.exec(src);
  if (wrapped) {
    src = wrapped[1];
    for (const o of wrapped[2]) {
      if (o === 'i') flags += 'i';
      else if (o === 'm') flags += 's'; // Ruby's m: . matches a newline
      else throw new Error('extended (x) regexes are not supported by this checker');
    }
  }
  for (;;) {
    const m = /^\(\?([imx]+)\)/.exec(src);
    if (!m) break;
    for (const o of m[1]) {
      if (o === 'i') flags += 'i';
      else if (o === 'm') flags += 's';
      else throw new Error('extended (x) regexes are not supported by this checker');
    }
    src = src.slice(m[0].length);
  }
  let out = '';
  let inClass = false;
  let prevQuantifier = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      const d = src[i + 1];
      if (d === undefined) throw new Error('the pattern ends with a lone backslash');
      i++;
      prevQuantifier = false;
      if (d === 'h') out += inClass ? '0-9a-fA-F' : '[0-9a-fA-F]';
      else if (d === 'H') out += inClass ? '' : '[^0-9a-fA-F]';
      else if (d === 'A' && !inClass) out += '^';
      else if (d === 'z' && !inClass) out += '$';
      else if (d === 'Z' && !inClass) out += '(?=\\n?$)';
      else out += '\\' + d;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      // A ] right after [ or [^ is a literal in Onigmo.
      if (src[i + 1] === '^') {
        out += '^';
        i++;
      }
      if (src[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      prevQuantifier = false;
      continue;
    }
    if (c === '(' && src.startsWith('(?>', i)) {
      out += '(?:';
      i += 2;
      prevQuantifier = false;
      continue;
    }
    if (c === '(' && src.startsWith('(?<', i) && src[i + 3] !== '=' && src[i + 3] !== '!') {
      const close = src.indexOf('>', i + 3);
      const groupName = close < 0 ? '' : src.slice(i + 3, close);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(groupName)) {
        throw new Error(`group name ${JSON.stringify(groupName)} is not letters, digits and underscores`);
      }
    }
    if (c === '+' && prevQuantifier) {
      // possessive quantifier: drop the +
      prevQuantifier = false;
      continue;
    }
    if (c === '*' || c === '+' || c === '?') {
      out += c;
      prevQuantifier = true;
      continue;
    }
    if (c === '}' && /\{\d*,?\d*$/.test(out)) {
      out += c;
      prevQuantifier = true;
      continue;
    }
    prevQuantifier = false;
    out += c;
  }
  if (inClass) throw new Error('unterminated character class');
  try {
    return new RegExp(out, [...new Set(flags)].join(''));
  } catch (e) {
    throw new Error((e as Error).message);
  }
}

/** Names of the capture groups of a translated regex. */
export function groupNames(re: RegExp): string[] {
  return [...re.source.matchAll(/\(\?<([A-Za-z_][A-Za-z0-9_]*)>/g)].map((m) => m[1]);
}

const TYPES = ['string', 'integer', 'bool', 'float', 'hex'];

function checkParserSection(s: FbSection, issues: FbIssue[], seen: Map<string, number>): void {
  const err = (line: number, message: string): void => {
    issues.push({ line, message });
  };
  if (sameKey(s.name, 'MULTILINE_PARSER')) {
    for (const k of ['Name', 'Type']) if (entry(s, k) === undefined) err(s.line, `[${s.name}] needs ${k}`);
    return;
  }
  const name = entry(s, 'Name');
  const format = entry(s, 'Format');
  if (name === undefined) err(s.line, `[${s.name}] needs Name`);
  if (format === undefined) err(s.line, `[${s.name}] needs Format`);
  if (name !== undefined) {
    const before = seen.get(name);
    if (before !== undefined) err(s.line, `parser ${name} is defined twice (first on line ${before})`);
    else seen.set(name, s.line);
  }
  if (format !== undefined && !['json', 'regex', 'ltsv', 'logfmt'].includes(format.toLowerCase())) err(s.line, `parser ${name ?? '?'}: unknown Format ${format}`);
  const typesLine = s.entries.find((e) => sameKey(e.key, 'Types'));
  if (typesLine) {
    for (const t of typesLine.value.split(/\s+/)) {
      const [field, type] = t.split(':');
      if (!field || !type || !TYPES.includes(type)) err(typesLine.line, `Types entry ${JSON.stringify(t)} is not field:${TYPES.join('|')}`);
    }
  }
  if (format?.toLowerCase() !== 'regex') return;
  const regexLine = s.entries.find((e) => sameKey(e.key, 'Regex'));
  if (!regexLine) {
    err(s.line, `parser ${name ?? '?'}: Format regex needs Regex`);
    return;
  }
  let re: RegExp;
  try {
    re = onigmoToJs(regexLine.value);
  } catch (e) {
    err(regexLine.line, `parser ${name ?? '?'}: Regex does not compile: ${(e as Error).message}`);
    return;
  }
  const timeKey = s.entries.find((e) => sameKey(e.key, 'Time_Key'));
  if (timeKey && !groupNames(re).includes(timeKey.value)) err(timeKey.line, `parser ${name ?? '?'}: Time_Key ${timeKey.value} is not a named group of the Regex`);
  if (timeKey && entry(s, 'Time_Format') === undefined) err(timeKey.line, `parser ${name ?? '?'}: Time_Key needs a Time_Format`);
}

function checkSections(doc: FbDocument, kind: 'main' | 'parsers'): FbIssue[] {
  const issues = [...doc.errors];
  const err = (line: number, message: string): void => {
    issues.push({ line, message });
  };
  const seen = new Map<string, number>();
  for (const s of doc.sections) {
    // An empty section is reported once (parseClassic), not once per key it lacks.
    if (s.entries.length === 0) continue;
    const upper = s.name.toUpperCase();
    if (kind === 'parsers' && !PARSER_SECTIONS.includes(upper) && KNOWN_SECTIONS.includes(upper)) err(s.line, `[${s.name}] does not belong in a parsers file (only PARSER and MULTILINE_PARSER)`);
    if (['INPUT', 'FILTER', 'OUTPUT', 'CUSTOM'].includes(upper) && entry(s, 'Name') === undefined) err(s.line, `[${s.name}] needs Name`);
    if (['FILTER', 'OUTPUT'].includes(upper) && entry(s, 'Match') === undefined && entry(s, 'Match_Regex') === undefined) err(s.line, `[${s.name}] needs Match or Match_Regex`);
    const mr = s.entries.find((e) => sameKey(e.key, 'Match_Regex'));
    if (mr) {
      try {
        onigmoToJs(mr.value);
      } catch (e) {
        err(mr.line, `Match_Regex does not compile: ${(e as Error).message}`);
      }
    }
    if (PARSER_SECTIONS.includes(upper)) checkParserSection(s, issues, seen);
  }
  return issues.sort((a, b) => a.line - b.line);
}

/** Errors of a main configuration file (fluent-bit.conf); [] when it passes. */
export function checkFluentBitConf(text: string): FbIssue[] {
  return checkSections(parseClassic(text), 'main');
}

/** Errors of a parsers file (parsers.conf); [] when it passes. */
export function checkParsersConf(text: string): FbIssue[] {
  return checkSections(parseClassic(text), 'parsers');
}

/** The parsers a parsers file defines, by name. */
export function parserSections(parsersText: string): Map<string, FbSection> {
  const out = new Map<string, FbSection>();
  for (const s of parseClassic(parsersText).sections) {
    const n = entry(s, 'Name');
    if (sameKey(s.name, 'PARSER') && n !== undefined) out.set(n, s);
  }
  return out;
}

/** Parser names used by fluent-bit.conf (tail's Parser, the parser filter's Parser) that parsers.conf does not define. */
export function checkParserReferences(mainText: string, parsersText: string): FbIssue[] {
  const defined = parserSections(parsersText);
  const issues: FbIssue[] = [];
  for (const s of parseClassic(mainText).sections) {
    const plugin = entry(s, 'Name') ?? '';
    const usesParsers = (sameKey(s.name, 'INPUT') && sameKey(plugin, 'tail')) || (sameKey(s.name, 'FILTER') && sameKey(plugin, 'parser'));
    if (!usesParsers) continue;
    for (const e of s.entries) {
      if (sameKey(e.key, 'Parser') && !defined.has(e.value)) issues.push({ line: e.line, message: `parser ${e.value} is not defined in the parsers file` });
    }
  }
  return issues;
}

/**
 * Whether a time string fits a Time_Format (strptime directives Fluent Bit's
 * parsers use: %Y %m %d %e %H %M %S %L %z %b %a %y %j %s; %L is the fraction
 * after the seconds' dot). `strict` false accepts a time without `.%L`.
 */
export function timeFits(format: string, time: string, strict = true): boolean {
  let re = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c === '%') {
      const d = format[++i];
      const map: Record<string, string> = {
        Y: '\\d{4}', y: '\\d{2}', m: '\\d{1,2}', d: '[ \\d]?\\d', e: '[ \\d]?\\d', H: '\\d{1,2}', M: '\\d{1,2}', S: '\\d{1,2}',
        L: '\\d{1,9}', z: '(?:Z|[+-]\\d{2}:?\\d{2})', b: '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)',
        a: '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)', j: '\\d{1,3}', s: '\\d+', '%': '%',
      };
      if (!(d in map)) throw new Error(`unsupported time directive %${d}`);
      if (d === 'L' && !strict && re.endsWith('\\.')) re = `${re.slice(0, -2)}(?:\\.${map.L})?`;
      else re += map[d];
    } else if (c === ' ') {
      re += '\\s+';
    } else {
      re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  return new RegExp(`^${re}$`).test(time);
}
