/** Writes text to stdout in large pieces, waiting for the pipe to drain. */
import { once } from 'node:events';

let pipeGuard = false;

/**
 * A reader that goes away (`lmac catalog | head`) closes the pipe: stop quietly,
 * as other command-line tools do, instead of reporting EPIPE as an internal error.
 */
function guardPipe(): void {
  if (pipeGuard) return;
  pipeGuard = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    throw e;
  });
}

export async function writeStdout(chunks: Iterable<string | Uint8Array>): Promise<void> {
  guardPipe();
  const LIMIT = 1 << 20;
  let buf: string[] = [];
  let size = 0;
  const write = async (data: string | Uint8Array): Promise<void> => {
    if (!process.stdout.write(data)) await once(process.stdout, 'drain');
  };
  const flush = async (): Promise<void> => {
    if (buf.length === 0) return;
    const text = buf.join('');
    buf = [];
    size = 0;
    await write(text);
  };
  for (const c of chunks) {
    if (typeof c !== 'string') {
      // Bytes (already encoded by a render worker) go out as they are.
      await flush();
      await write(c);
      continue;
    }
    buf.push(c);
    size += c.length;
    if (size >= LIMIT) await flush();
  }
  await flush();
}
