/**
 * Reclass class_mappings: `"<glob> class..."` or `"/regex/ class..."`, split the
 * way Python's shlex (posix) splits them, globs matched like fnmatchcase and
 * regexes searched like re.search, with `\1` / `\g<name>` expansion.
 */

export interface ClassMapping {
  source: string;
  match: (name: string) => RegExpExecArray | null;
  classes: string[];
  regex: boolean;
}

/** Python shlex.shlex(posix=True, whitespace_split=True, commenters=''), `/` quoting for regexes. */
export function shlexSplit(s: string): string[] {
  const regex = s[0] === '/';
  const quotes = regex ? `'"/` : `'"`;
  const escapedQuotes = regex ? `"/` : `"`;
  const tokens: string[] = [];
  let tok: string | null = null;
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (/\s/.test(c)) {
      if (tok !== null) tokens.push(tok);
      tok = null;
      i++;
    } else if (c === '\\') {
      if (i + 1 >= s.length) throw new Error('no escaped character');
      tok = (tok ?? '') + s[i + 1];
      i += 2;
    } else if (quotes.includes(c)) {
      const q = c;
      tok = tok ?? '';
      i++;
      for (;;) {
        if (i >= s.length) throw new Error('no closing quotation');
        const d = s[i];
        if (d === q) {
          i++;
          break;
        }
        if (d === '\\' && escapedQuotes.includes(q) && i + 1 < s.length && (s[i + 1] === q || s[i + 1] === '\\')) {
          tok += s[i + 1];
          i += 2;
        } else {
          tok += d;
          i++;
        }
      }
    } else {
      tok = (tok ?? '') + c;
      i++;
    }
  }
  if (tok !== null) tokens.push(tok);
  return tokens;
}

/** Python fnmatch.translate, anchored at both ends. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      let j = i + 1;
      if (glob[j] === '!') j++;
      if (glob[j] === ']') j++;
      while (j < glob.length && glob[j] !== ']') j++;
      if (j >= glob.length) re += '\\[';
      else {
        let body = glob.slice(i + 1, j).replace(/\\/g, '\\\\');
        if (body[0] === '!') body = '^' + body.slice(1);
        else if (body[0] === '^') body = '\\' + body;
        re += `[${body}]`;
        i = j;
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^(?:${re})$`, 's');
}

/** Python regex syntax -> JavaScript for the common constructs. */
function pyRegex(src: string): RegExp {
  const js = src.replace(/\(\?P</g, '(?<').replace(/\(\?P=(\w+)\)/g, '\\k<$1>').replace(/\\Z/g, '$').replace(/\\A/g, '^');
  return new RegExp(js);
}

export class MappingExpansionError extends Error {}

/** Python Match.expand: `\1`, `\g<1>`, `\g<name>` and the usual escapes; a group the regex lacks is an error, as in Python. */
export function expandTemplate(tpl: string, m: RegExpExecArray): string {
  const group = (ref: string): string => {
    const n = /^\d+$/.test(ref) ? Number(ref) : undefined;
    if (n !== undefined ? n >= m.length : !(m.groups && ref in m.groups)) throw new MappingExpansionError(`invalid group reference ${ref}`);
    return (n !== undefined ? m[n] : m.groups![ref]) ?? '';
  };
  return tpl.replace(/\\(g<(\w+)>|(\d{1,2})|[ntr\\])/g, (all, _x: string, g: string | undefined, d: string | undefined) => {
    if (g !== undefined) return group(g);
    if (d !== undefined) return group(d);
    const ch = all[1];
    return ch === 'n' ? '\n' : ch === 't' ? '\t' : ch === 'r' ? '\r' : '\\';
  });
}

export function parseClassMapping(source: string): ClassMapping | string {
  if (source.trim() === '') return 'empty class mapping';
  let tokens: string[];
  try {
    tokens = shlexSplit(source);
  } catch {
    return `error in mapping "${source}": missing closing quote (or slash)`;
  }
  const [key, ...classes] = tokens;
  if (source[0] === '/') {
    let re: RegExp;
    try {
      re = pyRegex(key);
    } catch (e) {
      return `error in mapping "${source}": ${(e as Error).message}`;
    }
    return { source, regex: true, classes, match: (name: string) => re.exec(name) };
  }
  const re = globToRegExp(key);
  return { source, regex: false, classes, match: (name: string) => re.exec(name) };
}

/** Classes a node gets from the mappings, in order, de-duplicated (Reclass Core._get_class_mappings_entity). */
export function mappedClasses(mappings: readonly ClassMapping[], matchName: string): string[] {
  const out: string[] = [];
  for (const m of mappings) {
    const hit = m.match(matchName);
    if (!hit) continue;
    for (const c of m.classes) {
      const cls = m.regex ? expandTemplate(c, hit) : c;
      if (!out.includes(cls)) out.push(cls);
    }
  }
  return out;
}
