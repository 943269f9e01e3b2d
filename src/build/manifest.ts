/**
 * lmac-manifest.json: every file lmac wrote to out/<cluster>/ with its sha256,
 * lmac's version and a digest of the model files the build read. It is how lmac
 * knows which files are its own: files it does not list are never touched.
 */
import { createHash } from 'node:crypto';

export const MANIFEST = 'lmac-manifest.json';

export interface Manifest {
  lmac: string;
  cluster: string;
  /** sha256 over the model files read, by path relative to the repository. */
  model: string;
  /** Output path (relative to out/<cluster>/) -> sha256 of its content. */
  files: Record<string, string>;
}

export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

export function modelDigest(inputs: readonly { path: string; text: string }[]): string {
  const h = createHash('sha256');
  for (const i of [...inputs].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) h.update(`${i.path}\0${sha256(i.text)}\n`);
  return `sha256:${h.digest('hex')}`;
}

export function manifestFor(cluster: string, version: string, model: string, files: ReadonlyMap<string, string>): Manifest {
  const out: Record<string, string> = {};
  for (const p of [...files.keys()].sort()) out[p] = sha256(files.get(p)!);
  return { lmac: version, cluster, model, files: out };
}

export function manifestText(m: Manifest): string {
  return JSON.stringify({ lmac: m.lmac, cluster: m.cluster, model: m.model, files: m.files }, null, 2) + '\n';
}

/** The manifest of an earlier build, or null when there is none (or it is not lmac's). */
export function parseManifest(text: string | null): Manifest | null {
  if (text === null) return null;
  try {
    const m = JSON.parse(text) as Partial<Manifest>;
    if (typeof m.lmac !== 'string' || typeof m.files !== 'object' || m.files === null) return null;
    return m as Manifest;
  } catch {
    return null;
  }
}
