/**
 * Sensu resources: the demo's validate against a JSON Schema written from
 * Sensu Go's documented resource format (no Sensu binary is available
 * offline), the schema refuses broken resources, each handler type becomes
 * its Sensu form, and the handler rules of alarms and clusters hold:
 * `enabled` -> the no-op handler, `enabled_with_notification` -> the named
 * handler or `default`, `disabled` -> no event.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { sensuGenerator } from '../../generators/sensu/index.js';
import { routes } from '../../generators/sensu/delivery.js';
import type { Artifact } from '../../src/build/generator.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { compileModel } from '../../src/build/pipeline.js';
import type { ClusterModel } from '../../src/model/cluster-model.js';
import type { Handler } from '../../src/model/lma-types.js';
import { ROOT } from '../helpers/tools.js';

const schema = JSON.parse(readFileSync(path.join(ROOT, 'test/sensu/sensu-resources.schema.json'), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true, strict: false });
const validate = ajv.compile(schema);

interface Resource {
  type: string;
  api_version: string;
  metadata: { name: string; namespace?: string };
  spec: Record<string, unknown>;
}

function demo(): ClusterModel {
  const { model, diagnostics } = compileModel(ROOT, 'demo');
  if (!model) throw new Error(`the demo does not compile: ${JSON.stringify(diagnostics)}`);
  return model;
}

function generate(model: ClusterModel): { files: Artifact[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const files = sensuGenerator.generate(model, { version: 'test', report: (d) => diagnostics.push(d), previous: new Map() });
  return { files, diagnostics };
}

function resources(files: Artifact[]): Resource[] {
  return files.filter((f) => f.path.endsWith('.yml')).flatMap((f) => parseAllDocuments(f.content).map((d) => d.toJS() as Resource));
}

function errorsOf(r: unknown): string[] {
  return validate(r) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

/** A handler with the schema's defaults, as the validated model has it. */
function handler(h: Partial<Handler> & Pick<Handler, 'type'>): Handler {
  return { command: '', handlers: [], host: '', port: 3030, timeout: 60, filters: [], env: {}, ...h } as Handler;
}

describe('GIVEN the Sensu resources of the demo, generated in-process', () => {
  const model = demo();
  const { files, diagnostics } = generate(model);
  const all = resources(files);

  it('WHEN generated THEN there are handlers, filters, checks and secrets files, the delivery script and no diagnostic', () => {
    expect(files.map((f) => f.path)).toEqual([
      'sensu/bin/lma-sensu-events.json',
      'sensu/bin/lma-sensu-events.mjs',
      'sensu/checks.yml',
      'sensu/filters.yml',
      'sensu/handlers.yml',
      'sensu/secrets.yml',
    ]);
    expect(diagnostics).toEqual([]);
  });

  it.each(all.map((r) => [`${r.type} ${r.metadata.name}`, r]))('WHEN %s is checked against the schema THEN it is valid', (_n, r) => {
    expect(errorsOf(r)).toEqual([]);
  });

  it('WHEN generated twice THEN the bytes are the same', () => {
    expect(generate(demo()).files).toEqual(files);
  });

  it('WHEN the checks are read THEN every enabled lma:checks item is one check, empty subscribers mean the nodes themselves, empty handlers mean default', () => {
    const checks = Object.fromEntries(all.filter((r) => r.type === 'CheckConfig').map((r) => [r.metadata.name, r.spec]));
    // Every enabled lma:checks item of the domain's nodes, and the delivery check.
    const model = new Set(demo().nodes.flatMap((n) => Object.entries(n.lma?.checks ?? {}).filter(([, c]) => c.enabled).map(([k]) => k)));
    expect(Object.keys(checks).sort()).toEqual([...model, 'lma_alerts'].sort());
    expect(Object.keys(checks)).toEqual(expect.arrayContaining(['alertmanager_process', 'fluent_bit_process', 'grafana_process', 'prometheus_health', 'rabbitmq_process', 'sensu_backend_health', 'telegraf_process']));
    expect(checks.telegraf_process.subscriptions).toEqual(['entity:cmp01', 'entity:cmp02', 'entity:ctl01', 'entity:ctl02', 'entity:ctl03', 'entity:mon01', 'entity:prx01']);
    expect(checks.rabbitmq_process.subscriptions).toEqual(['rabbitmq']);
    expect(checks.rabbitmq_process.handlers).toEqual(['default']);
    // The delivery check runs on the aggregator.
    expect(checks.lma_alerts).toMatchObject({ command: 'node /etc/sensu/lmac/lma-sensu-events.mjs /etc/sensu/lmac/lma-sensu-events.json', subscriptions: ['entity:mon01'], interval: 30 });
  });

  it('WHEN the slack handler is read THEN its secret is a Sensu secret reference, never the value, and it has the notification filters', () => {
    const slack = all.find((r) => r.type === 'Handler' && r.metadata.name === 'slack');
    expect(slack?.spec).toMatchObject({ type: 'pipe', secrets: [{ name: 'SLACK_WEBHOOK_URL', secret: 'lma_slack_webhook_url' }], filters: ['is_incident', 'not_silenced', 'lma_state_change'] });
    expect(files.map((f) => f.content).join('')).not.toContain('?{secret');
    expect(all.find((r) => r.type === 'Secret')?.spec).toEqual({ id: 'LMAC_SECRET_SLACK_WEBHOOK_URL', provider: 'env' });
  });
});

