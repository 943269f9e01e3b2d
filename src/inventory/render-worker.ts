/** A render-pool worker: renders its share of the nodes and posts their text back. */
import { parentPort, workerData } from 'node:worker_threads';
import { Inventory } from './inventory.js';
import { isFrozenPlain } from './interpolate.js';
import { openLmacCluster, openReclassDir } from './storage.js';
import type { RenderedText, WorkerJob } from './render-pool.js';
import { textCache, toYaml } from '../util/serialize.js';

const job = workerData as WorkerJob;
const inv = new Inventory('reclass' in job.source ? openReclassDir(job.source.reclass) : openLmacCluster(job.source.root, job.source.cluster));
const cache = textCache(isFrozenPlain);
const out: RenderedText[] = job.names.map((name) => {
  const r = inv.renderNode(name);
  if (!r.ok) return { name, ok: false, text: '', classes: [], applications: [], diagnostics: r.diagnostics };
  return {
    name,
    ok: true,
    text: job.format === 'json' ? JSON.stringify(r.info) : toYaml(r.info, job.pad, cache),
    classes: r.info.classes,
    applications: r.info.applications,
    diagnostics: r.warnings,
  };
});
// One buffer for all texts, transferred rather than copied to the main thread.
const encoded = out.map((n) => Buffer.from(n.text as string, 'utf8'));
const buffer = new ArrayBuffer(encoded.reduce((a, b) => a + b.length, 0));
const view = new Uint8Array(buffer);
const ends: number[] = [];
let at = 0;
for (const b of encoded) {
  view.set(b, at);
  at += b.length;
  ends.push(at);
}
parentPort!.postMessage({ nodes: out.map(({ text: _t, ...rest }) => rest), buffer, ends }, [buffer]);
