/** Writes text to stdout in large pieces, waiting for the pipe to drain. */
import { once } from 'node:events';

export async function writeStdout(chunks: Iterable<string>): Promise<void> {
  const LIMIT = 1 << 20;
  let buf: string[] = [];
  let size = 0;
  const flush = async (): Promise<void> => {
    if (buf.length === 0) return;
    const ok = process.stdout.write(buf.join(''));
    buf = [];
    size = 0;
    if (!ok) await once(process.stdout, 'drain');
  };
  for (const c of chunks) {
    buf.push(c);
    size += c.length;
    if (size >= LIMIT) await flush();
  }
  await flush();
}
