/**
 * The shipped domains keep every credential out of out/: each secret the
 * demo models declare gets a made-up value (as a deployment would put into
 * its Secret), and no generated file holds any of them, nor a reference. The
 * same grep finds a value that a model does write in plain text (so it can
 * fail), and every declared secret is used through an indirection.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { GENERATORS } from '../../generators/index.js';
import { buildCluster } from '../../src/build/pipeline.js';
import { referencesIn, secretSource } from '../../src/secrets/reference.js';
import { domainSecrets } from '../../generators/secrets/indirection.js';
import { ROOT } from '../helpers/tools.js';
import { buildVariant, cleanUp } from './model.js';

afterAll(cleanUp);

/** A made-up value per secret name, as a deployment would store it. */
function madeUp(names: Iterable<string>): Map<string, string> {
  return new Map([...names].map((n) => [n, `made-up-${n.replace(/\W/g, '-')}-Zq7!pW`]));
}

/** Each output file holding a value of `values` or a reference: `file: what`. */
function leaks(files: ReadonlyMap<string, string>, values: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const [file, content] of files) {
    for (const [name, value] of values) if (content.includes(value)) out.push(`${file}: value of ${name}`);
    // The inventory renders the model as Reclass does: a reference (a name) stays in it.
    if (!file.startsWith('inventory/') && content.includes('?{secret:')) out.push(`${file}: a secret reference`);
  }
  return out;
}

describe.each(['demo', 'k8s-demo'])('GIVEN the shipped domain %s built in-process', (cluster) => {
  const built = buildCluster(ROOT, cluster, GENERATORS);
  const nodes = built.model?.nodes ?? [];
  const declared = domainSecrets(nodes);
  const referenced = new Set(nodes.flatMap((n) => (n.lma ? referencesIn(n.lma).map((r) => r.name) : [])));
  const values = madeUp(Object.keys(declared));

  it('WHEN built THEN it has no error, declares secrets, and every secret it references is declared with a description', () => {
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(Object.keys(declared).length).toBeGreaterThan(0);
    for (const name of referenced) {
      expect(Object.keys(declared), name).toContain(name);
      expect(declared[name].description, name).not.toBe('');
    }
  });

  it('WHEN every output file is searched for the made-up value of each declared secret and for `?{secret:` THEN nothing is found', () => {
    expect(built.files.size).toBeGreaterThan(0);
    expect(leaks(built.files, values)).toEqual([]);
  });

  it('WHEN the output is read THEN every referenced secret is there as its indirection (its environment variable or its file)', () => {
    const text = [...built.files.values()].join('\n');
    for (const name of referenced) {
      const s = secretSource(name, declared[name]);
      expect(text.includes(s.env) || text.includes(s.file), name).toBe(true);
    }
  });
});

describe('GIVEN the demo with the InfluxDB password written in plain text (opted out in lma:plaintext_allowed)', () => {
  const value = madeUp(['influxdb/password']);
  const built = buildVariant('demo', {
    'clusters/demo/init.yml': {
      replace: [
        ['    influxdb_password: ?{secret:influxdb/password}\n', `    influxdb_password: '${value.get('influxdb/password')}'\n`],
        // The InfluxDB backend, and the influxdb input of mon01 that logs in with the same user (service.influxdb.server).
        ['  lma:\n    environment:', "  lma:\n    plaintext_allowed: ['backends:influxdb:password', 'inputs:influxdb:options:password']\n    environment:"],
      ],
    },
  });

  it('WHEN its output is searched the same way THEN the value is found (the search can fail)', () => {
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(leaks(built.files, value)).toContain('collectors/ctl01/telegraf.conf: value of influxdb/password');
  });
});
