/**
 * Alertmanager receivers from lma:handlers: one receiver per handler, named
 * after it, with the native configs its `slack`, `pagerduty`, `email` and
 * `webhook` settings describe. A `set` handler's receiver unites its members'
 * configs (nested sets resolved; cycles are already LMAC226). Pipe, tcp and udp
 * handlers are Sensu's: Alertmanager cannot run them, so without a native
 * setting their receiver has no configs.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Handler, Lma } from '../../src/model/lma-types.js';
import { isSecretReference, secretSource, sourceOf } from '../../src/secrets/reference.js';

export interface SlackConfig {
  api_url?: string;
  api_url_file?: string;
  channel?: string;
  send_resolved: boolean;
}
export interface PagerdutyConfig {
  routing_key?: string;
  routing_key_file?: string;
  send_resolved: boolean;
}
export interface EmailConfig {
  to: string;
  from: string;
  smarthost: string;
  require_tls: boolean;
  auth_username?: string;
  auth_password?: string;
  auth_password_file?: string;
  send_resolved: boolean;
}
export interface WebhookConfig {
  url: string;
  send_resolved: boolean;
}

export interface Receiver {
  name: string;
  slack_configs?: SlackConfig[];
  pagerduty_configs?: PagerdutyConfig[];
  email_configs?: EmailConfig[];
  webhook_configs?: WebhookConfig[];
}

const KINDS = ['slack_configs', 'pagerduty_configs', 'email_configs', 'webhook_configs'] as const;
type Kind = (typeof KINDS)[number];
type Configs = { [K in Kind]: NonNullable<Receiver[K]> };

/** A problem with one handler setting: reported by the caller, located at lma:handlers:<handler>:<path>. */
export interface ReceiverProblem {
  kind: 'incomplete' | 'invalid';
  handler: string;
  path: string[];
  message: string;
}

/**
 * The secret a Slack receiver without api_url reads its URL from (Slack's
 * webhook URL is the credential): `<handler>/slack_api_url`, declarable in
 * lma.secrets like any other.
 */
export function slackUrlSecret(handler: string): string {
  return `${handler}/slack_api_url`;
}

/** The file Alertmanager reads a secret reference from (the `*_file` fields): its declared `file`. */
function secretFile(v: string, secrets: Lma['secrets']): string | null {
  return sourceOf(v, { secrets })?.file ?? null;
}

function httpUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return (u.protocol === 'http:' || u.protocol === 'https:') && !/\s/.test(v);
  } catch {
    return false;
  }
}

/** The native configs of one handler's own settings (not its set members'). */
function ownConfigs(name: string, h: Handler, problem: (p: ReceiverProblem) => void, secrets: Lma['secrets']): Configs {
  const c: Configs = { slack_configs: [], pagerduty_configs: [], email_configs: [], webhook_configs: [] };
  const invalid = (path: string[], message: string): void => problem({ kind: 'invalid', handler: name, path, message });

  const { slack, pagerduty, email, webhook } = h;
  if (slack.channel || slack.api_url) {
    const s: SlackConfig = { send_resolved: true };
    const file = secretFile(slack.api_url, secrets);
    if (file !== null) s.api_url_file = file;
    else if (slack.api_url === '') {
      const implicit = slackUrlSecret(name);
      s.api_url_file = secretSource(implicit, Object.hasOwn(secrets, implicit) ? secrets[implicit] : undefined).file;
    }
    else if (httpUrl(slack.api_url)) s.api_url = slack.api_url;
    else invalid(['slack', 'api_url'], `handler ${name}: slack.api_url '${slack.api_url}' is neither an http(s) URL nor a secret reference`);
    if (slack.channel) s.channel = slack.channel;
    c.slack_configs.push(s);
  }
  if (pagerduty.routing_key) {
    const file = secretFile(pagerduty.routing_key, secrets);
    c.pagerduty_configs.push(file !== null ? { routing_key_file: file, send_resolved: true } : { routing_key: pagerduty.routing_key, send_resolved: true });
  }
  if (email.to) {
    const missing = (['from', 'smarthost'] as const).filter((k) => email[k] === '');
    if (missing.length > 0) {
      problem({ kind: 'incomplete', handler: name, path: ['email'], message: `handler ${name}: email.to is set but ${missing.map((k) => `email.${k}`).join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not; Alertmanager needs both to send mail` });
    } else {
      if (!/^(\[[0-9a-fA-F:.]+\]|[^\s:[\]]+):[0-9]+$/.test(email.smarthost)) invalid(['email', 'smarthost'], `handler ${name}: email.smarthost '${email.smarthost}' is not host:port`);
      const e: EmailConfig = { to: email.to, from: email.from, smarthost: email.smarthost, require_tls: email.require_tls, send_resolved: true };
      if (email.auth_username) e.auth_username = email.auth_username;
      if (email.auth_password) {
        const file = secretFile(email.auth_password, secrets);
        if (file !== null) e.auth_password_file = file;
        else e.auth_password = email.auth_password;
      }
      c.email_configs.push(e);
    }
  }
  if (webhook.url) {
    if (isSecretReference(webhook.url)) invalid(['webhook', 'url'], `handler ${name}: webhook.url is a secret reference, but Alertmanager 0.25 has no url_file to read it from; write the URL itself`);
    else if (!httpUrl(webhook.url)) invalid(['webhook', 'url'], `handler ${name}: webhook.url '${webhook.url}' is not an http(s) URL`);
    else c.webhook_configs.push({ url: webhook.url, send_resolved: true });
  }
  return c;
}

/**
 * Every handler's receiver (sorted by name). A set's receiver holds its own
 * configs and its members', each distinct config once.
 */
export function buildReceivers(handlers: Readonly<Record<string, Handler>>, problem: (p: ReceiverProblem) => void, secrets: Lma['secrets'] = {}): Receiver[] {
  const own = new Map<string, Configs>();
  for (const name of Object.keys(handlers).sort()) own.set(name, ownConfigs(name, handlers[name], problem, secrets));

  const collect = (name: string, seen: Set<string>, into: Configs): void => {
    if (seen.has(name) || !own.has(name)) return; // undefined members and cycles are lint errors (LMAC226)
    seen.add(name);
    const mine = own.get(name) as Configs;
    for (const k of KINDS) for (const cfg of mine[k] as object[]) if (!(into[k] as object[]).some((x) => isDeepStrictEqual(x, cfg))) (into[k] as object[]).push(cfg);
    const h = handlers[name];
    if (h.type === 'set') for (const m of h.handlers) collect(m, seen, into);
  };

  return [...own.keys()].map((name) => {
    const all: Configs = { slack_configs: [], pagerduty_configs: [], email_configs: [], webhook_configs: [] };
    collect(name, new Set(), all);
    const r: Receiver = { name };
    for (const k of KINDS) if (all[k].length > 0) (r as unknown as Record<Kind, unknown[]>)[k] = all[k];
    return r;
  });
}

export function hasConfigs(r: Receiver): boolean {
  return KINDS.some((k) => (r[k]?.length ?? 0) > 0);
}
