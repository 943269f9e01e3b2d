/**
 * The lmac command line. Every command has --help; diagnostics print as
 * `file:line:col: error LMACnnn: message` (or JSON with --json); exit codes:
 * 0 ok, 1 the model has errors, 2 usage.
 */
import { Command, CommanderError } from 'commander';
import { registerBuild } from './commands/build.js';
import { registerCatalog } from './commands/catalog.js';
import { registerDiff } from './commands/diff.js';
import { registerExplain } from './commands/explain.js';
import { registerInit } from './commands/init.js';
import { registerInventory } from './commands/inventory.js';
import { registerSchema } from './commands/schema.js';
import { registerSecrets } from './commands/secrets.js';
import { registerValidate } from './commands/validate.js';
import { UsageError } from './usage-error.js';
import { VERSION } from '../version.js';

export function createProgram(): Command {
  const program = new Command('lmac')
    .description('Logging, Monitoring and Alerting as code: compiles Reclass-style models into collector configs, alarm rules, dashboards and manifests')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerBuild(program);
  registerValidate(program);
  registerDiff(program);
  registerInit(program);
  registerInventory(program);
  registerExplain(program);
  registerSecrets(program);
  registerCatalog(program);
  registerSchema(program);
  for (const c of program.commands) c.exitOverride().showHelpAfterError('(run with --help for usage)');
  return program;
}

/** Runs lmac with `argv` (without node and script); resolves to the exit code. */
export async function run(argv: string[]): Promise<number> {
  process.exitCode = 0;
  try {
    await createProgram().parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`lmac: ${e.message}\n`);
      return 2;
    }
    const err = e as Error;
    process.stderr.write(`lmac: internal error: ${err?.message ?? String(e)}\n`);
    if (process.env.LMAC_DEBUG) process.stderr.write(`${err?.stack ?? ''}\n`);
    else process.stderr.write('(this is a bug in lmac; run with LMAC_DEBUG=1 for details and report it)\n');
    return 1;
  }
}
