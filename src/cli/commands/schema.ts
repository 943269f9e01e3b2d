/**
 * `lmac schema`: lmac's JSON Schemas, for editors (yaml-language-server) and
 * other tools. They are the files lmac itself validates with.
 */
import type { Command } from 'commander';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SCHEMA_FILES, schemaDir } from '../../schema/files.js';
import { writeStdout } from '../stdout.js';

interface Options {
  out?: string;
}

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('print the schema of the lma namespace, or write every lmac JSON Schema into a directory (for editors)')
    .option('-o, --out <dir>', `write ${SCHEMA_FILES.join(', ')} into <dir> (other files there are left alone)`)
    .addHelpText(
      'after',
      '\nFiles:\n  class.schema.json      a class or node file (associate it with models/**/*.yml and clusters/**/*.yml)\n  lma-class.schema.json  the lma fragment one class writes (references and ~keys allowed)\n  lma.schema.json        the merged lma namespace that lmac validates\n\nExamples:\n  lmac schema --out .lmac/schema\n  lmac schema > lma.schema.json\n',
    )
    .action(async (opts: Options) => {
      process.exitCode = await schemaCommand(opts);
    });
}

export async function schemaCommand(opts: Options): Promise<number> {
  if (!opts.out) {
    await writeStdout([readFileSync(path.join(schemaDir(), 'lma.schema.json'), 'utf8')]);
    return 0;
  }
  const out = path.resolve(opts.out);
  mkdirSync(out, { recursive: true });
  for (const f of SCHEMA_FILES) writeFileSync(path.join(out, f), readFileSync(path.join(schemaDir(), f)));
  process.stderr.write(`wrote ${SCHEMA_FILES.length} schemas to ${path.relative(process.cwd(), out) || '.'}: ${SCHEMA_FILES.join(', ')}\n`);
  return 0;
}
