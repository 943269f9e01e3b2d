/**
 * The Nagios object definition format (`define host { ... }`): one directive
 * per line, `;` starts a comment anywhere (`\;` is a literal semicolon),
 * whole-line comments start with `#` or `;`. Object names are also checked
 * against the illegal_object_name_chars of Nagios' sample nagios.cfg, which
 * most installations keep. A name that breaks the format is refused (the
 * caller reports LMAC325); free text is made safe instead.
 */

/** illegal_object_name_chars of Nagios' sample nagios.cfg. */
export const ILLEGAL_NAME_CHARS = "`~!$%^&*|'\"<>?,()=";

export class NagiosValueError extends Error {}

/** Why `name` cannot be a Nagios object name, or null when it can. */
export function nameProblem(name: string): string | null {
  if (name.trim() === '') return 'it is empty';
  if (/[\x00-\x1f\x7f]/.test(name)) return 'it holds a line break or control character';
  if (name !== name.trim()) return 'it starts or ends with white space, which Nagios strips';
  if (name.includes(';')) return '`;` starts a comment in Nagios object files';
  const bad = [...new Set([...name].filter((c) => ILLEGAL_NAME_CHARS.includes(c)))];
  if (bad.length > 0) return `it holds ${bad.map((c) => `\`${c}\``).join(', ')}, illegal in Nagios object names`;
  return null;
}

/**
 * Free text (alias, notes): white space runs (line breaks included) become one
 * space, and `;` is escaped so it is not read as a comment.
 */
export function text(s: string): string {
  return s.replace(/[\s\x00-\x1f\x7f]+/g, ' ').trim().replace(/;/g, '\\;');
}

export type Directives = readonly (readonly [string, string | number])[];

/** One `define <type> { ... }` block; values must already be checked or made safe. */
export function define(type: string, directives: Directives): string {
  const width = Math.max(...directives.map(([k]) => k.length)) + 2;
  const lines = directives.map(([k, v]) => `    ${k.padEnd(width)}${v}`);
  return `define ${type} {\n${lines.join('\n')}\n}\n`;
}
