/**
 * Where a file is written. out/<cluster>/ is replaced atomically: the new tree
 * is written to a temporary directory beside it (same file system), then swapped
 * in with two renames; an error or a crash before the swap leaves the previous
 * tree intact, and a crash between the renames is repaired on the next run.
 * Files the previous manifest does not list (a user's README.md) are carried
 * over untouched; files lmac wrote before and no longer produces go away.
 */
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MANIFEST, manifestText, parseManifest, type Manifest } from './manifest.js';

export interface OutputPlan {
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: string[];
  /** Paths lmac would write over files it did not write (refused). */
  conflicts: string[];
  /** The previous content of added/changed/removed files, for diffs. */
  before: Map<string, string | null>;
}

function readOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** Files under `dir`, '/'-separated, relative, sorted; links are listed, not followed. */
function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(path.join(dir, r));
      if (st.isDirectory()) walk(r);
      else out.push(r);
    }
  };
  if (existsSync(dir)) walk('');
  return out;
}

function backupOf(outDir: string): string {
  return path.join(path.dirname(outDir), `.${path.basename(outDir)}.lmac-old`);
}

/** A crash between the two renames left the old tree aside: put it back. */
export function recoverInterruptedSwap(outDir: string): void {
  const backup = backupOf(outDir);
  if (existsSync(backup) && !existsSync(outDir)) renameSync(backup, outDir);
  else if (existsSync(backup)) rmSync(backup, { recursive: true, force: true });
}

/** What writing `files` (plus the manifest) to `outDir` would change. Reads only. */
export function planOutput(outDir: string, files: ReadonlyMap<string, string>, manifest: Manifest): OutputPlan {
  const previous = parseManifest(readOrNull(path.join(outDir, MANIFEST)));
  const owned = new Set(Object.keys(previous?.files ?? {}));
  const plan: OutputPlan = { added: [], changed: [], removed: [], unchanged: [], conflicts: [], before: new Map() };
  const wanted = new Map(files);
  wanted.set(MANIFEST, manifestText(manifest));
  for (const [rel, content] of wanted) {
    const old = readOrNull(path.join(outDir, rel));
    if (old === null) plan.added.push(rel);
    else if (rel !== MANIFEST && !owned.has(rel)) plan.conflicts.push(rel);
    else if (old !== content) {
      plan.changed.push(rel);
      plan.before.set(rel, old);
    } else plan.unchanged.push(rel);
  }
  for (const rel of owned) {
    if (!wanted.has(rel) && existsSync(path.join(outDir, rel))) {
      plan.removed.push(rel);
      plan.before.set(rel, readOrNull(path.join(outDir, rel)));
    }
  }
  for (const list of [plan.added, plan.changed, plan.removed, plan.unchanged, plan.conflicts]) list.sort();
  return plan;
}

export interface WriteOptions {
  /** Called after the new tree is complete and before the swap (tests use it to simulate a crash). */
  beforeSwap?: (tmpDir: string) => void;
}

/** Replaces outDir with `files` + manifest, keeping files lmac did not write. */
export function writeOutput(outDir: string, files: ReadonlyMap<string, string>, manifest: Manifest, opts: WriteOptions = {}): void {
  const parent = path.dirname(outDir);
  mkdirSync(parent, { recursive: true });
  recoverInterruptedSwap(outDir);
  const previous = parseManifest(readOrNull(path.join(outDir, MANIFEST)));
  const owned = new Set(Object.keys(previous?.files ?? {}));
  const tmp = mkdtempSync(path.join(parent, `.${path.basename(outDir)}.lmac-tmp-`));
  try {
    // Each directory once: thousands of files share a few directories.
    const made = new Set<string>();
    for (const [rel, content] of files) {
      const target = path.join(tmp, ...rel.split('/'));
      const dir = path.dirname(target);
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      writeFileSync(target, content);
    }
    // The user's own files come along unchanged.
    for (const rel of listFiles(outDir)) {
      if (rel === MANIFEST || owned.has(rel) || files.has(rel)) continue;
      const from = path.join(outDir, ...rel.split('/'));
      const to = path.join(tmp, ...rel.split('/'));
      mkdirSync(path.dirname(to), { recursive: true });
      if (lstatSync(from).isSymbolicLink()) symlinkSync(readlinkSync(from), to);
      else copyFileSync(from, to);
    }
    writeFileSync(path.join(tmp, MANIFEST), manifestText(manifest));
    opts.beforeSwap?.(tmp);
    const backup = backupOf(outDir);
    if (existsSync(outDir)) renameSync(outDir, backup);
    renameSync(tmp, outDir);
    rmSync(backup, { recursive: true, force: true });
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    recoverInterruptedSwap(outDir);
    throw e;
  }
}
