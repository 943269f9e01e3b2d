/**
 * A tiny Language Server Protocol client for tests: spawns a server speaking LSP
 * over stdio (Content-Length framed JSON-RPC 2.0), sends requests and
 * notifications, answers the server's own requests, and collects
 * `textDocument/publishDiagnostics`.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}
export interface Diagnostic {
  range: Range;
  message: string;
  severity?: number;
  source?: string;
  code?: string | number;
}

interface Message {
  jsonrpc: '2.0';
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

/** Answers a request from the server; the default answers null. */
export type ServerRequestHandler = (method: string, params: unknown) => unknown;

interface Publication {
  diagnostics: Diagnostic[];
  count: number;
  at: number;
}

export class LspClient {
  readonly proc: ChildProcessWithoutNullStreams;
  /** Every request the server sent, in order (method and params). */
  readonly serverRequests: { method: string; params: unknown }[] = [];
  /** Every notification the server sent, in order. */
  readonly notifications: { method: string; params: unknown }[] = [];
  stderr = '';
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; method: string }>();
  private published = new Map<string, Publication>();
  private listeners = new Set<() => void>();
  private exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;

  constructor(
    command: string,
    args: string[],
    private readonly onServerRequest: ServerRequestHandler = () => null,
    opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
  ) {
    this.proc = spawn(command, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    this.proc.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
    });
    // A write after the server died would otherwise crash the test process.
    this.proc.stdin.on('error', () => undefined);
    this.proc.on('error', (e) => this.fail(new Error(`cannot start ${command}: ${e.message}`)));
    this.proc.on('exit', (code, signal) => {
      this.exited = { code, signal };
      this.fail(new Error(`language server exited (code ${code}, signal ${signal})${this.stderr ? `: ${this.stderr}` : ''}`));
    });
  }

  request<T = unknown>(method: string, params: unknown, timeoutMs = 20_000): Promise<T> {
    if (this.exited) return Promise.reject(new Error(`language server has exited; cannot send ${method}`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`no answer to ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        method,
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** How many `publishDiagnostics` have arrived for uri so far. */
  publications(uri: string): number {
    return this.published.get(uri)?.count ?? 0;
  }

  /**
   * The diagnostics of uri once they are stable: at least `after + 1` publications
   * have arrived and none for `settleMs`. Fails after `timeoutMs`.
   */
  async diagnostics(
    uri: string,
    { after = 0, settleMs = 1_000, timeoutMs = 20_000 }: { after?: number; settleMs?: number; timeoutMs?: number } = {},
  ): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const p = this.published.get(uri);
      const now = Date.now();
      if (p && p.count > after && now - p.at >= settleMs) return p.diagnostics;
      if (this.exited) throw new Error(`language server exited before publishing diagnostics for ${uri}: ${this.stderr}`);
      if (now >= deadline) {
        throw new Error(
          p && p.count > after
            ? `diagnostics for ${uri} did not settle within ${timeoutMs} ms`
            : `no publishDiagnostics for ${uri} within ${timeoutMs} ms`,
        );
      }
      const wait = p && p.count > after ? Math.min(settleMs - (now - p.at), deadline - now) : deadline - now;
      await this.changed(Math.max(1, wait));
    }
  }

  /** Resolves once pred() holds (checked after every message from the server); fails after timeoutMs. */
  async until(pred: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pred()) {
      if (this.exited) throw new Error(`language server exited while waiting for ${what}: ${this.stderr}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await this.changed(left);
    }
  }

  /** shutdown + exit, then kill the process if it is still there after a second. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.proc.once('exit', () => resolve()));
    try {
      await this.request('shutdown', null, 5_000);
      this.notify('exit', null);
    } catch {
      // killed below
    }
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 1_000);
    await gone;
    clearTimeout(timer);
  }

  private changed(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.listeners.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.listeners.add(done);
    });
  }

  private send(msg: Message): void {
    if (this.exited) return;
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.proc.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const m = /^Content-Length: *(\d+)$/im.exec(header);
      if (!m) throw new Error(`LSP message without Content-Length: ${JSON.stringify(header)}`);
      const length = Number(m[1]);
      const start = headerEnd + 4;
      if (this.buffer.length < start + length) return;
      const body = this.buffer.subarray(start, start + length).toString('utf8');
      this.buffer = this.buffer.subarray(start + length);
      this.dispatch(JSON.parse(body) as Message);
    }
  }

  private dispatch(msg: Message): void {
    if (msg.method !== undefined && msg.id !== undefined && msg.id !== null) {
      // A request from the server.
      this.serverRequests.push({ method: msg.method, params: msg.params });
      let result: unknown;
      try {
        result = this.onServerRequest(msg.method, msg.params);
      } catch (e) {
        this.send({ jsonrpc: '2.0', id: msg.id, error: { code: -32603, message: (e as Error).message } });
        return;
      }
      this.send({ jsonrpc: '2.0', id: msg.id, result: result ?? null });
    } else if (msg.method !== undefined) {
      this.notifications.push({ method: msg.method, params: msg.params });
      if (msg.method === 'textDocument/publishDiagnostics') {
        const { uri, diagnostics } = msg.params as { uri: string; diagnostics: Diagnostic[] };
        const prev = this.published.get(uri);
        this.published.set(uri, { diagnostics, count: (prev?.count ?? 0) + 1, at: Date.now() });
      }
    } else if (typeof msg.id === 'number') {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(new Error(`${p.method} failed: ${msg.error.code} ${msg.error.message}`));
      else p.resolve(msg.result);
    }
    for (const l of [...this.listeners]) l();
  }

  private fail(e: Error): void {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
    for (const l of [...this.listeners]) l();
  }
}
