/**
 * The Grafana datasources of a domain: one per enabled backend that Grafana
 * can query (Prometheus, InfluxDB, Elasticsearch), with stable uids so that
 * dashboards refer to them by uid, and the provisioning files that create
 * them (Grafana's `apiVersion: 1` provisioning format).
 */
import type { DataSourceRef } from '@grafana/grafana-foundation-sdk/common';
import type { Lma } from '../../src/model/lma-types.js';
import type { NodeModel } from '../../src/model/node-model.js';
import { secretEnvVar } from '../collectors/formats/fluentbit.js';

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
 * Grafana expands `$VAR` and `${VAR}` in provisioning files: a model value is
 * data, so its `$` is doubled; a secret reference becomes the environment
 * variable the deployment provides (as for the collectors).
 */
function literal(s: string): string {
  return s.replaceAll('$', '$$$$');
}

function credential(s: string): string {
  const env = secretEnvVar(s);
  return env ? `\${${env}}` : literal(s);
}

type Provisioned = Record<string, unknown>;

function influxdb(b: Lma['backends']['influxdb']): Provisioned {
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
    d.user = literal(b.username);
    if (b.password) d.secureJsonData = { password: credential(b.password) };
  }
  return d;
}

function elasticsearch(b: Lma['backends']['elasticsearch']): Provisioned {
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
    d.basicAuthUser = literal(b.username);
    if (b.password) d.secureJsonData = { basicAuthPassword: credential(b.password) };
  }
  return d;
}

/** The datasources of provisioning/datasources.yml, in kind order; the first is Grafana's default. */
export function provisionedDatasources(backends: ReadonlyMap<DatasourceKind, Lma['backends']>): Provisioned[] {
  const out: Provisioned[] = [];
  for (const kind of DATASOURCE_KINDS) {
    const b = backends.get(kind);
    if (!b) continue;
    if (kind === 'prometheus') out.push({ name: 'Prometheus', type: 'prometheus', uid: datasourceRef('prometheus').uid, access: 'proxy', url: literal(b.prometheus.url), jsonData: { timeInterval: b.prometheus.scrape_interval }, editable: false });
    else if (kind === 'influxdb') out.push(influxdb(b.influxdb));
    else out.push(elasticsearch(b.elasticsearch));
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
