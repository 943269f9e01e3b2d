/**
 * Demo variants for the secret tests: a temp copy of the shipped models/ and
 * clusters/ with text replaced in some files, built in-process.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildCluster, type ClusterBuild } from '../../src/build/pipeline.js';
import { GENERATORS } from '../../generators/index.js';
import { ROOT } from '../helpers/tools.js';

const temps: string[] = [];

export function cleanUp(): void {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
}

/** Edits of a copy: file -> [text to find, replacement] (each must be found), or `append` text. */
export type Edits = Record<string, { replace?: [string, string][]; append?: string }>;

export function buildVariant(cluster: string, edits: Edits): ClusterBuild {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lmac-secrets-'));
  temps.push(dir);
  cpSync(path.join(ROOT, 'models'), path.join(dir, 'models'), { recursive: true });
  cpSync(path.join(ROOT, 'clusters', cluster), path.join(dir, 'clusters', cluster), { recursive: true });
  for (const [file, e] of Object.entries(edits)) {
    const p = path.join(dir, file);
    let text = readFileSync(p, 'utf8');
    for (const [from, to] of e.replace ?? []) {
      if (!text.includes(from)) throw new Error(`${file} has no ${JSON.stringify(from)}`);
      text = text.replace(from, to);
    }
    writeFileSync(p, text + (e.append ?? ''));
  }
  return buildCluster(dir, cluster, GENERATORS);
}

/**
 * The demo with custom declarations (env, file, Kubernetes Secret and key) of
 * its four secrets, so the tests see declarations honoured, not the defaults.
 */
export const CUSTOM = {
  'influxdb/password': { env: 'INFLUX_PW', file: '/run/lma/influx', secret: 'influx-creds', key: 'pw' },
  'elasticsearch/password': { env: 'ES_PW', file: '/run/lma/es', secret: 'es-creds', key: 'pw' },
  'rabbitmq/monitor_password': { env: 'RMQ_PW', file: '/run/lma/rmq', secret: 'rmq-creds', key: 'pw' },
  'slack/webhook_url': { env: 'SLACK_URL', file: '/run/lma/slack/url', secret: 'slack-creds', key: 'url' },
} as const;

export const CUSTOM_SECRETS_YAML = `    secrets:\n${Object.entries(CUSTOM)
  .map(([name, c]) => `      ${name}: {description: test, env: ${c.env}, file: ${c.file}, kubernetes: {secret: ${c.secret}, key: ${c.key}}}\n`)
  .join('')}`;

/** The demo whose cluster class declares CUSTOM (it overrides the service classes' declarations). */
export function customDemo(): ClusterBuild {
  return buildVariant('demo', {
    'clusters/demo/init.yml': {
      replace: [[
        `    secrets:\n      influxdb/password:\n        description: Password of the InfluxDB user lma (Telegraf writes, Grafana reads)\n      elasticsearch/password:\n        description: Password of the Elasticsearch user lma (Fluent Bit writes, Grafana reads)\n`,
        CUSTOM_SECRETS_YAML,
      ]],
    },
  });
}

/** Every generated file but the inventory, which renders the model as Reclass does (references stay in it as text). */
export function allText(files: ReadonlyMap<string, string>): string {
  return [...files.entries()].filter(([f]) => !f.startsWith('inventory/')).map(([, c]) => c).join('\n');
}
