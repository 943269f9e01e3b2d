/**
 * Telegraf configs: every generated file parses as TOML (smol-toml) and fits
 * the schema of the Telegraf sections lmac writes; model values are escaped
 * so that hostile strings come back unchanged and Telegraf's `${VAR}`
 * substitution (done on the raw file) never sees them.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { UnrepresentableValue } from '../../generators/collectors/formats/errors.js';
import { telegrafConf } from '../../generators/collectors/telegraf.js';
import { compileModel } from '../../src/build/pipeline.js';
import type { Input, Lma } from '../../src/model/lma-types.js';
import { ROOT } from '../helpers/tools.js';

const schema = JSON.parse(readFileSync(path.join(ROOT, 'test/collectors/telegraf-sections.schema.json'), 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

function demoLma(): Lma {
  const { model } = compileModel(ROOT, 'demo');
  const n = model?.nodes.find((x) => x.lma?.roles.metric_collector);
  if (!n?.lma) throw new Error('the demo has no metric collector');
  return n.lma;
}

function files(dir: string, name: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => path.basename(f) === name || f.endsWith('.conf') && name === '*.conf').map((f) => path.join(dir, f));
}

describe('GIVEN the Telegraf configs of out/demo', () => {
  const confs = [...files(path.join(ROOT, 'out/demo/collectors'), 'telegraf.conf'), ...files(path.join(ROOT, 'out/demo/remote-collector'), '*.conf')];

  it('WHEN listed THEN every metric collector node and the remote collector have one', () => {
    expect(confs.map((f) => path.relative(path.join(ROOT, 'out/demo'), f)).sort()).toEqual([
      'collectors/cmp01/telegraf.conf',
      'collectors/cmp02/telegraf.conf',
      'collectors/ctl01/telegraf.conf',
      'collectors/ctl02/telegraf.conf',
      'collectors/ctl03/telegraf.conf',
      'collectors/mon01/telegraf.conf',
      'collectors/prx01/telegraf.conf',
      'remote-collector/telegraf.conf',
    ]);
  });

  // Every Telegraf config lmac built: the demo's and the golden cases'.
  const golden = readdirSync(path.join(ROOT, 'test/cases')).flatMap((c) => files(path.join(ROOT, 'test/cases', c, 'out'), '*.conf').filter((f) => /telegraf\.conf$|kafka-consumer\.conf$/.test(f)));
  it.each([...confs, ...golden].map((f) => [path.relative(ROOT, f), f]))('WHEN %s is parsed as TOML THEN it fits the schema of the Telegraf sections', (_rel, file) => {
    const doc = parse(readFileSync(file, 'utf8'));
    const ok = validate(doc);
    expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('WHEN a node config is read THEN hostname and environment are global tags, Telegraf adds no host tag, and inputs carry their service', () => {
    const doc = parse(readFileSync(path.join(ROOT, 'out/demo/collectors/ctl01/telegraf.conf'), 'utf8')) as { global_tags: Record<string, string>; agent: Record<string, unknown>; inputs: Record<string, { alias: string; tags?: Record<string, string> }[]> };
    expect(doc.global_tags).toMatchObject({ hostname: 'ctl01', environment: 'demo.example.net' });
    expect(doc.agent.omit_hostname).toBe(true);
    expect(doc.inputs.procstat.find((p: { alias?: string }) => p.alias === 'rabbitmq_process')).toMatchObject({ alias: 'rabbitmq_process', pattern: 'beam.smp', tags: { service: 'rabbitmq' } });
  });
});

describe('GIVEN model values that are hostile to TOML or to Telegraf', () => {
  const hostile = ['say "hi"', 'C:\\temp\\x', '# not a comment', '{{ x }} {% y %}', '${HOME} and $HOME and $$', 'two\nlines\r\n', 'tab\there', 'nul\u0000bell\u0007', 'ünï © 🐘', "single ' quote", ']]\n[inputs.exec]\ncommands = ["rm -rf /"]'];

  it('WHEN rendered as options, tags and the service THEN each parses back to exactly itself, and the raw text has no `$`', () => {
    const lma = demoLma();
    // No credentials: their secret reference is the one `${...}` Telegraf may substitute (test/secrets-generators).
    lma.backends.influxdb.username = '';
    const input: Input = { plugin: 'exec', scope: 'node', service: hostile[0], enabled: true, exporter: '', interval: '', options: { commands: hostile, data_format: hostile[4], tags: { note: hostile[5] } } };
    const text = telegrafConf({ title: 'test', tags: { hostname: hostile[2], environment: hostile[4] }, inputs: [{ name: hostile[3], input, path: ['lma', 'inputs', 'x'] }], backends: lma.backends, secrets: lma.secrets, listen: ':9273' });
    expect(text).not.toContain('$');
    const doc = parse(text) as { global_tags: Record<string, string>; inputs: Record<string, Record<string, unknown>[]> };
    expect(Object.keys(doc.inputs)).toEqual(['exec']);
    expect(doc.inputs.exec).toHaveLength(1);
    expect(doc.inputs.exec[0]).toEqual({ alias: hostile[3], commands: hostile, data_format: hostile[4], tags: { note: hostile[5], service: hostile[0] } });
    expect(doc.global_tags).toEqual({ hostname: hostile[2], environment: hostile[4] });
  });

  it('WHEN a plugin name is not a Telegraf plugin name THEN it is refused with its path in the model', () => {
    const lma = demoLma();
    const input: Input = { plugin: 'cpu]]\n[agent', scope: 'node', service: '', enabled: true, exporter: '', interval: '', options: {} };
    let thrown: unknown;
    try {
      telegrafConf({ title: 't', tags: {}, inputs: [{ name: 'x', input, path: ['lma', 'inputs', 'x'] }], backends: lma.backends, secrets: lma.secrets, listen: ':9273' });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(UnrepresentableValue);
    expect((thrown as UnrepresentableValue).path).toEqual(['lma', 'inputs', 'x', 'plugin']);
  });
});
