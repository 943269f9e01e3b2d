/**
 * Finds class and node files and names them, for the two layouts lmac reads:
 *  - a Reclass directory: <dir>/classes, <dir>/nodes, settings from <dir>/reclass-config.yml;
 *  - the lmac layout: models/ (system.*, service.*) and clusters/<name>/ (cluster.<name>.*),
 *    nodes in clusters/<name>/nodes/.
 * Naming follows Reclass's yaml_fs storage (storage/yaml_fs, storage/common.py).
 */
import { readdirSync, readFileSync, realpathSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/index.js';
import { Codes, error } from '../diagnostics/index.js';
import { DEFAULT_SETTINGS, settingsFromConfig, type Settings } from './settings.js';
import { loadYaml } from './yaml-load.js';

export interface FileRef {
  abs: string;
  /** Shown in diagnostics: relative to the working directory. */
  display: string;
  /** Relative to the inventory base (used in `__reclass__.uri`). */
  rel: string;
  /** Reclass `pathname`: path below its root, without extension. */
  pathname: string;
}

export interface Storage {
  kind: 'reclass' | 'lmac';
  baseDir: string;
  settings: Settings;
  classes: Map<string, FileRef>;
  nodes: Map<string, FileRef>;
  /** Errors that make the whole inventory unusable (Reclass fails every node on them). */
  diagnostics: Diagnostic[];
}

const EXTENSIONS = ['.yml', '.yaml'];
const SKIP_DIRS = new Set(['CVS', 'SCCS']);

export function displayPath(abs: string): string {
  const rel = path.relative(process.cwd(), abs);
  return rel === '' ? '.' : rel;
}

interface Found {
  abs: string;
  /** Directory parts below the root. */
  dirs: string[];
  base: string;
}

/** Walks like os.walk(followlinks=True): dot-directories and CVS/SCCS skipped, link loops cut. */
function walk(root: string, skip?: (dirs: string[]) => boolean): Found[] {
  const out: Found[] = [];
  const seen = new Set<string>();
  const visit = (dir: string, dirs: string[]): void => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      return;
    }
    if (seen.has(real)) return;
    seen.add(real);
    const entries = readdirSync(dir).sort();
    for (const name of entries) {
      const abs = path.join(dir, name);
      let st;
      try {
        st = statSync(abs);
      } catch {
        continue;
      }
      if (st.isDirectory()) {
        if (name.startsWith('.') || SKIP_DIRS.has(name)) continue;
        const sub = [...dirs, name];
        if (skip?.(sub)) continue;
        visit(abs, sub);
      } else if (st.isFile()) {
        const ext = EXTENSIONS.find((e) => name.endsWith(e));
        if (ext) out.push({ abs, dirs, base: name.slice(0, -ext.length) });
      }
    }
  };
  visit(root, []);
  return out;
}

function register(
  map: Map<string, FileRef>,
  name: string,
  ref: FileRef,
  what: string,
  diagnostics: Diagnostic[],
): void {
  const prev = map.get(name);
  if (prev) {
    diagnostics.push(
      error(Codes.DUPLICATE_NAME, `${what} '${name}' is defined twice: in ${ref.display} and in ${prev.display}`, { file: ref.display, line: 1, col: 1 }, [
        { message: 'first definition', location: { file: prev.display, line: 1, col: 1 } },
      ]),
    );
    return;
  }
  map.set(name, ref);
}

function classNameOf(f: Found, prefix: string[]): string {
  const parts = [...prefix, ...f.dirs];
  if (f.base !== 'init' || f.dirs.length === 0) parts.push(f.base);
  return parts.join('.');
}

function indexClasses(root: string, base: string, prefix: string[], map: Map<string, FileRef>, diagnostics: Diagnostic[], skip?: (dirs: string[]) => boolean): void {
  for (const f of walk(root, skip)) {
    const relDir = f.dirs.join('/');
    register(
      map,
      classNameOf(f, prefix),
      { abs: f.abs, display: displayPath(f.abs), rel: path.relative(base, f.abs), pathname: relDir ? `${relDir}/${f.base}` : f.base },
      'class',
      diagnostics,
    );
  }
}

function indexNodes(root: string, base: string, compose: boolean, map: Map<string, FileRef>, diagnostics: Diagnostic[]): void {
  for (const f of walk(root)) {
    const relDir = f.dirs.join('/');
    let name = f.base;
    if (compose && f.dirs.length > 0 && !f.dirs[0].startsWith('_')) name = [...f.dirs, f.base].join('.');
    // Reclass keeps './' for nodes at the top unless compose_node_name is set.
    const pathname = relDir ? `${relDir}/${f.base}` : compose ? f.base : `./${f.base}`;
    register(map, name, { abs: f.abs, display: displayPath(f.abs), rel: path.relative(base, f.abs), pathname }, 'node', diagnostics);
  }
}

