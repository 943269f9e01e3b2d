/** Runs Reclass 1.7 (the oracle) through reclass-oracle.py and returns its parsed answer. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT, SYSTEM_PYTHON } from '../helpers/tools.js';

export interface OracleNode {
  ok: boolean;
  result?: Record<string, unknown>;
  type?: string;
  message?: string;
  warnings?: string[];
}

export interface OracleAnswer {
  nodes?: Record<string, OracleNode>;
  storage_error?: { type: string; message: string };
  inventory?: Record<string, unknown>;
  inventory_error?: { type: string; message: string };
}

export function runOracle(dir: string, mode: 'nodeinfo' | 'inventory' = 'nodeinfo'): OracleAnswer {
  const script = path.join(ROOT, 'test/conformance/reclass-oracle.py');
  const args = [script, dir, ...(mode === 'inventory' ? ['--inventory'] : [])];
  const r = spawnSync(SYSTEM_PYTHON, args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`reclass-oracle.py failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as OracleAnswer;
}

/** Plain JSON data: null-prototype objects and PyFloats become what JSON.parse gives. */
export function plain<T>(v: T): unknown {
  return JSON.parse(JSON.stringify(v));
}

/** The fields Reclass and lmac must agree on; `uri` is compared by its inventory-relative tail. */
export function comparable(info: Record<string, unknown>): Record<string, unknown> {
  const meta = info.__reclass__ as Record<string, unknown>;
  const uri = String(meta.uri);
  return {
    node: meta.node,
    name: meta.name,
    environment: meta.environment,
    uriTail: uri.split('/').slice(-2).join('/'),
    classes: info.classes,
    applications: info.applications,
    exports: info.exports,
    parameters: info.parameters,
    nodeEnvironment: info.environment,
  };
}
