/**
 * collectd.conf for a node whose metric collector is the legacy one
 * (`lma.roles.legacy_collector`). Inputs are Telegraf inputs in the model; the
 * ones with a core collectd equivalent are mapped to it, the others are
 * returned as unsupported (the caller reports them). The template receives a
 * view model of collectd literals only (formats/collectd.ts).
 */
import { collectdReportsByCpu } from '../../src/collectors/collectd-metrics.js';
import type { Input, Lma } from '../../src/model/lma-types.js';
import { render } from '../template.js';
import { collectdBoolean, collectdNumber, collectdString, type ModelPath } from './formats/collectd.js';
import { UnrepresentableValue } from './formats/errors.js';
import type { CollectorNode } from './node.js';

/** One option line: a key and its values, already collectd literals. */
export interface CollectdOption {
  key: string;
  values: string;
}

/** A nested block (`<Instance "x">`) of a plugin. */
export interface CollectdBlock {
  key: string;
  /** The block's argument, a collectd literal. */
  name: string;
  options: CollectdOption[];
}

export interface CollectdPlugin {
  /** The collectd plugin name (from lmac's mapping, never from the model). */
  name: string;
  /** A one-line comment above the block: the inputs it runs (as collectd strings) or what the output is for. */
  comment: string;
  /** A per-plugin Interval literal, or null for the global one. */
  interval: string | null;
  options: CollectdOption[];
  blocks: CollectdBlock[];
}

export interface CollectdView {
  hostname: string;
  interval: string;
  plugins: CollectdPlugin[];
  outputs: CollectdPlugin[];
}

export interface UnsupportedInput {
  input: string;
  /** The Telegraf plugin of the input. */
  plugin: string;
  /** Why collectd cannot run it (for the warning). */
  reason: string;
}

export interface CollectdConf {
  text: string;
  unsupported: UnsupportedInput[];
}

/** Prometheus scrapes the node's metric collector here, whichever it is (Telegraf's prometheus_client uses it too). */
export const COLLECTD_PROMETHEUS_PORT = 9273;
/** InfluxDB 1.x's collectd listener (`[[collectd]]` in influxdb.conf) listens here by default. */
export const INFLUXDB_COLLECTD_PORT = 25826;
const DEFAULT_INTERVAL = 10;

export function collectdConf(node: CollectorNode, backends: Lma['backends']): CollectdConf {
  const interval = backends.prometheus.enabled
    ? durationSeconds(backends.prometheus.scrape_interval, ['lma', 'backends', 'prometheus', 'scrape_interval'])
    : DEFAULT_INTERVAL;
  const b = new Builder(interval);
  const unsupported: UnsupportedInput[] = [];
  for (const name of Object.keys(node.lma.inputs).sort()) {
    const input = node.lma.inputs[name];
    // Remote inputs run on the remote collector (Telegraf), not on this node.
    if (!input.enabled || input.scope !== 'node') continue;
    // Own keys only: a plugin named `constructor` is not a mapper.
    const mapper = Object.hasOwn(MAPPERS, input.plugin) ? MAPPERS[input.plugin] : undefined;
    const reason = mapper ? mapper(b, name, input, options(input)) : 'collectd has no core plugin for it';
    if (reason !== null) unsupported.push({ input: name, plugin: input.plugin, reason });
  }
  const view: CollectdView = {
    hostname: collectdString(node.name, []),
    interval: collectdNumber(interval, ['lma', 'backends', 'prometheus', 'scrape_interval']),
    plugins: b.plugins(),
    outputs: outputs(backends),
  };
  return { text: render('collectors/collectd.conf.njk', view), unsupported };
}

type Options = Record<string, unknown>;
/** Maps one input into the builder; returns null when mapped, or why it cannot be. */
type Mapper = (b: Builder, name: string, input: Input, o: Options) => string | null;

function options(input: Input): Options {
  return input.options as Options;
}

