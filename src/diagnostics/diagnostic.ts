/**
 * Diagnostics are how every stage reports problems: collected (all of them, not
 * the first), never thrown past the CLI, printed as `file:line:col: error LMACnnn: message`.
 */

export type Severity = 'error' | 'warning' | 'info';

export interface SourceLocation {
  /** Path as the user should see it (relative to the working directory where possible). */
  file: string;
  /** 1-based; 0 when unknown. */
  line: number;
  /** 1-based; 0 when unknown. */
  col: number;
}

export interface RelatedInformation {
  message: string;
  location?: SourceLocation;
}

export interface Diagnostic {
  severity: Severity;
  /** Stable code, `LMAC` + three digits; see docs/diagnostics.md. */
  code: string;
  message: string;
  location?: SourceLocation;
  /** Other places that matter: the other side of a bad merge, the class chain. */
  related?: RelatedInformation[];
  /** The node the problem was found while rendering, when there is one. */
  node?: string;
}

export function error(
  code: string,
  message: string,
  location?: SourceLocation,
  related?: RelatedInformation[],
): Diagnostic {
  const d: Diagnostic = { severity: 'error', code, message };
  if (location) d.location = location;
  if (related && related.length > 0) d.related = related;
  return d;
}

export function warning(code: string, message: string, location?: SourceLocation): Diagnostic {
  const d: Diagnostic = { severity: 'warning', code, message };
  if (location) d.location = location;
  return d;
}

export function hasErrors(diags: readonly Diagnostic[]): boolean {
  return diags.some((d) => d.severity === 'error');
}
