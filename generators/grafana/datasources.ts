/**
 * The Grafana datasources of a domain: one per enabled backend that Grafana
 * can query (Prometheus, InfluxDB, Elasticsearch), with stable uids so that
 * dashboards refer to them by uid, and the provisioning files that create
 * them (Grafana's `apiVersion: 1` provisioning format).
 */
import type { DataSourceRef } from '@grafana/grafana-foundation-sdk/common';
import type { Lma } from '../../src/model/lma-types.js';
import type { NodeModel } from '../../src/model/node-model.js';
import { ENV_NAME, secretEnv, type SecretEnv } from '../secrets/indirection.js';

export type DatasourceKind = 'prometheus' | 'influxdb' | 'elasticsearch';
export const DATASOURCE_KINDS: readonly DatasourceKind[] = ['prometheus', 'influxdb', 'elasticsearch'];

export function datasourceRef(kind: DatasourceKind): DataSourceRef {
  return { type: kind, uid: `lmac-${kind}` };
}

/** Where Grafana finds the dashboard files (the deployment mounts grafana/dashboards/ there). */
export const DASHBOARDS_PATH = '/var/lib/grafana/dashboards/lmac';

/** The domain's backends by kind: the first node (by name) that enables each one. */
export function domainBackends(nodes: readonly NodeModel[]): Map<DatasourceKind, Lma['backends']> {
  const out = new Map<DatasourceKind, Lma['backends']>();
  const sorted = [...nodes].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const kind of DATASOURCE_KINDS) {
    const n = sorted.find((x) => x.lma?.backends[kind].enabled);
    if (n?.lma) out.set(kind, n.lma.backends);
  }
  return out;
}

/**
 * Grafana expands `$VAR` and `${VAR}` in provisioning files (its provisioning
 * docs, "Use environment variables"): a model value is data, so its `$` is
 * doubled; a secret reference becomes the environment variable it is declared
 * to come from (lma.secrets), which the deployment provides. It is written
 * `$VAR`, the form Grafana documents for a value that may itself hold a `$`
 * (no second expansion).
 */
function literal(s: string): string {
  return s.replaceAll('$', '$$$$');
}

function credential(s: string, env: SecretEnv): string {
  const name = env(s);
  if (name === null) return literal(s);
  if (!ENV_NAME.test(name)) throw new Error(`secret environment variable '${name}' is not a name Grafana expands`);
  return `$${name}`;
}

type Provisioned = Record<string, unknown>;

function influxdb(b: Lma['backends']['influxdb'], env: SecretEnv): Provisioned {
  const d: Provisioned = {
    name: 'InfluxDB',
    type: 'influxdb',
    uid: datasourceRef('influxdb').uid,
    access: 'proxy',
    url: literal(b.url),
    jsonData: { dbName: literal(b.database), httpMode: 'GET' },
    editable: false,
  };
  if (b.username) {
    d.user = credential(b.username, env);
    if (b.password) d.secureJsonData = { password: credential(b.password, env) };
  }
  return d;
}

function elasticsearch(b: Lma['backends']['elasticsearch'], env: SecretEnv): Provisioned {
  const d: Provisioned = {
    name: 'Elasticsearch',
    type: 'elasticsearch',
    uid: datasourceRef('elasticsearch').uid,
    access: 'proxy',
    url: literal(b.url),
    // The log collector writes daily indices `<prefix>-YYYY.MM.DD` with `@timestamp` (generators/collectors/fluent-bit.ts).
    jsonData: { index: `[${literal(b.index_prefix)}-]YYYY.MM.DD`, interval: 'Daily', timeField: '@timestamp' },
    editable: false,
  };
  if (b.username) {
    d.basicAuth = true;
    d.basicAuthUser = credential(b.username, env);
    if (b.password) d.secureJsonData = { basicAuthPassword: credential(b.password, env) };
  }
  return d;
}

/** The datasources of provisioning/datasources.yml, in kind order; the first is Grafana's default. */
export function provisionedDatasources(backends: ReadonlyMap<DatasourceKind, Lma['backends']>, secrets: Lma['secrets']): Provisioned[] {
  const env = secretEnv({ secrets });
  const out: Provisioned[] = [];
  for (const kind of DATASOURCE_KINDS) {
    const b = backends.get(kind);
    if (!b) continue;
    if (kind === 'prometheus') out.push({ name: 'Prometheus', type: 'prometheus', uid: datasourceRef('prometheus').uid, access: 'proxy', url: literal(b.prometheus.url), jsonData: { timeInterval: b.prometheus.scrape_interval }, editable: false });
    else if (kind === 'influxdb') out.push(influxdb(b.influxdb, env));
    else out.push(elasticsearch(b.elasticsearch, env));
  }
  if (out.length > 0) out[0].isDefault = true;
  return out;
}

/** provisioning/dashboards.yml: one file provider reading the generated dashboards. */
export function dashboardProvider(environment: string): Provisioned {
  return {
    name: 'lmac',
    orgId: 1,
    folder: literal(`LMA ${environment}`),
    type: 'file',
    disableDeletion: true,
    allowUiUpdates: false,
    updateIntervalSeconds: 60,
    options: { path: DASHBOARDS_PATH, foldersFromFilesStructure: false },
  };
}