/** Telegraf input -> collectd plugin(s). Options follow the Telegraf plugin's names and defaults. */
const MAPPERS: Record<string, Mapper> = {
  cpu(b, name, input, o) {
    const p = b.claim('cpu', name, input);
    if (typeof p === 'string') return p;
    // collectd reports either per CPU or the total; Telegraf's default is both, and alarms use the total.
    p.option('ReportByCpu', collectdBoolean(collectdReportsByCpu(o)));
    p.option('ReportByState', collectdBoolean(true));
    p.option('ValuesPercentage', collectdBoolean(true));
    return null;
  },
  mem(b, name, input) {
    const p = b.claim('memory', name, input);
    if (typeof p === 'string') return p;
    p.option('ValuesAbsolute', collectdBoolean(true));
    p.option('ValuesPercentage', collectdBoolean(true));
    return null;
  },
  disk(b, name, input, o) {
    const mounts = stringList(o.mount_points);
    const fsTypes = stringList(o.ignore_fs);
    if (!mounts || !fsTypes) return 'options mount_points and ignore_fs must be lists of strings';
    const p = b.claim('df', name, input);
    if (typeof p === 'string') return p;
    const at = (key: string, i: number): ModelPath => ['lma', 'inputs', name, 'options', key, i];
    // df has one IgnoreSelected for all its lists, so a mount point allow-list and an
    // fs type deny-list cannot be combined: listed mount points are what was asked for.
    if (mounts.length > 0) {
      mounts.forEach((m, i) => p.option('MountPoint', ignorelistEntry(m, false, at('mount_points', i))));
      p.option('IgnoreSelected', collectdBoolean(false));
    } else if (fsTypes.length > 0) {
      fsTypes.forEach((t, i) => p.option('FSType', ignorelistEntry(t, false, at('ignore_fs', i))));
      p.option('IgnoreSelected', collectdBoolean(true));
    }
    p.option('ReportByDevice', collectdBoolean(false));
    p.option('ReportInodes', collectdBoolean(true));
    p.option('ValuesAbsolute', collectdBoolean(true));
    p.option('ValuesPercentage', collectdBoolean(true));
    return null;
  },
  diskio(b, name, input, o) {
    const devices = stringList(o.devices);
    if (!devices) return 'option devices must be a list of strings';
    const p = b.claim('disk', name, input);
    if (typeof p === 'string') return p;
    if (devices.length > 0) {
      devices.forEach((d, i) => p.option('Disk', ignorelistEntry(d, true, ['lma', 'inputs', name, 'options', 'devices', i])));
      p.option('IgnoreSelected', collectdBoolean(false));
    }
    return null;
  },
  net(b, name, input, o) {
    const ifaces = stringList(o.interfaces);
    if (!ifaces) return 'option interfaces must be a list of strings';
    const p = b.claim('interface', name, input);
    if (typeof p === 'string') return p;
    if (ifaces.length > 0) {
      ifaces.forEach((d, i) => p.option('Interface', ignorelistEntry(d, true, ['lma', 'inputs', name, 'options', 'interfaces', i])));
      p.option('IgnoreSelected', collectdBoolean(false));
    } else {
      // Telegraf's net skips loopback and interfaces that are down by default.
      p.option('Interface', collectdString('lo', []));
      p.option('IgnoreSelected', collectdBoolean(true));
      p.option('ReportInactive', collectdBoolean(false));
    }
    return null;
  },
  system(b, name, input) {
    // Telegraf's system input is load averages, uptime and the number of users.
    for (const plugin of ['load', 'uptime', 'users']) {
      const p = b.claim(plugin, name, input);
      if (typeof p === 'string') return p;
    }
    return null;
  },
  processes(b, name, input) {
    // collectd's processes plugin always reports processes by state, with or without ProcessMatch.
    const p = b.claim('processes', name, input);
    return typeof p === 'string' ? p : null;
  },
  procstat(b, name, input, o) {
    // Telegraf's order: pid_file, then exe, then pattern; collectd only matches processes by regex.
    if (nonEmpty(o.pid_file)) return 'option pid_file has no collectd equivalent (processes matches by regex)';
    let regex: string;
    let key: string;
    if (nonEmpty(o.exe)) {
      // pgrep <exe> matches the process name; collectd matches the command line,
      // so the regex is applied to the base name of its first word.
      regex = `^([^ ]*/)?[^ /]*(${o.exe})[^ /]*( |$)`;
      key = 'exe';
    } else if (nonEmpty(o.pattern)) {
      regex = o.pattern; // pgrep -f: an extended regex over the command line, as collectd's.
      key = 'pattern';
    } else {
      return 'only options exe and pattern have a collectd equivalent';
    }
    // collectd drops a ProcessMatch whose regex does not compile without a word,
    // so an obviously broken one (unbalanced brackets) is reported here instead.
    if (!compiles(regex)) return `option ${key} is not a valid regular expression`;
    const p = b.use('processes', name, input);
    p.option('ProcessMatch', collectdString(name, ['lma', 'inputs', name]), collectdString(regex, ['lma', 'inputs', name, 'options', key]));
    return null;
  },
  ntpq(b, name, input, o) {
    const p = b.claim('ntpd', name, input);
    if (typeof p === 'string') return p;
    p.option('Host', collectdString('localhost', []));
    p.option('Port', collectdNumber(123, []));
    p.option('ReverseLookups', collectdBoolean(o.dns_lookup !== false));
    return null;
  },
  apache(b, name, input, o) {
    const urls = o.urls === undefined ? ['http://localhost/server-status?auto'] : stringList(o.urls);
    if (!urls || urls.length === 0) return 'option urls must be a non-empty list of strings';
    const auth = credentials(name, o);
    if (typeof auth === 'string') return auth;
    const p = b.use('apache', name, input);
    urls.forEach((url, i) => p.block('Instance', instanceName(name, i, urls.length), [['URL', collectdString(url, ['lma', 'inputs', name, 'options', 'urls', i])], ...auth]));
    return null;
  },
  nginx(b, name, input, o) {
    const urls = o.urls === undefined ? ['http://localhost/server_status'] : stringList(o.urls);
    // collectd's nginx plugin reads one URL for the whole daemon.
    if (!urls || urls.length !== 1) return 'collectd reads one nginx status URL: option urls must list exactly one';
    const auth = credentials(name, o);
    if (typeof auth === 'string') return auth;
    const p = b.claim('nginx', name, input);
    if (typeof p === 'string') return p;
    p.option('URL', collectdString(urls[0], ['lma', 'inputs', name, 'options', 'urls', 0]));
    for (const [k, v] of auth) p.option(k, v);
    return null;
  },
  memcached(b, name, input, o) {
    const servers = o.servers === undefined && o.unix_sockets === undefined ? ['localhost:11211'] : stringList(o.servers ?? []);
    const sockets = stringList(o.unix_sockets ?? []);
    if (!servers || !sockets) return 'options servers and unix_sockets must be lists of strings';
    const parsed = servers.map(hostPort);
    const bad = parsed.findIndex((s) => s === null);
    if (bad >= 0) return `server ${JSON.stringify(servers[bad])} is not host:port`;
    const p = b.use('memcached', name, input);
    const n = servers.length + sockets.length;
    parsed.forEach((s, i) => {
      if (!s) return;
      const at: ModelPath = ['lma', 'inputs', name, 'options', 'servers', i];
      p.block('Instance', instanceName(name, i, n), [
        ['Address', collectdString(s.host, at)],
        ['Port', collectdString(String(s.port ?? 11211), at)],
      ]);
    });
    sockets.forEach((s, i) => {
      p.block('Instance', instanceName(name, servers.length + i, n), [['Socket', collectdString(s, ['lma', 'inputs', name, 'options', 'unix_sockets', i])]]);
    });
    return null;
  },
  mysql(b, name, input, o) {
    const servers = o.servers === undefined ? ['tcp(127.0.0.1:3306)/'] : stringList(o.servers);
    if (!servers || servers.length === 0) return 'option servers must be a non-empty list of DSNs';
    const dsns = servers.map(parseMysqlDsn);
    const bad = dsns.findIndex((d) => d === null);
    if (bad >= 0) return `server ${bad} is not a DSN lmac can read (user:password@tcp(host:port)/db or unix(/path)/db)`;
    const p = b.use('mysql', name, input);
    dsns.forEach((d, i) => {
      if (!d) return;
      const at: ModelPath = ['lma', 'inputs', name, 'options', 'servers', i];
      const opts: [string, string][] = [];
      if (d.host !== undefined) opts.push(['Host', collectdString(d.host, at)]);
      if (d.port !== undefined) opts.push(['Port', collectdNumber(d.port, at)]);
      if (d.socket !== undefined) opts.push(['Socket', collectdString(d.socket, at)]);
      if (d.user !== undefined) opts.push(['User', collectdString(d.user, at)]);
      if (d.password !== undefined) opts.push(['Password', collectdString(d.password, at)]);
      if (d.database) opts.push(['Database', collectdString(d.database, at)]);
      p.block('Database', instanceName(name, i, dsns.length), opts);
    });
    return null;
  },
};

