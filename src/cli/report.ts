/**
 * Prints diagnostics: `file:line:col: error LMAC123: message`, related notes
 * indented below, colour only on a TTY and never with NO_COLOR; or, with
 * --json, one JSON array.
 */
import type { Diagnostic } from '../diagnostics/index.js';

export interface Reporter {
  readonly json: boolean;
  readonly color: boolean;
  diagnostics(diags: readonly Diagnostic[], stream?: NodeJS.WritableStream): void;
  info(message: string): void;
}

export function useColor(stream: NodeJS.WriteStream): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

const paint = (on: boolean, code: string, s: string): string => (on ? `\x1b[${code}m${s}\x1b[0m` : s);

export function formatLocation(d: Pick<Diagnostic, 'location'>): string {
  const l = d.location;
  if (!l) return 'lmac';
  return l.line > 0 ? `${l.file}:${l.line}:${l.col}` : l.file;
}

export function formatDiagnostic(d: Diagnostic, color = false): string {
  const sev = d.severity === 'error' ? paint(color, '31;1', 'error') : d.severity === 'warning' ? paint(color, '33;1', 'warning') : paint(color, '36', 'info');
  const lines = [`${paint(color, '1', formatLocation(d))}: ${sev} ${d.code}: ${d.message}`];
  for (const r of d.related ?? []) {
    lines.push(`  ${paint(color, '2', 'note:')} ${r.location ? formatLocation(r) + ': ' : ''}${r.message}`);
  }
  return lines.join('\n');
}

/**
 * The same finding on many nodes (a class shared by all of them) prints once,
 * naming the nodes. Diagnostics are otherwise kept in order.
 */
export function groupAcrossNodes(diags: readonly Diagnostic[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const groups = new Map<string, { d: Diagnostic; nodes: string[] }>();
  for (const d of diags) {
    if (!d.node) {
      out.push(d);
      continue;
    }
    const msg = d.message.replace(new RegExp(`,? node ${escapeRe(d.node)}\\)$`), ')').replace(/ \(\)$/, '');
    const key = [d.severity, d.code, formatLocation(d), msg].join('\u0000');
    const g = groups.get(key);
    if (g) {
      if (!g.nodes.includes(d.node)) g.nodes.push(d.node);
    }
    else {
      const entry = { d: { ...d, message: msg }, nodes: [d.node] };
      groups.set(key, entry);
      out.push(entry.d);
    }
  }
  for (const { d, nodes } of groups.values()) {
    const shown = nodes.length > 3 ? `${nodes.slice(0, 3).join(', ')} and ${nodes.length - 3} more` : nodes.join(', ');
    d.message = `${d.message} [${nodes.length === 1 ? 'node' : `${nodes.length} nodes:`} ${shown}]`;
  }
  return out;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function createReporter(opts: { json?: boolean }): Reporter {
  const color = useColor(process.stderr);
  return {
    json: Boolean(opts.json),
    color,
    diagnostics(diags, stream = process.stderr) {
      if (this.json) {
        stream.write(JSON.stringify(diags, null, 2) + '\n');
        return;
      }
      const shown = groupAcrossNodes(diags);
      for (const d of shown) stream.write(formatDiagnostic(d, color) + '\n');
      // Counted as printed: one finding in a class shared by many nodes is one error.
      const errors = shown.filter((d) => d.severity === 'error').length;
      if (errors > 1) stream.write(`${errors} errors\n`);
    },
    info(message) {
      if (!this.json) process.stderr.write(message + '\n');
    },
  };
}
