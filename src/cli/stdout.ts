/** Writes text to stdout in large pieces, waiting for the pipe to drain. */
import { once } from 'node:events';

export async function writeStdout(chunks: Iterable<string | Uint8Array>): Promise<void> {
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