/** Plugin instance of item i of an input: the input name, or `name.i` when it has several (`.` is not in input names). */
function instanceName(name: string, i: number, n: number): string {
  return n === 1 ? name : `${name}.${i}`;
}

function credentials(name: string, o: Options): [string, string][] | string {
  const out: [string, string][] = [];
  for (const [key, opt] of [['username', 'User'], ['password', 'Password']] as const) {
    const v = o[key];
    if (v === undefined || v === '') continue;
    if (typeof v !== 'string') return `option ${key} must be a string`;
    out.push([opt, collectdString(v, ['lma', 'inputs', name, 'options', key])]);
  }
  return out;
}

function stringList(v: unknown): string[] | null {
  if (v === undefined) return [];
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null;
}

/** A sanity check only: collectd uses POSIX extended regexes, which JavaScript's mostly accept. */
function compiles(regex: string): boolean {
  try {
    new RegExp(regex);
    return true;
  } catch {
    return false;
  }
}

function nonEmpty(v: unknown): v is string {
  return typeof v === 'string' && v !== '';
}

/**
 * An entry of a collectd ignorelist. collectd reads `/.../` as a regex, so a
 * literal that looks like one (a mount point with a trailing slash) is written
 * as an anchored regex matching exactly it; Telegraf globs (`sd*`) likewise.
 */
