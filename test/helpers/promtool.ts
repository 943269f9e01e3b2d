/**
 * The real promtool (Debian package prometheus), run asynchronously: a long
 * `promtool test rules` must not block the test worker's event loop, or
 * vitest's RPC to its workers times out.
 */
import { execFile, spawnSync } from 'node:child_process';
import { toolAvailable } from './tools.js';

export const promtoolAvailable = toolAvailable('promtool (Debian package prometheus)', spawnSync('promtool', ['--version'], { stdio: 'ignore' }).status === 0);

export function promtool(args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile('promtool', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}
