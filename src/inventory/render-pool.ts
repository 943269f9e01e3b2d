/**
 * Renders many nodes on several cores: each worker thread opens the same
 * inventory, renders every n-th node and returns each node's text (JSON or
 * YAML) with its classes and applications; results come back in node order.
 * Used by `lmac inventory` for large inventories; small ones render in-process.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../diagnostics/index.js';

export type InventorySource = { reclass: string } | { root: string; cluster: string };

export interface RenderedText {
  name: string;
  ok: boolean;
  /** The node's nodeinfo as text, UTF-8 (empty when it failed). */
  text: string | Uint8Array;
  classes: string[];
  applications: string[];
  diagnostics: Diagnostic[];
}

export interface WorkerJob {
  source: InventorySource;
  names: string[];
  format: 'json' | 'yaml';
  /** YAML: indentation of the node body within the whole document. */
  pad: string;
}

/**
 * How many threads to render with. One unless asked (`--threads N|auto`): each
 * worker loads the classes again and merge states are not shared between
 * workers, so threads pay only with several idle cores and many nodes.
 */
export function renderThreads(nodes: number, requested: string | undefined): number {
  if (requested === undefined || nodes < 2) return 1;
  const want = requested === 'auto' ? availableParallelism() : Number(requested);
  if (!Number.isInteger(want) || want < 1) return 1;
  return Math.max(1, Math.min(want, 16, nodes));
}

export async function renderInParallel(source: InventorySource, names: readonly string[], format: 'json' | 'yaml', pad: string, threads: number): Promise<RenderedText[]> {
  const url = new URL('./render-worker.js', import.meta.url);
  const shares = Array.from({ length: threads }, (_, t) => names.filter((_, i) => i % threads === t));
  const results = await Promise.all(
    shares.map(
      (share) =>
        new Promise<RenderedText[]>((resolve, reject) => {
          const job: WorkerJob = { source, names: share, format, pad };
          const w = new Worker(url, { workerData: job });
          // Texts arrive as one transferred buffer (no copy), with offsets.
          w.once('message', (m: { nodes: Omit<RenderedText, 'text'>[]; buffer: ArrayBuffer; ends: number[] }) => {
            const bytes = new Uint8Array(m.buffer);
            resolve(m.nodes.map((n, i) => ({ ...n, text: bytes.subarray(i === 0 ? 0 : m.ends[i - 1], m.ends[i]) })));
          });
          w.once('error', reject);
          w.once('exit', (code) => {
            if (code !== 0) reject(new Error(`render worker exited with code ${code}`));
          });
        }),
    ),
  );
  // Put the shares back in node order.
  const byName = new Map<string, RenderedText>();
  for (const r of results.flat()) byName.set(r.name, r);
  return names.map((n) => byName.get(n)!);
}
