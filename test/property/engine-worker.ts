/**
 * Runs the inventory engine in a child process with a heap cap and a time limit,
 * so that a random inventory that makes lmac loop or eat all memory becomes a
 * failed property (with a shrunk counterexample) instead of a dead test process.
 * (A worker thread with resourceLimits is not enough: some out-of-memory
 * failures in a worker still abort the whole process.)
 *
 * The child cannot load TypeScript, so render-all.ts (the engine under src/ and
 * its npm dependencies) is bundled once per test file with esbuild (vite's own
 * dependency) into a temp dir.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import type { Rendered } from './render-all.js';

export type EngineAnswer =
  | { kind: 'ok'; runs: Rendered[] }
  /** The engine threw out of renderNode (or Inventory). */
  | { kind: 'threw'; error: string }
  | { kind: 'oom'; error: string }
  | { kind: 'timeout'; ms: number };

const HERE = path.dirname(fileURLToPath(import.meta.url));

const WORKER_SOURCE = `
import { renderAll } from './render-all.mjs';
process.on('message', ({ id, dir, orders }) => {
  let answer;
  try {
    answer = { kind: 'ok', runs: orders.map((reverse) => renderAll(dir, reverse)) };
  } catch (e) {
    answer = { kind: 'threw', error: String((e && e.stack) || e) };
  }
  process.send({ id, answer });
});
`;

export class EngineWorker {
  private readonly bundleDir: string;
  private worker: ChildProcess | null = null;
  private nextId = 0;

  constructor(
    private readonly opts: { heapMb: number; timeoutMs: number } = { heapMb: 256, timeoutMs: 15_000 },
  ) {
    this.bundleDir = mkdtempSync(path.join(os.tmpdir(), 'lmac-prop-engine-'));
    buildSync({
      entryPoints: [path.join(HERE, 'render-all.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: path.join(this.bundleDir, 'render-all.mjs'),
      // CommonJS dependencies bundled into ESM still require() node builtins.
      banner: { js: "import { createRequire as __lmacCreateRequire } from 'node:module'; const require = __lmacCreateRequire(import.meta.url);" },
      logLevel: 'silent',
    });
    writeFileSync(path.join(this.bundleDir, 'worker.mjs'), WORKER_SOURCE);
  }

  private start(): ChildProcess {
    const w = fork(path.join(this.bundleDir, 'worker.mjs'), [], {
      execArgv: [`--max-old-space-size=${this.opts.heapMb}`],
      serialization: 'advanced',
      // The V8 out-of-memory report goes to the child's stderr: keep it out of the test output.
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.stderr.set(w, '');
    w.stderr!.on('data', (b: Buffer) => this.stderr.set(w, (this.stderr.get(w) + b.toString()).slice(-4000)));
    return w;
  }

  /** The tail of each child's stderr (V8 prints its out-of-memory report there). */
  private readonly stderr = new WeakMap<ChildProcess, string>();

  /** Renders every node of `dir` once per entry of `orders` (false: sorted order, true: reversed), each with a fresh Inventory. */
  render(dir: string, orders: boolean[] = [false]): Promise<EngineAnswer> {
    const w = (this.worker ??= this.start());
    const id = this.nextId++;
    return new Promise<EngineAnswer>((resolve) => {
      const done = (a: EngineAnswer, kill: boolean) => {
        clearTimeout(timer);
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('close', onExit);
        if (kill) {
          if (this.worker === w) this.worker = null;
          w.kill('SIGKILL');
        }
        resolve(a);
      };
      const onMessage = (m: { id: number; answer: EngineAnswer }) => {
        if (m.id === id) done(m.answer, false);
      };
      const onError = (e: Error) => done({ kind: 'threw', error: `engine process: ${String(e.stack ?? e)}` }, true);
      const onExit = (code: number | null, signal: string | null) => {
        const err = this.stderr.get(w) ?? '';
        done(
          /heap out of memory|Allocation failed/.test(err)
            ? { kind: 'oom', error: `lmac ran out of memory (heap cap ${this.opts.heapMb} MB)` }
            : { kind: 'threw', error: `engine process exited (code ${code}, signal ${signal}): ${err.slice(-1000)}` },
          true,
        );
      };
      const timer = setTimeout(() => done({ kind: 'timeout', ms: this.opts.timeoutMs }, true), this.opts.timeoutMs);
      w.on('message', onMessage);
      w.on('error', onError);
      // 'close', not 'exit': stderr has been read to the end by then.
      w.on('close', onExit);
      w.send({ id, dir, orders });
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w && w.exitCode === null) {
      const exited = new Promise((r) => w.once('exit', r));
      w.kill('SIGKILL');
      await exited;
    }
    rmSync(this.bundleDir, { recursive: true, force: true });
  }
}

export function describeAnswer(a: EngineAnswer): string {
  switch (a.kind) {
    case 'ok':
      return 'ok';
    case 'threw':
      return `lmac threw: ${a.error}`;
    case 'oom':
      return a.error;
    case 'timeout':
      return `lmac did not finish within ${a.ms} ms`;
  }
}
