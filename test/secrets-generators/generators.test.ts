/**
 * Every generator renders a secret reference as the indirection its target
 * reads, per the domain's lma.secrets declarations, never as the reference or
 * a value: Telegraf and Fluent Bit `${ENV}`, Grafana `$ENV`, Sensu env Secrets,
 * Alertmanager `*_file`, Kubernetes secretKeyRef env and projected Secret
 * files; collectd refuses (LMAC357).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseToml } from 'smol-toml';
import { parse, parseAllDocuments } from 'yaml';
import { ROOT } from '../helpers/tools.js';
import { allText, buildVariant, cleanUp, CUSTOM, customDemo } from './model.js';

afterAll(cleanUp);

const REF = '?{secret:';

describe('GIVEN the demo with custom lma.secrets declarations (env, file, Kubernetes Secret and key)', () => {
  const built = customDemo();
  const files = built.files;
  const text = allText(files);

  it('WHEN built THEN there is no error, and no output holds a reference or a default variable of a declared secret', () => {
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(files.size).toBeGreaterThan(0);
    expect(text).not.toContain(REF);
    for (const v of ['LMAC_SECRET_INFLUXDB_PASSWORD', 'LMAC_SECRET_ELASTICSEARCH_PASSWORD', 'LMAC_SECRET_RABBITMQ_MONITOR_PASSWORD', 'LMAC_SECRET_SLACK_WEBHOOK_URL', '/etc/lmac/secrets/']) expect(text).not.toContain(v);
  });

  it('WHEN a Telegraf config is read THEN the InfluxDB and RabbitMQ passwords are "${ENV}" of their declarations, the only `$` in the file', () => {
    const conf = files.get('collectors/ctl01/telegraf.conf') ?? '';
    expect(conf).toContain('password = "${INFLUX_PW}"');
    expect(conf).toContain('password = "${RMQ_PW}"');
    // Every `$` is a secret's variable (the others keep their default names: Galera's DSN).
    const vars = [...conf.matchAll(/\$\{([A-Z0-9_]+)\}/g)].map((m) => m[1]);
    expect([...conf.matchAll(/\$/g)]).toHaveLength(vars.length);
    expect(new Set(vars)).toEqual(new Set(['INFLUX_PW', 'RMQ_PW', 'LMAC_SECRET_GALERA_MONITOR_DSN']));
    const doc = parseToml(conf) as { outputs: { influxdb: { username: string; password: string }[] }; inputs: { rabbitmq: { password: string }[] } };
    expect(doc.outputs.influxdb[0]).toMatchObject({ username: 'lma', password: '${INFLUX_PW}' });
    expect(doc.inputs.rabbitmq[0].password).toBe('${RMQ_PW}');
  });

  it('WHEN the remote collector config is read THEN its one `$` is the InfluxDB password (model text stays \\u0024)', () => {
    const conf = files.get('remote-collector/telegraf.conf') ?? '';
    expect(conf).toContain('password = "${INFLUX_PW}"');
    // Besides it, the Elasticsearch input's and the openstack inputs' passwords (the latter's default variable name).
    const vars = [...conf.matchAll(/\$\{([A-Z0-9_]+)\}/g)].map((m) => m[1]);
    expect([...conf.matchAll(/\$/g)]).toHaveLength(vars.length);
    expect(new Set(vars)).toEqual(new Set(['INFLUX_PW', 'ES_PW', 'LMAC_SECRET_OPENSTACK_MONITOR_PASSWORD']));
  });

  it('WHEN a Fluent Bit config is read THEN the Elasticsearch password is ${ENV} of its declaration', () => {
    const conf = files.get('collectors/ctl01/fluent-bit.conf') ?? '';
    expect(conf).toMatch(/^ {4}HTTP_User +lma$/m);
    expect(conf).toMatch(/^ {4}HTTP_Passwd +\$\{ES_PW\}$/m);
  });

  it('WHEN Grafana provisioning is read THEN both datasource passwords are $ENV of their declarations', () => {
    const doc = parse(files.get('grafana/provisioning/datasources.yml') ?? '') as { datasources: { type: string; secureJsonData?: Record<string, string> }[] };
    const by = Object.fromEntries(doc.datasources.map((d) => [d.type, d.secureJsonData]));
    expect(by.influxdb).toEqual({ password: '$INFLUX_PW' });
    expect(by.elasticsearch).toEqual({ basicAuthPassword: '$ES_PW' });
  });

  it('WHEN Sensu resources are read THEN the Slack handler names a Secret of the env provider whose id is the declared variable', () => {
    const secrets = parseAllDocuments(files.get('sensu/secrets.yml') ?? '').map((d) => d.toJS());
    expect(secrets).toEqual([expect.objectContaining({ type: 'Secret', metadata: expect.objectContaining({ name: 'lma_slack_webhook_url' }), spec: { id: 'SLACK_URL', provider: 'env' } })]);
    expect(files.get('sensu/handlers.yml')).toContain('secret: lma_slack_webhook_url');
  });

  it('WHEN Alertmanager is read THEN the Slack receivers read the URL from the declared file', () => {
    const doc = parse(files.get('alertmanager/alertmanager.yml') ?? '') as { receivers: { name: string; slack_configs?: { api_url?: string; api_url_file?: string }[] }[] };
    const slack = doc.receivers.filter((r) => r.slack_configs);
    expect(slack.map((r) => r.name)).toEqual(['default', 'slack']);
    for (const r of slack) expect(r.slack_configs).toEqual([expect.objectContaining({ api_url_file: '/run/lma/slack/url' })]);
    expect(slack.some((r) => r.slack_configs?.some((c) => 'api_url' in c))).toBe(false);
  });

  describe('WHEN the Kubernetes manifests are read', () => {
    const objs = [...files].filter(([p]) => p.startsWith('kubernetes/') && !p.endsWith('kustomization.yaml')).flatMap(([, c]) => parseAllDocuments(c).map((d) => d.toJS() as any));
    type Env = { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } } };
    const secretEnv = (kind: string, name: string, container: string): Record<string, unknown> => {
      const o = objs.find((x) => x.kind === kind && x.metadata.name === name);
      const c = o?.spec.template.spec.containers.find((x: { name: string }) => x.name === container);
      if (!c) throw new Error(`no container ${container} in ${kind}/${name}`);
      return Object.fromEntries(((c.env ?? []) as Env[]).filter((e) => e.valueFrom?.secretKeyRef).map((e) => [e.name, e.valueFrom?.secretKeyRef]));
    };
    const ref = (s: keyof typeof CUSTOM): object => ({ name: CUSTOM[s].secret, key: CUSTOM[s].key });
    // A secret without a custom declaration: the default Secret and key (its name, / as .).
    const byDefault = (s: string): object => ({ name: 'lmac-secrets', key: s.replace(/\//g, '.') });

    it('THEN each collector pod gets exactly the secrets its own config reads, from the declared Secret keys', () => {
      expect(secretEnv('DaemonSet', 'telegraf-ctl01', 'telegraf')).toEqual({ INFLUX_PW: ref('influxdb/password'), RMQ_PW: ref('rabbitmq/monitor_password'), LMAC_SECRET_GALERA_MONITOR_DSN: byDefault('galera/monitor_dsn') });
      expect(secretEnv('DaemonSet', 'telegraf-cmp01', 'telegraf')).toEqual({ INFLUX_PW: ref('influxdb/password') });
      expect(secretEnv('DaemonSet', 'fluent-bit-ctl01', 'fluent-bit')).toEqual({ ES_PW: ref('elasticsearch/password') });
      expect(secretEnv('Deployment', 'remote-collector', 'telegraf')).toEqual({ INFLUX_PW: ref('influxdb/password'), ES_PW: ref('elasticsearch/password'), LMAC_SECRET_OPENSTACK_MONITOR_PASSWORD: byDefault('openstack/monitor_password') });
    });

    it('THEN Grafana and the Sensu backend get their secrets as env; the Sensu sidecar and Prometheus get none', () => {
      const grafana = secretEnv('Deployment', 'grafana', 'grafana');
      expect(grafana).toMatchObject({ INFLUX_PW: ref('influxdb/password'), ES_PW: ref('elasticsearch/password') });
      // Grafana's own admin password is not a model secret: optional, from grafana-secrets.
      expect(grafana.GF_SECURITY_ADMIN_PASSWORD).toEqual({ name: 'grafana-secrets', key: 'GF_SECURITY_ADMIN_PASSWORD', optional: true });
      expect(Object.keys(grafana).sort()).toEqual(['ES_PW', 'GF_SECURITY_ADMIN_PASSWORD', 'INFLUX_PW']);
      const sensu = secretEnv('Deployment', 'sensu-backend', 'sensu-backend');
      expect(sensu.SLACK_URL).toEqual(ref('slack/webhook_url'));
      expect(Object.keys(sensu).sort()).toEqual(['SENSU_BACKEND_CLUSTER_ADMIN_PASSWORD', 'SENSU_BACKEND_CLUSTER_ADMIN_USERNAME', 'SLACK_URL']);
      expect(secretEnv('Deployment', 'sensu-backend', 'apply-resources').SLACK_URL).toBeUndefined();
      expect(secretEnv('Deployment', 'prometheus', 'prometheus')).toEqual({});
    });

    it('THEN no pod takes a whole Secret with envFrom', () => {
      expect(JSON.stringify(objs)).not.toContain('envFrom');
    });

    it('THEN Alertmanager mounts the declared Secret key at the declared file, and no Secret object is generated', () => {
      const dep = objs.find((x) => x.kind === 'Deployment' && x.metadata.name === 'alertmanager');
      const mount = dep.spec.template.spec.containers[0].volumeMounts.find((m: { mountPath: string }) => m.mountPath === '/run/lma/slack');
      expect(mount).toMatchObject({ readOnly: true });
      const volume = dep.spec.template.spec.volumes.find((v: { name: string }) => v.name === mount.name);
      expect(volume.projected.sources).toEqual([{ secret: { name: 'slack-creds', items: [{ key: 'url', path: 'url' }] } }]);
      expect(objs.filter((o) => o.kind === 'Secret')).toEqual([]);
    });
  });
});

describe('GIVEN the demo built with the default declarations', () => {
  const built = buildVariant('demo', {});
  const files = built.files;

  it('WHEN read THEN the defaults apply: LMAC_SECRET_<NAME>, /etc/lmac/secrets/<name>, Secret lmac-secrets with key <name> with / as .', () => {
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(files.get('collectors/ctl01/telegraf.conf')).toContain('password = "${LMAC_SECRET_RABBITMQ_MONITOR_PASSWORD}"');
    expect(files.get('alertmanager/alertmanager.yml')).toContain("api_url_file: '/etc/lmac/secrets/slack/webhook_url'");
    const ds = parseAllDocuments(files.get('kubernetes/telegraf-daemonset.yaml') ?? '').map((d) => d.toJS() as any).find((o) => o.metadata.name === 'telegraf-ctl01');
    const env = ds.spec.template.spec.containers[0].env.find((e: { name: string }) => e.name === 'LMAC_SECRET_RABBITMQ_MONITOR_PASSWORD');
    expect(env.valueFrom.secretKeyRef).toEqual({ name: 'lmac-secrets', key: 'rabbitmq.monitor_password' });
  });
});

// prx01: the demo node with the fewest services, so collectd (which translates fewer metrics than Telegraf) is the only finding.
describe('GIVEN a legacy-collector (collectd) node with an apache input whose password is a secret reference', () => {
  const node = readFileSync(path.join(ROOT, 'clusters/demo/nodes/prx01.yml'), 'utf8');
  const built = buildVariant('demo', {
    'clusters/demo/nodes/prx01.yml': {
      append: [
        '  lma:',
        '    roles: {legacy_collector: true}',
        '    secrets:',
        '      apache/password: {description: test}',
        '    inputs:',
        '      apache:',
        '        plugin: apache',
        '        service: apache',
        "        options: {urls: ['http://localhost/server-status?auto'], username: lma, password: '?{secret:apache/password}'}",
        '',
      ].join('\n'),
    },
  });

  it('WHEN built THEN collectd refuses it (LMAC357) at the reference, naming Telegraf as the way, and nothing is written', () => {
    const errors = built.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.code)).toEqual(['LMAC357']);
    expect(errors[0].message).toContain('collectd cannot read a secret indirectly');
    expect(errors[0].message).toContain('Telegraf');
    expect(errors[0].location?.file).toMatch(/clusters\/demo\/nodes\/prx01\.yml$/);
    expect(errors[0].location?.line).toBe(node.split('\n').length - 1 + 9);
    expect(built.files.size).toBe(0);
  });
});

describe('GIVEN two secrets declared with the same environment variable but different Secret keys', () => {
  const built = buildVariant('demo', {
    'clusters/demo/init.yml': { replace: [['        description: Password of the Elasticsearch user lma (Fluent Bit writes, Grafana reads)\n', '        description: Password of the Elasticsearch user lma (Fluent Bit writes, Grafana reads)\n        env: LMAC_SECRET_INFLUXDB_PASSWORD\n']] },
  });

  it('WHEN built THEN it is LMAC358, naming both secrets', () => {
    const errors = built.diagnostics.filter((d) => d.code === 'LMAC358');
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toContain('elasticsearch/password');
    expect(errors[0].message).toContain('influxdb/password');
  });
});
