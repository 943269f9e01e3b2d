/**
 * Real tools (Reclass, promtool, ...) check lmac's output where they exist. A
 * test that needs one is skipped when it is missing, unless LMAC_REQUIRE_TOOLS=1
 * (CI), where a missing tool is a failure.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED = path.resolve(ROOT, '../shared');
export const RECLASS = path.join(SHARED, 'tools/reclass-1.7');
export const MK_LAB = path.join(SHARED, 'corpus/mk-lab');
/** Debian's python3, which has reclass and PyYAML (a pyenv python3 on PATH may not). */
export const SYSTEM_PYTHON = '/usr/bin/python3';

export const REQUIRE_TOOLS = process.env.LMAC_REQUIRE_TOOLS === '1';

let reclassOk: boolean | undefined;
export function hasReclass(): boolean {
  if (reclassOk === undefined) {
    reclassOk =
      existsSync(RECLASS) &&
      existsSync(SYSTEM_PYTHON) &&
      spawnSync(SYSTEM_PYTHON, ['-c', 'import reclass, yaml'], { stdio: 'ignore' }).status === 0;
  }
  return reclassOk;
}

/** Whether ../shared/corpus/mk-lab is there (required under LMAC_REQUIRE_TOOLS=1, like a tool). */
export function hasMkLab(): boolean {
  return toolAvailable(`the mk-lab corpus (${MK_LAB})`, existsSync(MK_LAB));
}

/**
 * Whether to run tests that need a tool. Throws (failing the suite) when the tool is
 * missing and LMAC_REQUIRE_TOOLS=1.
 */
export function toolAvailable(name: string, available: boolean): boolean {
  if (!available && REQUIRE_TOOLS) {
    throw new Error(`${name} is required (LMAC_REQUIRE_TOOLS=1) but missing: run scripts/install-tools.sh`);
  }
  return available;
}
