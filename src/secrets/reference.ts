/**
 * Secret references: `?{secret:<name>}` as a whole model value. Reclass
 * leaves `?{` alone (only `${...}` and `$[...]` are special), so a reference
 * survives merging, and a `${...}` that resolves to one is one. Generators
 * never write the value, which lmac never sees: they write the indirection
 * their target reads (an environment variable, a file, a secretKeyRef), as
 * lma.secrets declares it (defaults below).
 */
import type { Lma, Secret } from '../model/lma-types.js';

const REFERENCE = /^\?\{secret:([A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)*)\}$/;
/** Anything that looks like the start of a reference, for finding misplaced ones. */
export const REFERENCE_START = '?{secret:';

/** The secret's name when `value` is exactly a reference, else null. */
export function secretName(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = REFERENCE.exec(value);
  return m ? m[1] : null;
}

export function isSecretReference(value: unknown): value is string {
  return secretName(value) !== null;
}

/** The reference text of a secret name. */
export function secretReference(name: string): string {
  return `?{secret:${name}}`;
}

/** The default environment variable of a secret: LMAC_SECRET_ and the name upper-cased, other characters as `_`. */
export function defaultEnvVar(name: string): string {
  return `LMAC_SECRET_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** Where a secret comes from, with the defaults of lma.secrets applied. */
export interface SecretSource {
  name: string;
  description: string;
  env: string;
  file: string;
  kubernetes: { secret: string; key: string };
}

export const DEFAULT_KUBERNETES_SECRET = 'lmac-secrets';
export const DEFAULT_SECRET_DIR = '/etc/lmac/secrets';

/** The source of secret `name` per its declaration (or the defaults when undeclared: lint reports that). */
export function secretSource(name: string, declared?: Secret): SecretSource {
  return {
    name,
    description: declared?.description ?? '',
    env: declared?.env || defaultEnvVar(name),
    file: declared?.file || `${DEFAULT_SECRET_DIR}/${name}`,
    kubernetes: { secret: declared?.kubernetes.secret || DEFAULT_KUBERNETES_SECRET, key: declared?.kubernetes.key || name.replace(/\//g, '.') },
  };
}

/** The source of a reference on a node (its lma.secrets), or null when `value` is not a reference. */
export function sourceOf(value: unknown, lma: Pick<Lma, 'secrets'>): SecretSource | null {
  const name = secretName(value);
  if (name === null) return null;
  return secretSource(name, Object.hasOwn(lma.secrets, name) ? lma.secrets[name] : undefined);
}

/** Every reference under `value` (a model subtree), with its path. */
export function referencesIn(value: unknown, path: (string | number)[] = []): { name: string; path: (string | number)[] }[] {
  const name = secretName(value);
  if (name !== null) return [{ name, path }];
  if (Array.isArray(value)) return value.flatMap((v, i) => referencesIn(v, [...path, i]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => referencesIn(v, [...path, k]));
  return [];
}
