/** Loads YAML texts with the real PyYAML SafeLoader (one python process for many documents). */
import { spawnSync } from 'node:child_process';
import { SYSTEM_PYTHON } from './tools.js';

const SCRIPT = String.raw`
import sys, json, yaml, datetime, math
docs = json.load(sys.stdin)
def enc(v):
    if isinstance(v, bool) or v is None or isinstance(v, str): return v
    if isinstance(v, int): return v
    if isinstance(v, float):
        if math.isnan(v): return {"$float": "nan"}
        if math.isinf(v): return {"$float": "inf" if v > 0 else "-inf"}
        return {"$float": v} if v == int(v) else v
    if isinstance(v, (datetime.date, datetime.datetime)): return {"$date": True}
    if isinstance(v, list): return [enc(x) for x in v]
    if isinstance(v, dict): return {str(k): enc(x) for k, x in v.items()}
    return {"$other": repr(v)}
out = []
for d in docs:
    try: out.append({"ok": True, "value": enc(yaml.load(d, Loader=yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader))})
    except Exception as e: out.append({"ok": False, "error": type(e).__name__ + ": " + str(e)[:200]})
json.dump(out, sys.stdout)
`;

export type PyResult = { ok: true; value: unknown } | { ok: false; error: string };

export function pyyamlLoad(docs: string[]): PyResult[] {
  const r = spawnSync(SYSTEM_PYTHON, ['-c', SCRIPT], { input: JSON.stringify(docs), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`PyYAML helper failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as PyResult[];
}

export function hasPyYaml(): boolean {
  return spawnSync(SYSTEM_PYTHON, ['-c', 'import yaml'], { stdio: 'ignore' }).status === 0;
}
