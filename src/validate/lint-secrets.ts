/**
 * Secret lint of one node's validated `lma` (docs/secrets.md): every secret
 * reference names a secret declared in `lma:secrets` and is a whole value;
 * every sensitive field (the schema's `x-lmac-sensitive`) holds a reference,
 * nothing, or a plain value its path explicitly opts out of the rule with
 * (`lma:plaintext_allowed`); and every opt-out still names such a value.
 * Messages never repeat a sensitive value.
 */
import type { Diagnostic } from '../diagnostics/index.js';
import { Codes, error, warning } from '../diagnostics/index.js';
import type { Lma } from '../model/lma-types.js';
import { REFERENCE_START, secretName, secretReference } from '../secrets/reference.js';
import { isPlain, isSensitivePath, sensitiveValues, showLmaPath } from '../secrets/sensitive.js';
import { locateValue, type MergeTrace, type ValuePath } from './locate.js';
import { didYouMean } from './suggest.js';

/** Every string of a subtree with its path (map keys are names, not values: not included). */
function strings(v: unknown, path: (string | number)[], out: { path: (string | number)[]; value: string }[]): void {
  if (typeof v === 'string') out.push({ path, value: v });
  else if (Array.isArray(v)) v.forEach((x, i) => strings(x, [...path, i], out));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) strings(x, [...path, k], out);
}

/** A secret name to suggest for a sensitive field: `<what it belongs to>/<field>` (`influxdb/password`, `ops/api_token`). */
function suggestedName(path: readonly (string | number)[]): string {
  const skip = new Set(['backends', 'handlers', 'inputs', 'options', 'env']);
  const parts = path.map(String).filter((p) => !skip.has(p) && !/^[0-9]+$/.test(p)).map((p) => p.toLowerCase().replace(/[^a-z0-9_.-]/g, '_'));
  if (parts.length === 0) return 'credential';
  return parts.length === 1 ? parts[0] : `${parts[0]}/${parts[parts.length - 1]}`;
}

/**
 * Where a reference may stand: the fields the generators render as an
 * indirection (sensitive fields, backend and handler settings such as a
 * username, input options, which Telegraf and Fluent Bit read from the
 * environment). Elsewhere (a label, a dimension, a threshold) it would reach
 * an output as text.
 */
function mayHoldReference(path: readonly (string | number)[]): boolean {
  const p = path.map(String);
  return isSensitivePath(p) || p[0] === 'backends' || p[0] === 'handlers' || (p[0] === 'inputs' && p[2] === 'options');
}

export function lintSecrets(lma: Lma, trace: MergeTrace): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (code: string, message: string, path: ValuePath, severity: 'error' | 'warning' = 'error'): void => {
    const { location, related } = locateValue(trace, ['lma', ...path]);
    const d = severity === 'error' ? error(code, message, location, related) : { ...warning(code, message, location), ...(related.length > 0 ? { related } : {}) };
    d.node = trace.name;
    out.push(d);
  };
  const declared = Object.keys(lma.secrets);

  // References: whole values, naming declared secrets.
  const all: { path: (string | number)[]; value: string }[] = [];
  strings(lma, [], all);
  for (const { path, value } of all) {
    const name = secretName(value);
    if (name !== null && !mayHoldReference(path)) {
      report(
        Codes.SECRET_REFERENCE_MISPLACED,
        `lma:${showLmaPath(path)} is a secret reference, but it is not a credential: lmac writes a reference as an indirection (an environment variable, a file) only in credentials (sensitive fields, backend and handler settings, input options); use a plain value here`,
        path,
      );
    } else if (name !== null) {
      if (!Object.hasOwn(lma.secrets, name)) {
        const hint = didYouMean(name, declared) || (declared.length > 0 ? ` (declared: ${declared.join(', ')})` : '');
        report(Codes.SECRET_UNDECLARED, `lma:${showLmaPath(path)} references secret '${name}', which is not declared in lma:secrets (declare where it comes from, lma:secrets:${name}: {description: ...}, see docs/secrets.md)${hint}`, path);
      }
    } else if (value.includes(REFERENCE_START)) {
      // `?{secret:bad name}` is a malformed reference; `https://?{secret:x}@host` one inside text.
      const whole = value.startsWith(REFERENCE_START) && value.endsWith('}') && value.indexOf(REFERENCE_START, 1) < 0;
      report(
        Codes.SECRET_REFERENCE_INVALID,
        whole
          ? `lma:${showLmaPath(path)} is a malformed secret reference: write ?{secret:<name>}, the name made of letters, digits, '_', '.', '-' and '/'`
          : `lma:${showLmaPath(path)} has a secret reference inside a larger string; a reference must be the whole value (lmac renders it as an indirection such as an environment variable, which cannot be spliced into text)`,
        path,
      );
    }
  }

  // Sensitive fields: a reference, empty, or an explicit opt-out.
  const allowed = new Set(lma.plaintext_allowed);
  const values = sensitiveValues(lma);
  for (const v of values) {
    if (!isPlain(v.value) || (typeof v.value === 'string' && v.value.includes(REFERENCE_START))) continue;
    const p = showLmaPath(v.path);
    if (allowed.has(p)) continue;
    report(
      Codes.SECRET_PLAINTEXT,
      `lma:${p} is sensitive but holds a plain value, which would be written to out/ in clear; make it a secret reference (${secretReference(suggestedName(v.path))}, declared in lma:secrets) or, if it is not secret, allow it with '${p}' in lma:plaintext_allowed`,
      v.path,
    );
  }

  // Opt-outs that allow nothing.
  const plain = new Set(values.filter((v) => isPlain(v.value)).map((v) => showLmaPath(v.path)));
  lma.plaintext_allowed.forEach((entry, i) => {
    if (plain.has(entry)) return;
    const at = ['plaintext_allowed', i];
    if (!isSensitivePath(entry.split(':'))) report(Codes.SECRET_OPT_OUT_STALE, `lma:plaintext_allowed lists '${entry}', which is not a sensitive field; remove it`, at, 'warning');
    else report(Codes.SECRET_OPT_OUT_STALE, `lma:plaintext_allowed lists '${entry}', which holds no plain value on this node (empty, absent or a secret reference); remove it`, at, 'warning');
  });
  return out;
}
