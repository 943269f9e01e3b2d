/**
 * The host directories the log collector must see. Fluent Bit's tail inputs
 * name host paths (`/var/log/rabbitmq/rabbit@*.log`), so the pod mounts the
 * directories that hold them at the same paths, read-only: the generated
 * fluent-bit.conf works unchanged in a pod and on a host.
 *
 * Everything under /var/log is mounted as /var/log itself rather than one
 * mount per service directory: /var/log exists on every host, while a
 * service's own directory may not exist yet when the pod starts (or be
 * recreated later, which a bind mount of the old directory would not see).
 * Logs elsewhere get their directory (up to the first glob) mounted.
 */
import type { Log } from '../../src/model/lma-types.js';

export const VAR_LOG = '/var/log';

export interface LogDirs {
  /** Host directories to mount read-only, sorted, none inside another. */
  dirs: string[];
  /** Logs whose path cannot be mounted: not absolute, or globbing right under `/`. */
  unmountable: { name: string; path: string }[];
}

const GLOB = /[*?[{]/;

/** The directory to mount for one path, or null when there is none short of `/`. */
export function logDir(p: string): string | null {
  if (!p.startsWith('/')) return null;
  const segments = p.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) return null;
  const fixed: string[] = [];
  // The file name (the last segment) is never part of the directory; nor is anything from the first glob on.
  for (const s of segments.slice(0, -1)) {
    if (GLOB.test(s)) break;
    fixed.push(s);
  }
  if (fixed.length === 0) return null;
  const dir = `/${fixed.join('/')}`;
  return dir === VAR_LOG || dir.startsWith(`${VAR_LOG}/`) ? VAR_LOG : dir;
}

/** The directories that cover every enabled log of a node. */
export function logDirs(logs: Readonly<Record<string, Log>>): LogDirs {
  const found = new Set<string>();
  const unmountable: LogDirs['unmountable'] = [];
  for (const [name, log] of Object.entries(logs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!log.enabled) continue;
    const dir = logDir(log.path);
    if (dir === null) unmountable.push({ name, path: log.path });
    else found.add(dir);
  }
  const sorted = [...found].sort();
  // A directory inside another one already mounted needs no mount of its own.
  const dirs = sorted.filter((d) => !sorted.some((o) => o !== d && d.startsWith(`${o}/`)));
  return { dirs, unmountable };
}
