/**
 * Reads the model library (models/ under the repository root) into
 * LibraryClass records for the catalogue: the only I/O of `lmac catalog`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/index.js';
import { Codes, error } from '../diagnostics/index.js';
import { loadYaml } from '../inventory/yaml-load.js';
import type { LibraryClass } from './catalog.js';

function yamlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...yamlFiles(p));
    else if (e.isFile() && e.name.endsWith('.yml')) out.push(p);
  }
  return out.sort();
}

/** The header paragraph `# class <name>: summary ...` of a class file, as one line. */
export function headerSummary(source: string): string {
  const lines: string[] = [];
  for (const line of source.split('\n')) {
    const m = /^#\s?(.*)$/.exec(line);
    if (!m || m[1].trim() === '') break;
    lines.push(m[1].trim());
  }
  const joined = lines.join(' ');
  const h = /^class [^:]+:\s*(.*)$/.exec(joined);
  return (h ? h[1] : joined).replace(/\s+/g, ' ').trim();
}

/** Class name of a file under models/ (Reclass: `init.yml` stands for its folder). */
function className(rel: string): string {
  const parts = rel.replace(/\.yml$/, '').split(path.sep);
  if (parts[parts.length - 1] === 'init') parts.pop();
  return parts.join('.');
}

export function loadLibrary(root: string): { classes: LibraryClass[]; diagnostics: Diagnostic[] } {
  const models = path.join(root, 'models');
  const classes: LibraryClass[] = [];
  const diagnostics: Diagnostic[] = [];
  const files = yamlFiles(models);
  if (files.length === 0) diagnostics.push(error(Codes.CATALOG_INVALID, `no class files under ${path.relative(process.cwd(), models) || models}: the catalogue lists models/service and models/system`));
  for (const abs of files) {
    const file = path.relative(root, abs).split(path.sep).join('/');
    const shown = path.relative(process.cwd(), abs) || abs;
    let source: string;
    try {
      source = fs.readFileSync(abs, 'utf8');
    } catch (e) {
      diagnostics.push(error(Codes.FILE_UNREADABLE, `cannot read ${shown}: ${(e as Error).message}`, { file: shown, line: 0, col: 0 }));
      continue;
    }
    const loaded = loadYaml(source, shown);
    if (!loaded.ok) {
      diagnostics.push(...loaded.diagnostics);
      continue;
    }
    const doc = loaded.value ?? {};
    if (typeof doc !== 'object' || Array.isArray(doc)) {
      diagnostics.push(error(Codes.CATALOG_INVALID, `${shown} is not a mapping of classes/applications/parameters`, { file: shown, line: 1, col: 1 }));
      continue;
    }
    const d = doc as Record<string, unknown>;
    const params = d.parameters ?? {};
    const lma = typeof params === 'object' && params !== null && !Array.isArray(params) ? ((params as Record<string, unknown>).lma ?? {}) : {};
    if (typeof lma !== 'object' || lma === null || Array.isArray(lma)) {
      diagnostics.push(error(Codes.CATALOG_INVALID, `parameters:lma of ${shown} is not a mapping`, { file: shown, line: 1, col: 1 }));
      continue;
    }
    const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
    classes.push({
      name: className(path.relative(models, abs)),
      file,
      summary: headerSummary(source),
      applications: list(d.applications),
      classes: list(d.classes),
      lma: lma as Record<string, unknown>,
    });
  }
  return { classes, diagnostics };
}