function ignorelistEntry(value: string, glob: boolean, path: ModelPath): string {
  const isGlob = glob && /[*?[]/.test(value);
  const looksLikeRegex = value.length > 2 && value.startsWith('/') && value.endsWith('/');
  if (!isGlob && !looksLikeRegex) return collectdString(value, path);
  const body = isGlob ? globToRegex(value) : escapeRegex(value);
  return collectdString(`/^${body}$/`, path);
}

function escapeRegex(s: string): string {
  return s.replace(/[.^$|()[\]{}*+?\\]/g, '\\$&');
}

function globToRegex(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) out += '\\[';
      else {
        const set = glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
        out += `[${set}]`;
        i = end;
      }
    } else out += escapeRegex(c);
  }
  return out;
}

function hostPort(s: string): { host: string; port?: number } | null {
  const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(s) ?? /^([^:[\]]+)(?::(\d+))?$/.exec(s);
  if (!m) return null;
  const port = m[2] === undefined ? undefined : Number(m[2]);
  if (port !== undefined && (port < 1 || port > 65535)) return null;
  return { host: m[1], port };
}

export interface MysqlDsn {
  user?: string;
  password?: string;
  host?: string;
  port?: number;
  socket?: string;
  database: string;
}

/**
 * A go-sql-driver DSN (what Telegraf's mysql input takes):
 * `[user[:password]@][net[(addr)]]/dbname[?params]`, split as the driver does
 * (the last `/`, then the last `@`). Parameters (tls, timeouts) are dropped.
 */
export function parseMysqlDsn(dsn: string): MysqlDsn | null {
  const slash = dsn.lastIndexOf('/');
  if (slash < 0) return null;
  const q = dsn.indexOf('?', slash + 1);
  const out: MysqlDsn = { database: dsn.slice(slash + 1, q < 0 ? undefined : q) };
  const head = dsn.slice(0, slash);
  const at = head.lastIndexOf('@');
  if (at >= 0) {
    const userinfo = head.slice(0, at);
    const colon = userinfo.indexOf(':');
    out.user = colon < 0 ? userinfo : userinfo.slice(0, colon);
    if (colon >= 0) out.password = userinfo.slice(colon + 1);
  }
  const m = /^([a-z0-9]*)(?:\((.*)\))?$/.exec(head.slice(at + 1));
  if (!m) return null;
  const net = m[1] || 'tcp';
  const addr = m[2] ?? '';
  if (net === 'unix') {
    if (!addr) return null;
    out.socket = addr;
  } else if (net === 'tcp' || net === 'tcp6') {
    const hp = hostPort(addr || '127.0.0.1:3306');
    if (!hp) return null;
    out.host = hp.host;
    out.port = hp.port ?? 3306;
  } else {
    return null;
  }
  return out;
}

