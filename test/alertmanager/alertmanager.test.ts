/**
 * alertmanager.yml, checked by the real amtool (Debian package
 * prometheus-alertmanager 0.25): `amtool check-config` (unknown fields,
 * undefined receivers, required settings) and `amtool config routes test`,
 * which walks the routing tree for a label set and prints the receivers it
 * reaches. The demo's config is generated in-process and written to a temp dir.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { alertmanagerGenerator } from '../../generators/alertmanager/index.js';
import { prometheusGenerator } from '../../generators/prometheus/index.js';
import { NULL_RECEIVER } from '../../generators/alertmanager/routes.js';
import type { Artifact } from '../../src/build/generator.js';
import { compileModel } from '../../src/build/pipeline.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import type { ClusterModel } from '../../src/model/cluster-model.js';
import type { Handler } from '../../src/model/lma-types.js';
import { ROOT, toolAvailable } from '../helpers/tools.js';

const available = toolAvailable('amtool (Debian package prometheus-alertmanager)', spawnSync('amtool', ['--version'], { stdio: 'ignore' }).status === 0);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'lmac-amtool-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const demo: ClusterModel = (() => {
  const { model, diagnostics } = compileModel(ROOT, 'demo');
  if (!model) throw new Error(`the demo does not compile: ${JSON.stringify(diagnostics)}`);
  return model;
})();

function generate(model: ClusterModel): { files: Artifact[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const files = alertmanagerGenerator.generate(model, { version: 'test', report: (d) => diagnostics.push(d), previous: new Map() });
  return { files, diagnostics };
}

let n = 0;
/** Writes the config to a fresh file; returns its path. */
function write(content: string): string {
  const file = path.join(tmp, `am-${n++}.yml`);
  writeFileSync(file, content);
  return file;
}

