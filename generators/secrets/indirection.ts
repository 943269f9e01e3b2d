/**
 * What generators share about secret references (src/secrets/reference.ts):
 * the environment variable a target reads a reference from, per the node's
 * lma.secrets declarations. The value itself is never known to lmac; only
 * the indirection is written.
 */
import type { Lma } from '../../src/model/lma-types.js';
import { sourceOf } from '../../src/secrets/reference.js';

/** A model value -> the environment variable its secret is read from, or null when it is not a reference. */
export type SecretEnv = (value: unknown) => string | null;

/** The SecretEnv of a node (its lma.secrets declarations, the defaults otherwise). */
export function secretEnv(lma: Pick<Lma, 'secrets'>): SecretEnv {
  return (value) => sourceOf(value, lma)?.env ?? null;
}

/** An environment variable name every target here can substitute (Telegraf, Fluent Bit, Grafana, Sensu, Kubernetes). */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The lma.secrets declarations of a domain, for what is rendered once per
 * domain (Alertmanager, Grafana, Sensu, Kubernetes): every node's, the first
 * node by name winning (lint reports a secret declared differently).
 */
export function domainSecrets(nodes: readonly { name: string; lma: Pick<Lma, 'secrets'> | null }[]): Lma['secrets'] {
  const out: Lma['secrets'] = {};
  for (const n of [...nodes].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    for (const [k, v] of Object.entries(n.lma?.secrets ?? {})) if (!Object.hasOwn(out, k)) out[k] = v;
  }
  return out;
}
