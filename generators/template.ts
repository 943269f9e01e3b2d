/**
 * Rendering templates/ (nunjucks) for generators whose output is a config
 * file format. Autoescape is off (the formats are not HTML). A generator
 * hands its template a view model of literals already written in the target
 * format (generators/collectors/formats/: escaped, or refused with LMAC300),
 * never raw model strings, so a template cannot forget to escape. Template
 * code only comes from templates/: model strings are data, never evaluated.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';

let env: nunjucks.Environment | undefined;

/** templates/ of the lmac package (from generators/ under test, from dist/generators/ when built). */
function templatesDir(): string {
  let d = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(d, 'templates', 'collectors'))) {
    const up = path.dirname(d);
    if (up === d) throw new Error('lmac is installed without its templates/ folder');
    d = up;
  }
  return path.join(d, 'templates');
}

function environment(): nunjucks.Environment {
  if (env) return env;
  env = new nunjucks.Environment(new nunjucks.FileSystemLoader(templatesDir()), { autoescape: false, throwOnUndefined: true, trimBlocks: true, lstripBlocks: true });
  return env;
}

/** Renders templates/<name> with a view model built by the generator. */
export function render(name: string, context: object): string {
  return environment().render(name, context);
}
