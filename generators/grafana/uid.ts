/**
 * Stable Grafana uids. A dashboard keeps the uid the model gives it; else its
 * name, which is already uid-safe (`^[a-z0-9][a-z0-9_-]*$`) and what the
 * domain lint checks for duplicates. A name longer than Grafana's 40
 * characters is cut and suffixed with a hash of the whole name, so it stays
 * stable and distinct.
 */
import { createHash } from 'node:crypto';

export const UID_MAX = 40;

export function dashboardUid(name: string, uid: string): string {
  if (uid) return uid;
  if (name.length <= UID_MAX) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, UID_MAX - hash.length - 1)}-${hash}`;
}

/** Uids of the dashboards lmac generates itself (a model dashboard must not take them). */
export const OVERVIEW_UID = 'lma-overview';
export const NODE_HEALTH_UID = 'lma-node-health';