describe('GIVEN broken Sensu resources', () => {
  const ok: Resource = { type: 'Handler', api_version: 'core/v2', metadata: { name: 'h', namespace: 'default' }, spec: { type: 'pipe', command: 'x', timeout: 10 } };
  const broken: [string, Resource][] = [
    ['a pipe handler without command', { ...ok, spec: { type: 'pipe' } }],
    ['a tcp handler without socket', { ...ok, spec: { type: 'tcp', timeout: 10 } }],
    ['a udp handler with a port out of range', { ...ok, spec: { type: 'udp', socket: { host: 'h', port: 70000 } } }],
    ['a set handler with no handlers', { ...ok, spec: { type: 'set', handlers: [] } }],
    ['a handler of an unknown type', { ...ok, spec: { type: 'grpc', command: 'x' } }],
    ['a handler with an unknown attribute', { ...ok, spec: { type: 'pipe', command: 'x', env: { A: 'b' } } }],
    ['an env_vars entry without =', { ...ok, spec: { type: 'pipe', command: 'x', env_vars: ['A'] } }],
    ['a name with a space', { ...ok, metadata: { name: 'my handler' } }],
    ['a resource without metadata.name', { ...ok, metadata: {} as Resource['metadata'] }],
    ['a handler with api_version secrets/v1', { ...ok, api_version: 'secrets/v1' }],
    ['a filter with action pass', { type: 'EventFilter', api_version: 'core/v2', metadata: { name: 'f' }, spec: { action: 'pass', expressions: ['true'] } }],
    ['a filter with no expressions', { type: 'EventFilter', api_version: 'core/v2', metadata: { name: 'f' }, spec: { action: 'allow', expressions: [] } }],
    ['a check without subscriptions', { type: 'CheckConfig', api_version: 'core/v2', metadata: { name: 'c' }, spec: { command: 'x', interval: 60 } }],
    ['a check with neither interval nor cron', { type: 'CheckConfig', api_version: 'core/v2', metadata: { name: 'c' }, spec: { command: 'x', subscriptions: ['s'] } }],
    ['a check with a string interval', { type: 'CheckConfig', api_version: 'core/v2', metadata: { name: 'c' }, spec: { command: 'x', subscriptions: ['s'], interval: '60s' } }],
    ['a secret without provider', { type: 'Secret', api_version: 'secrets/v1', metadata: { name: 's' }, spec: { id: 'X' } }],
  ];
  it('WHEN a valid handler is checked THEN it passes (the refusals below are not the schema refusing everything)', () => {
    expect(errorsOf(ok)).toEqual([]);
  });
  it.each(broken)('WHEN %s is checked THEN the schema refuses it', (_n, r) => {
    expect(errorsOf(r).length).toBeGreaterThan(0);
  });
});