/** A Telegraf / Prometheus duration as lmac's schema allows it (`30s`, `500ms`, `1m`, `2h`), in seconds. */
function durationSeconds(d: string, path: ModelPath): number {
  const m = /^(\d+)(ms|s|m|h)$/.exec(d);
  const unit = m ? { ms: 0.001, s: 1, m: 60, h: 3600 }[m[2] as 'ms' | 's' | 'm' | 'h'] : 0;
  const seconds = m ? Number(m[1]) * unit : 0;
  if (!(seconds >= 0.001)) throw new UnrepresentableValue(`interval ${JSON.stringify(d)} is not a positive duration like 10s or 500ms`, path);
  return seconds;
}

function outputs(backends: Lma['backends']): CollectdPlugin[] {
  const out: CollectdPlugin[] = [];
  if (backends.influxdb.enabled) {
    const path: ModelPath = ['lma', 'backends', 'influxdb', 'url'];
    let host: string;
    try {
      host = new URL(backends.influxdb.url).hostname.replace(/^\[(.*)\]$/, '$1');
    } catch {
      throw new UnrepresentableValue(`InfluxDB url ${JSON.stringify(backends.influxdb.url)} is not a URL`, path);
    }
    if (!host) throw new UnrepresentableValue(`InfluxDB url ${JSON.stringify(backends.influxdb.url)} has no host`, path);
    out.push({
      name: 'network',
      comment: `to InfluxDB's collectd listener (influxdb.conf [[collectd]], port ${INFLUXDB_COLLECTD_PORT}, with collectd's types.db)`,
      interval: null,
      options: [{ key: 'Server', values: `${collectdString(host, path)} ${collectdString(String(INFLUXDB_COLLECTD_PORT), [])}` }],
      blocks: [],
    });
  }
  if (backends.prometheus.enabled) {
    out.push({
      name: 'write_prometheus',
      comment: `scraped by Prometheus on port ${COLLECTD_PROMETHEUS_PORT}, like Telegraf's prometheus_client`,
      interval: null,
      options: [{ key: 'Port', values: collectdString(String(COLLECTD_PROMETHEUS_PORT), []) }],
      blocks: [],
    });
  }
  return out;
}

/** One collectd plugin being filled by the inputs mapped to it. */
class PluginBuilder {
  readonly inputs: string[] = [];
  readonly intervals: number[] = [];
  readonly options: CollectdOption[] = [];
  readonly blocks: CollectdBlock[] = [];
  /** The input that owns the plugin's global options, when one does. */
  owner: string | null = null;
  constructor(readonly name: string) {}

  option(key: string, ...values: string[]): void {
    this.options.push({ key, values: values.join(' ') });
  }

  /** A block named after an input (`<Instance "name">`); names are input names, plus `.i` for the i-th of several. */
  block(key: string, name: string, options: [string, string][]): void {
    this.blocks.push({ key, name: collectdString(name, []), options: options.map(([k, v]) => ({ key: k, values: v })) });
  }
}

class Builder {
  private readonly byName = new Map<string, PluginBuilder>();
  constructor(private readonly interval: number) {}

  /** The plugin, shared with other inputs (instances, matches). */
  use(plugin: string, input: string, spec: Input): PluginBuilder {
    let p = this.byName.get(plugin);
    if (!p) this.byName.set(plugin, (p = new PluginBuilder(plugin)));
    p.inputs.push(input);
    p.intervals.push(spec.interval ? durationSeconds(spec.interval, ['lma', 'inputs', input, 'interval']) : this.interval);
    return p;
  }

  /** The plugin's global options, for one input only; a second input of the kind is unsupported. */
  claim(plugin: string, input: string, spec: Input): PluginBuilder | string {
    const existing = this.byName.get(plugin);
    if (existing?.owner) return `collectd runs one ${plugin} plugin per node; input ${existing.owner} already configures it`;
    const p = this.use(plugin, input, spec);
    p.owner = input;
    return p;
  }

  plugins(): CollectdPlugin[] {
    return [...this.byName.values()]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((p) => {
        // One Interval per plugin: the shortest any of its inputs asks for.
        const interval = Math.min(...p.intervals);
        return {
          name: p.name,
          comment: `inputs: ${p.inputs.map((i) => collectdString(i, ['lma', 'inputs', i])).join(', ')}`,
          interval: interval === this.interval ? null : collectdNumber(interval, ['lma', 'inputs', p.inputs[0], 'interval']),
          options: p.options,
          blocks: p.blocks,
        };
      });
  }
}