/** A plain Reclass inventory directory. */
/** The directory's real path: paths shown relative to the working directory (itself a real path) stay short behind symlinks. */
function realDir(dir: string): string {
  const abs = path.resolve(dir);
  try {
    return realpathSync(abs);
  } catch {
    return abs;
  }
}

export function openReclassDir(dir: string): Storage {
  const baseDir = realDir(dir);
  const diagnostics: Diagnostic[] = [];
  let settings: Settings = { ...DEFAULT_SETTINGS };
  const storage: Storage = { kind: 'reclass', baseDir, settings, classes: new Map(), nodes: new Map(), diagnostics };
  if (!existsSync(baseDir) || !statSync(baseDir).isDirectory()) {
    diagnostics.push(error(Codes.INVENTORY_NOT_FOUND, `inventory directory ${dir} does not exist`));
    return storage;
  }
  const cfgPath = path.join(baseDir, 'reclass-config.yml');
  if (existsSync(cfgPath)) {
    const text = readFileSync(cfgPath, 'utf8');
    const loaded = loadYaml(text, displayPath(cfgPath));
    if (!loaded.ok) diagnostics.push(...loaded.diagnostics);
    else {
      const r = settingsFromConfig(loaded.value, displayPath(cfgPath), text);
      settings = r.settings;
      diagnostics.push(...r.diagnostics);
    }
  }
  storage.settings = settings;
  const nodesDir = path.resolve(baseDir, settings.nodesUri);
  const classesDir = path.resolve(baseDir, settings.classesUri);
  if (nodesDir === classesDir || nodesDir.startsWith(classesDir + path.sep) || classesDir.startsWith(nodesDir + path.sep)) {
    diagnostics.push(error(Codes.CONFIG_INVALID, `nodes_uri and classes_uri must not overlap: ${nodesDir} and ${classesDir}`));
    return storage;
  }
  for (const [d, what] of [[nodesDir, 'nodes'], [classesDir, 'classes']] as const) {
    if (!existsSync(d)) diagnostics.push(error(Codes.INVENTORY_NOT_FOUND, `no ${what} directory: ${displayPath(d)}`));
  }
  if (diagnostics.length > 0) return storage;
  indexClasses(classesDir, baseDir, [], storage.classes, diagnostics);
  indexNodes(nodesDir, baseDir, settings.composeNodeName, storage.nodes, diagnostics);
  return storage;
}

/** The lmac layout: one cluster domain of a model repository. */
export function openLmacCluster(root: string, cluster: string): Storage {
  const baseDir = realDir(root);
  const diagnostics: Diagnostic[] = [];
  const settings: Settings = { ...DEFAULT_SETTINGS };
  const storage: Storage = { kind: 'lmac', baseDir, settings, classes: new Map(), nodes: new Map(), diagnostics };
  const clustersDir = path.join(baseDir, 'clusters');
  const clusterDir = path.join(clustersDir, cluster);
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(cluster) || !existsSync(clusterDir)) {
    const known = existsSync(clustersDir) ? listClusters(baseDir) : [];
    diagnostics.push(
      error(Codes.INVENTORY_NOT_FOUND, `no cluster '${cluster}' in ${displayPath(clustersDir)}${known.length ? ` (clusters: ${known.join(', ')})` : ''}`),
    );
    return storage;
  }
  const modelsDir = path.join(baseDir, 'models');
  if (existsSync(modelsDir)) indexClasses(modelsDir, baseDir, [], storage.classes, diagnostics);
  // Every cluster's classes are visible as cluster.<name>.*; only its own nodes are built.
  indexClasses(clustersDir, baseDir, ['cluster'], storage.classes, diagnostics, (dirs) => dirs.length === 2 && dirs[1] === 'nodes');
  const nodesDir = path.join(clusterDir, 'nodes');
  if (existsSync(nodesDir)) indexNodes(nodesDir, baseDir, false, storage.nodes, diagnostics);
  return storage;
}

/** Cluster domains of a model repository: clusters/<name>/ folders, sorted. */
export function listClusters(root: string): string[] {
  const dir = path.join(path.resolve(root), 'clusters');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => !n.startsWith('.') && statSync(path.join(dir, n)).isDirectory())
    .sort();
}