describe('GIVEN a domain with one handler of each type', () => {
  const base = demo();
  const model: ClusterModel = {
    ...base,
    handlers: {
      default: handler({ type: 'set', handlers: ['mail', 'graylog', 'statsd'] }),
      mail: handler({ type: 'pipe', command: 'mail -s alert ops@example.net', timeout: 30, env: { MAILRC: '/etc/mailrc', SMTP_PASSWORD: '?{secret:smtp/password}' } }),
      graylog: handler({ type: 'tcp', host: 'graylog.example.net', port: 12201, filters: ['is_incident'] }),
      statsd: handler({ type: 'udp', host: '127.0.0.1', port: 8125, timeout: 5 }),
    },
  };
  const { files, diagnostics } = generate(model);
  const hs = Object.fromEntries(resources(files).filter((r) => r.type === 'Handler').map((r) => [r.metadata.name, r]));

  it('WHEN generated THEN each type has its Sensu form, and every handler fits the schema', () => {
    expect(diagnostics).toEqual([]);
    expect(hs.mail.spec).toEqual({ type: 'pipe', command: 'mail -s alert ops@example.net', timeout: 30, filters: ['is_incident', 'not_silenced', 'lma_state_change'], env_vars: ['MAILRC=/etc/mailrc'], secrets: [{ name: 'SMTP_PASSWORD', secret: 'lma_smtp_password' }] });
    expect(hs.graylog.spec).toEqual({ type: 'tcp', socket: { host: 'graylog.example.net', port: 12201 }, timeout: 60, filters: ['is_incident'] });
    expect(hs.statsd.spec).toEqual({ type: 'udp', socket: { host: '127.0.0.1', port: 8125 }, timeout: 5, filters: ['is_incident', 'not_silenced', 'lma_state_change'] });
    expect(hs.default.spec).toEqual({ type: 'set', handlers: ['mail', 'graylog', 'statsd'] });
    expect(hs.lma_noop.spec).toEqual({ type: 'pipe', command: 'cat >/dev/null', timeout: 10 });
    for (const r of Object.values(hs)) expect(errorsOf(r)).toEqual([]);
  });

  it('WHEN a handler names an unknown filter, a set has filters, an env name is invalid or a name is reserved THEN each is reported', () => {
    const bad: ClusterModel = {
      ...model,
      handlers: {
        ...model.handlers,
        mail: handler({ type: 'pipe', command: 'x', filters: ['is_incidnet'], env: { 'BAD-NAME': 'v' } }),
        default: handler({ type: 'set', handlers: ['mail'], filters: ['is_incident'] }),
        lma_noop: handler({ type: 'pipe', command: 'y' }),
      },
    };
    const codes = generate(bad).diagnostics.map((d) => `${d.severity} ${d.code}`).sort();
    expect(codes).toEqual(['error LMAC330', 'error LMAC334', 'error LMAC335', 'warning LMAC333']);
  });
});

describe('GIVEN alarms and clusters with each alerting mode', () => {
  const base = demo();
  const cpu = base.alarms.nodeGroups.find((g) => g.alarm.name === 'linux_system_cpu');
  if (!cpu) throw new Error('the demo has no linux_system_cpu alarm');
  const withAlerting = (alerting: 'disabled' | 'enabled' | 'enabled_with_notification', handlerName: string): ClusterModel => ({
    ...base,
    alarms: {
      ...base.alarms,
      // Every definition of the alarm (the library defines it per node role: its dimension differs).
      nodeGroups: base.alarms.nodeGroups.map((g) => (g.alarm.name === cpu.alarm.name ? { ...g, alarm: { ...g.alarm, alerting, handler: handlerName } } : g)),
      clusters: { ...base.alarms.clusters, rabbitmq: { ...base.alarms.clusters.rabbitmq, alerting, handler: handlerName } },
    },
  });

  it('WHEN an alarm and a cluster have alerting: enabled THEN their events go to the no-op handler', () => {
    const r = routes(withAlerting('enabled', 'slack'));
    expect(r.alarms.linux_system_cpu.handlers).toEqual(['lma_noop']);
    expect(r.clusters.rabbitmq.handlers).toEqual(['lma_noop']);
  });
  it('WHEN they have enabled_with_notification and a handler THEN their events go to that handler', () => {
    const r = routes(withAlerting('enabled_with_notification', 'slack'));
    expect(r.alarms.linux_system_cpu.handlers).toEqual(['slack']);
    expect(r.clusters.rabbitmq.handlers).toEqual(['slack']);
  });
  it('WHEN they have enabled_with_notification and the default handler THEN their events go to default (the demo\'s rabbitmq cluster names none)', () => {
    const r = routes(withAlerting('enabled_with_notification', 'default'));
    expect(r.alarms.linux_system_cpu.handlers).toEqual(['default']);
    expect(routes(base).clusters.rabbitmq.handlers).toEqual(['default']);
  });
  it('WHEN they are disabled THEN they produce no event', () => {
    const r = routes(withAlerting('disabled', 'slack'));
    expect(Object.hasOwn(r.alarms, 'linux_system_cpu')).toBe(false);
    expect(Object.hasOwn(r.clusters, 'rabbitmq')).toBe(false);
  });
  it('WHEN sources are read THEN node alarms use each status\'s hostname, remote alarms and clusters their nagios_host (default 00-clusters)', () => {
    const r = routes(base);
    expect(r.alarms.linux_system_cpu.source).toBeNull();
    expect(r.alarms.rabbitmq_check.source).toBe('00-clusters');
    expect(r.clusters.rabbitmq.source).toBe('00-top-clusters');
  });
});
