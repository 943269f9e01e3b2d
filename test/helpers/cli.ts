/** Runs the built CLI (bin/lmac.js, as users do) and captures its streams and exit code. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './tools.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function lmac(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): CliResult {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/lmac.js'), ...args], {
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