function amtool(args: string[]): { code: number; output: string } {
  const r = spawnSync('amtool', args, { encoding: 'utf8' });
  return { code: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
}

/** The receivers `amtool config routes test` reaches for these labels. */
function routesTo(file: string, labels: Record<string, string>): string {
  const out = execFileSync('amtool', ['config', 'routes', 'test', `--config.file=${file}`, ...Object.entries(labels).map(([k, v]) => `${k}=${v}`)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return out.trim();
}

/** A handler with every schema default, changed by `over`. */
function handler(over: Partial<Handler>): Handler {
  return {
    type: 'pipe',
    command: 'cat',
    handlers: [],
    host: '',
    port: 3030,
    timeout: 60,
    filters: [],
    env: {},
    slack: { channel: '', api_url: '' },
    pagerduty: { routing_key: '' },
    email: { to: '', from: '', smarthost: '', require_tls: true, auth_username: '', auth_password: '' },
    webhook: { url: '' },
    ...over,
  };
}

function withHandlers(handlers: Record<string, Handler>): ClusterModel {
  return { ...demo, handlers };
}

describe('GIVEN the demo domain (backends.alertmanager enabled)', () => {
  const { files, diagnostics } = generate(demo);
  const text = files[0]?.content ?? '';

  it('WHEN alertmanager.yml is generated THEN it is one file, with no diagnostics, and the same bytes every time', () => {
    expect(files.map((f) => f.path)).toEqual(['alertmanager/alertmanager.yml']);
    expect(diagnostics).toEqual([]);
    expect(generate(demo).files[0].content).toBe(text);
  });

  it('WHEN it is read THEN the root routes to `default`, groups by environment, cluster and alertname, and every handler has a receiver', () => {
    const c = yaml.load(text) as { route: { receiver: string; group_by: string[] }; receivers: { name: string }[] };
    expect(c.route.receiver).toBe('default');
    expect(c.route.group_by).toEqual(['environment', 'cluster', 'alertname']);
    expect(c.receivers.map((r) => r.name)).toEqual([NULL_RECEIVER, ...Object.keys(demo.handlers).sort()]);
  });

  it.runIf(available)('WHEN amtool check-config reads it THEN it passes', () => {
    const r = amtool(['check-config', write(text)]);
    expect(r.output).toContain('SUCCESS');
    expect(r.code, r.output).toBe(0);
  });

  it.runIf(available)('WHEN an alert carries handler=X THEN amtool routes it to receiver X; without a handler to `default`; with alerting=enabled to the null receiver', () => {
    const file = write(text);
    const base = { alertname: 'rabbitmq', environment: 'demo.example.net', cluster: 'rabbitmq', severity: 'critical' };
    for (const h of Object.keys(demo.handlers)) expect(routesTo(file, { ...base, alerting: 'enabled_with_notification', handler: h })).toBe(h);
    expect(routesTo(file, { ...base, alerting: 'enabled_with_notification' })).toBe('default');
    expect(routesTo(file, { ...base, alerting: 'enabled_with_notification', handler: 'nobody' })).toBe('default');
    expect(routesTo(file, { ...base, alerting: 'enabled', hostname: 'ctl01' })).toBe(NULL_RECEIVER);
    // --verify.receivers fails on a mismatch: the routing test can fail.
    const wrong = amtool(['config', 'routes', 'test', `--config.file=${file}`, '--verify.receivers=noop', 'handler=slack']);
    expect(wrong.code).not.toBe(0);
    const right = amtool(['config', 'routes', 'test', `--config.file=${file}`, '--verify.receivers=slack', 'handler=slack', 'alerting=enabled_with_notification']);
    expect(right.code, right.output).toBe(0);
  });

  it('WHEN the demo default handler (a set of slack) is built THEN its receiver has slack\'s Slack config, the webhook URL read from a secret file', () => {
    const c = yaml.load(text) as { receivers: { name: string; slack_configs?: { api_url_file: string; channel: string }[] }[] };
    const byName = new Map(c.receivers.map((r) => [r.name, r]));
    expect(byName.get('default')?.slack_configs).toEqual([{ send_resolved: true, api_url_file: '/etc/lmac/secrets/slack/webhook_url', channel: '#ops' }]);
    expect(byName.get('slack')?.slack_configs).toEqual(byName.get('default')?.slack_configs);
    expect(text).not.toContain('?{secret');
  });

  it('WHEN prometheus.yml is generated THEN it sends alerts to the Alertmanager of backends.alertmanager.url', () => {
    const prom = prometheusGenerator.generate(demo, { version: 'test', report: () => {}, previous: new Map() }).find((f) => f.path === 'prometheus/prometheus.yml');
    const c = yaml.load(prom?.content ?? '') as { alerting?: { alertmanagers: { scheme: string; static_configs: { targets: string[] }[] }[] } };
    const url = new URL(demo.nodes.find((x) => x.lma)?.lma?.backends.alertmanager.url ?? '');
    expect(c.alerting?.alertmanagers).toEqual([{ scheme: 'http', static_configs: [{ targets: [`${url.hostname}:${url.port}`] }] }]);
  });

  it.runIf(available)('WHEN the config is broken (a route to an undefined receiver) THEN amtool check-config fails: the check is real', () => {
    const r = amtool(['check-config', write(text.replace('receiver: slack', 'receiver: slakc'))]);
    expect(r.code).not.toBe(0);
    expect(r.output).toContain('slakc');
  });
});

describe('GIVEN handlers with native receiver settings', () => {
  const handlers: Record<string, Handler> = {
    default: handler({ type: 'set', command: '', handlers: ['chat', 'oncall'] }),
    chat: handler({ slack: { channel: '#alerts', api_url: 'https://hooks.slack.com/services/T0/B0/XYZ' } }),
    chat_secret: handler({ slack: { channel: '', api_url: '?{secret:slack/url}' } }),
    oncall: handler({ type: 'set', command: '', handlers: ['pager', 'mail', 'chat'] }),
    pager: handler({ pagerduty: { routing_key: '?{secret:pagerduty/key}' } }),
    pager_plain: handler({ pagerduty: { routing_key: '0123456789abcdef' } }),
    mail: handler({ email: { to: 'ops@example.net', from: 'lma@example.net', smarthost: 'smtp.example.net:587', require_tls: true, auth_username: 'lma', auth_password: '?{secret:smtp/password}' } }),
    hook: handler({ type: 'tcp', command: '', host: 'relay', webhook: { url: 'http://relay.example.net:5001/alerts' } }),
  };
  const { files, diagnostics } = generate(withHandlers(handlers));
  const text = files[0].content;
  const receivers = new Map((yaml.load(text) as { receivers: Record<string, unknown>[] }).receivers.map((r) => [r.name as string, r]));

  it('WHEN they are built THEN each native type becomes its Alertmanager config, secrets as *_file paths', () => {
    expect(diagnostics).toEqual([]);
    expect(receivers.get('chat')).toEqual({ name: 'chat', slack_configs: [{ send_resolved: true, api_url: 'https://hooks.slack.com/services/T0/B0/XYZ', channel: '#alerts' }] });
    expect(receivers.get('chat_secret')).toEqual({ name: 'chat_secret', slack_configs: [{ send_resolved: true, api_url_file: '/etc/lmac/secrets/slack/url' }] });
    expect(receivers.get('pager')).toEqual({ name: 'pager', pagerduty_configs: [{ routing_key_file: '/etc/lmac/secrets/pagerduty/key', send_resolved: true }] });
    expect(receivers.get('pager_plain')).toEqual({ name: 'pager_plain', pagerduty_configs: [{ routing_key: '0123456789abcdef', send_resolved: true }] });
    expect(receivers.get('mail')).toEqual({
      name: 'mail',
      email_configs: [{ to: 'ops@example.net', from: 'lma@example.net', smarthost: 'smtp.example.net:587', require_tls: true, auth_username: 'lma', auth_password_file: '/etc/lmac/secrets/smtp/password', send_resolved: true }],
    });
    expect(receivers.get('hook')).toEqual({ name: 'hook', webhook_configs: [{ url: 'http://relay.example.net:5001/alerts', send_resolved: true }] });
  });

  it('WHEN a set nests another set THEN its receiver unites every member\'s configs, each once', () => {
    const d = receivers.get('default') as Record<string, unknown[]>;
    expect(d.slack_configs).toHaveLength(1); // chat, reached directly and through oncall
    expect(d.pagerduty_configs).toHaveLength(1);
    expect(d.email_configs).toHaveLength(1);
    expect(d.webhook_configs).toBeUndefined();
    expect(receivers.get('oncall')).toEqual({ ...d, name: 'oncall' });
  });

  it.runIf(available)('WHEN amtool check-config reads it THEN every receiver type passes', () => {
    const r = amtool(['check-config', write(text)]);
    expect(r.output).toContain(`${Object.keys(handlers).length + 1} receivers`);
    expect(r.code, r.output).toBe(0);
  });

  it.runIf(available)('WHEN an alert names the pager or the nested set THEN amtool routes it there', () => {
    const file = write(text);
    expect(routesTo(file, { alertname: 'x', alerting: 'enabled_with_notification', handler: 'pager' })).toBe('pager');
    expect(routesTo(file, { alertname: 'x', alerting: 'enabled_with_notification', handler: 'oncall' })).toBe('oncall');
    expect(routesTo(file, { alertname: 'x' })).toBe('default');
  });

  it.runIf(available)('WHEN an email config lacks its smarthost THEN amtool rejects it, as lmac does (LMAC321)', () => {
    const broken = write(text.replace(/ {4}smarthost: .*\n/, ''));
    expect(amtool(['check-config', broken]).code).not.toBe(0);
    const r = generate(withHandlers({ ...handlers, mail: handler({ email: { ...handlers.mail.email, smarthost: '' } }) }));
    expect(r.diagnostics.map((d) => [d.severity, d.code])).toEqual([['error', 'LMAC321']]);
    expect(r.diagnostics[0].message).toContain('email.smarthost');
  });
});

describe('GIVEN handlers Alertmanager cannot serve', () => {
  it('WHEN a notified pipe handler has no native setting THEN a warning (LMAC320) says so, and its receiver has no configs', () => {
    const model = withHandlers({ default: handler({ command: 'sensu-slack-handler' }), unused: handler({}) });
    const { files, diagnostics } = generate(model);
    expect(diagnostics.map((d) => [d.severity, d.code])).toEqual([['warning', 'LMAC320']]);
    expect(diagnostics[0].message).toContain('pipe handler default');
    expect(files[0].content).toContain('- name: default\n');
  });

  it('WHEN a webhook URL is a secret reference or not a URL THEN it is an error (LMAC322) naming the handler', () => {
    const { diagnostics } = generate(withHandlers({ default: handler({ webhook: { url: '?{secret:hook/url}' } }), other: handler({ webhook: { url: 'relay:5001' } }) }));
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['LMAC322', 'LMAC322']);
    expect(diagnostics[0].message).toContain('handler default');
    expect(diagnostics[1].message).toContain("'relay:5001'");
  });

  it('WHEN backends.alertmanager is disabled THEN nothing is generated', () => {
    const nodes = demo.nodes.map((x) => (x.lma ? { ...x, lma: { ...x.lma, backends: { ...x.lma.backends, alertmanager: { ...x.lma.backends.alertmanager, enabled: false } } } } : x));
    expect(generate({ ...demo, nodes }).files).toEqual([]);
  });
});
