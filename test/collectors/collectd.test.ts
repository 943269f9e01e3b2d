/**
 * collectd configs of legacy_collector nodes, checked by the real collectd
 * (`collectd -T`: it parses the file, loads every plugin, hands each its
 * options, then runs one read cycle). A read that fails here (no MySQL, no
 * Apache on the test machine) is not a config error; only the messages of
 * config handling count (see ../shared/reference/validators.md).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectdConf, parseMysqlDsn } from '../../generators/collectors/collectd.js';
import { collectdNumber, collectdString } from '../../generators/collectors/formats/collectd.js';
import { UnrepresentableValue } from '../../generators/collectors/formats/errors.js';
import type { CollectorNode } from '../../generators/collectors/node.js';
import { compileModel } from '../../src/build/pipeline.js';
import type { Input, Lma } from '../../src/model/lma-types.js';
import type { NodeModel } from '../../src/model/node-model.js';
import { ROOT, toolAvailable } from '../helpers/tools.js';

const collectdAvailable = toolAvailable('collectd (Debian package collectd-core)', existsSync('/usr/sbin/collectd') || spawnSync('collectd', ['-h'], { stdio: 'ignore' }).status !== null);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'lmac-collectd-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A real, validated lma (schema defaults applied) of a demo node, with prometheus and influxdb enabled. */
const demo: Lma = (() => {
  const { model } = compileModel(ROOT, 'demo');
  const n = model?.nodes.find((x) => x.lma?.roles.metric_collector);
  if (!n?.lma) throw new Error('the demo has no metric collector');
  return n.lma;
})();

function input(plugin: string, options: Record<string, unknown> = {}, extra: Partial<Input> = {}): Input {
  return { plugin, scope: 'node', service: '', enabled: true, exporter: '', interval: '', options, ...extra };
}

function node(inputs: Record<string, Input>, name = 'cmp01'): CollectorNode {
  const lma: Lma = structuredClone(demo);
  lma.inputs = inputs;
  lma.roles = { ...lma.roles, metric_collector: true, legacy_collector: true };
  // The generator reads only name and lma; the model is for diagnostics.
  return { name, lma, labels: { hostname: name, environment: lma.environment }, model: { name } as NodeModel };
}

/** Every Telegraf input lmac maps to collectd, with the options each mapping reads. */
const MAPPED: Record<string, Input> = {
  apache: input('apache', { urls: ['http://127.0.0.1/server-status?auto', 'http://127.0.0.2/server-status?auto'], username: 'monitor', password: 'pw' }),
  cpu: input('cpu', { percpu: false, totalcpu: true }, { interval: '30s' }),
  disk: input('disk', { ignore_fs: ['tmpfs', 'devtmpfs', 'overlay'] }),
  diskio: input('diskio', { devices: ['sda', 'nvme*'] }),
  mem: input('mem'),
  memcached: input('memcached', { servers: ['localhost:11211', '[::1]:11212'], unix_sockets: ['/run/memcached.sock'] }),
  mysql: input('mysql', { servers: ['monitor:s3cret@tcp(127.0.0.1:3306)/?tls=false', 'monitor@unix(/run/mysqld/mysqld.sock)/mysql'] }),
  net: input('net', { interfaces: ['eth0', 'en*'] }),
  nginx: input('nginx', { urls: ['http://127.0.0.1/nginx_status'] }),
  ntpq: input('ntpq', { dns_lookup: false }),
  processes: input('processes'),
  rabbitmq_process: input('procstat', { pattern: 'beam\\.smp' }),
  sshd_process: input('procstat', { exe: 'sshd' }),
  system: input('system'),
};
const UNMAPPED: Record<string, Input> = {
  haproxy: input('haproxy', { servers: ['http://127.0.0.1:8080/stats'] }),
  rabbitmq: input('rabbitmq', { url: 'http://127.0.0.1:15672' }),
  local_http: input('http_response', { urls: ['http://127.0.0.1/'] }),
  pidfile_process: input('procstat', { pid_file: '/run/x.pid' }),
  mysql_bad_dsn: input('mysql', { servers: ['not a dsn'] }),
  broken_regex: input('procstat', { pattern: 'beam(smp' }),
  not_a_mapper: input('constructor'),
};

interface CollectdRun {
  status: number | null;
  output: string;
}

/** collectd -T on the config, with a writable BaseDir (the generated file keeps the package default). */
function collectdTest(text: string, name: string): CollectdRun {
  const dir = mkdtempSync(path.join(tmp, `${name}-`));
  const file = path.join(dir, 'collectd.conf');
  writeFileSync(file, `BaseDir ${collectdString(dir, [])}\n${text}`);
  const r = spawnSync('collectd', ['-T', '-C', file], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/** Messages collectd prints when a config is wrong (as opposed to a read that failed). */
const CONFIG_ERRORS = [
  'Parsing the config file failed',
  'did not register for value',
  'failed to handle option',
  'Ignoring unknown',
  "isn't loaded",
  'Could not find plugin',
  'dlopen(',
  'Configuration failed',
];

function expectValidConfig(r: CollectdRun): void {
  for (const e of CONFIG_ERRORS) expect(r.output, r.output).not.toContain(e);
}

/** liboconfig's unquote (src/liboconfig/parser.y): drop the quotes, then each backslash keeps the next character. */
function unquote(literal: string): string {
  expect(literal).toMatch(/^"([^\\"]|\\.)*"$/);
  return literal.slice(1, -1).replace(/\\(.)/g, '$1');
}

describe('GIVEN a legacy_collector node with every input lmac maps to collectd, and Prometheus and InfluxDB enabled', () => {
  const n = node({ ...MAPPED, ...UNMAPPED, remote_api: input('http_response', { urls: ['http://10.0.0.1/'] }, { scope: 'remote' }), off: input('cpu', {}, { enabled: false }) });
  const { text, unsupported } = collectdConf(n, n.lma.backends);

  it('WHEN rendered THEN it starts with the header, names the node and loads each mapped plugin and both outputs', () => {
    expect(text.split('\n')[0]).toBe('# Generated by lmac from the model; do not edit.');
    expect(text).toContain('\nHostname "cmp01"\n');
    expect(text).toContain('\nFQDNLookup false\n');
    expect(text).toContain('\nInterval 15\n'); // the demo's Prometheus scrape_interval
    const loaded = [...text.matchAll(/^(?:LoadPlugin |<LoadPlugin )(\w+)/gm)].map((m) => m[1]);
    expect(loaded).toEqual(['apache', 'cpu', 'df', 'disk', 'interface', 'load', 'memcached', 'memory', 'mysql', 'nginx', 'ntpd', 'processes', 'uptime', 'users', 'network', 'write_prometheus']);
    expect(text).toMatch(/<LoadPlugin cpu>\n {2}Interval 30\n<\/LoadPlugin>/);
    expect(text).toContain('ProcessMatch "rabbitmq_process" "beam\\\\.smp"');
    expect(text).toContain('Server "10.20.0.50" "25826"');
    expect(text).toContain('Port "9273"');
  });

  it('WHEN rendered THEN remote and disabled inputs are skipped and inputs without a collectd equivalent are listed, sorted', () => {
    expect(unsupported.map((u) => [u.input, u.plugin])).toEqual([
      ['broken_regex', 'procstat'],
      ['haproxy', 'haproxy'],
      ['local_http', 'http_response'],
      ['mysql_bad_dsn', 'mysql'],
      ['not_a_mapper', 'constructor'],
      ['pidfile_process', 'procstat'],
      ['rabbitmq', 'rabbitmq'],
    ]);
    expect(text).not.toContain('remote_api');
    expect(text).not.toContain('"off"');
  });

  it('WHEN rendered twice THEN the bytes are the same (deterministic)', () => {
    const again = node(Object.fromEntries(Object.entries(n.lma.inputs).reverse()));
    expect(collectdConf(again, again.lma.backends).text).toBe(text);
  });

  it.runIf(collectdAvailable)('WHEN collectd -T reads it THEN every plugin loads and takes its options (no config error)', () => {
    const r = collectdTest(text, 'all');
    expectValidConfig(r);
    for (const p of ['apache', 'cpu', 'df', 'disk', 'interface', 'load', 'memcached', 'memory', 'mysql', 'nginx', 'ntpd', 'processes', 'uptime', 'users', 'network', 'write_prometheus']) {
      expect(r.output, r.output).toContain(`plugin "${p}" successfully loaded`);
    }
  });

  // collectd matches ProcessMatch and ignorelist regexes with glibc's regcomp(REG_EXTENDED), as GNU grep -E does.
  it.each([
    ['ProcessMatch "sshd_process"', ['/usr/sbin/sshd -D', 'sshd: root@pts/0', 'sshd'], ['/usr/bin/python3 /opt/sshd-helper.py', '/opt/sshd/bin/agent', 'ssh host']],
    ['ProcessMatch "rabbitmq_process"', ['/usr/lib/erlang/erts-12/bin/beam.smp -W w'], ['/usr/bin/beamXsmp']],
    ['Disk', ['nvme0n1', 'nvme1n1p2'], ['sda1', 'xnvme0']],
    ['Interface', ['enp3s0', 'ens1'], ['eth0', 'lo', 'xen0']],
  ])('WHEN the regex of %s is run by grep -E THEN it matches what the Telegraf option selects, and only that', (key, yes, no) => {
    const isMatch = key.startsWith('ProcessMatch');
    // The last literal of the line; for Disk and Interface, the entry written as a /regex/.
    const literal = text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.startsWith(`${key} `))
      .map((l) => /("(?:[^\\"]|\\.)*")$/.exec(l)?.[1] ?? '')
      .find((q) => isMatch || q.startsWith('"/'));
    expect(literal, key).toBeDefined();
    let regex = unquote(literal ?? '');
    if (!isMatch) regex = regex.slice(1, -1); // an ignorelist /regex/
    const r = spawnSync('grep', ['-E', '-e', regex], { input: [...yes, ...no].join('\n') + '\n', encoding: 'utf8' });
    expect(r.stdout.split('\n').filter(Boolean)).toEqual(yes);
  });

  it.runIf(collectdAvailable)('WHEN a config error is planted THEN the same check catches it (the check can fail)', () => {
    expect(collectdTest(text.replace('ReportByState true', 'ReportByStat true'), 'bad-option').output).toContain('Parsing the config file failed');
    expect(collectdTest(text.replace('Hostname "cmp01"', 'Hostname "cmp01'), 'bad-quote').output).toContain('Parsing the config file failed');
  });
});

describe('GIVEN model strings that mean something to a config file or a template', () => {
  const HOSTILE = ['say "hi"', 'C:\\dir\\', 'a # not a comment', '{{ x }}', '${HOME}', '"\\"#{{ x }}${HOME}\\'];

  it.each(HOSTILE)('WHEN %j is written by collectdString THEN liboconfig unquoting gives it back', (v) => {
    expect(unquote(collectdString(v, []))).toBe(v);
  });

  it.runIf(collectdAvailable)('WHEN collectd itself reads them (as a log file name it creates) THEN it gets each value unchanged', () => {
    for (const [i, name] of HOSTILE.entries()) {
      const dir = mkdtempSync(path.join(tmp, `roundtrip-${i}-`));
      const conf = ['LoadPlugin logfile', '<Plugin logfile>', `  File ${collectdString(path.join(dir, name), [])}`, '</Plugin>', 'LoadPlugin load', ''].join('\n');
      const r = collectdTest(conf, `rt-${i}`);
      expectValidConfig(r);
      expect(readdirSync(dir)).toEqual([name]);
    }
  });

  it.runIf(collectdAvailable)('WHEN they are options of inputs THEN collectd -T accepts the config and each value comes back from the rendered text', () => {
    const v = HOSTILE[HOSTILE.length - 1];
    const n = node({
      apache: input('apache', { urls: [`http://127.0.0.1/${v}`], username: v, password: v }),
      disk: input('disk', { mount_points: ['/', `/srv/${v}`, '/var/lib/docker/'] }),
      mysql: input('mysql', { servers: [`monitor:${v}@tcp(127.0.0.1:3306)/`] }),
      proc: input('procstat', { pattern: 'x#\\{\\{ y \\}\\}"\\$\\{HOME\\}' }),
    });
    const { text, unsupported } = collectdConf(n, n.lma.backends);
    expect(unsupported).toEqual([]);
    const values = (key: string): string[] => [...text.matchAll(new RegExp(`^\\s*${key} (.*)$`, 'gm'))].map((m) => unquote(m[1]));
    expect(values('User')).toEqual([v, 'monitor']);
    expect(values('Password')).toEqual([v, v]);
    expect(values('URL')).toEqual([`http://127.0.0.1/${v}`]);
    // A mount point that looks like a collectd /regex/ is matched exactly.
    expect(values('MountPoint')).toEqual(['/', `/srv/${v}`, '/^/var/lib/docker/$/']);
    expectValidConfig(collectdTest(text, 'hostile'));
  });

  it.each([
    ['a line feed', 'a\nb'],
    ['a carriage return', 'a\rb'],
    ['a NUL', 'a\u0000b'],
  ])('WHEN an option holds %s THEN UnrepresentableValue names its model path', (_what, v) => {
    const n = node({ rabbitmq_process: input('procstat', { pattern: v }) });
    let err: unknown;
    try {
      collectdConf(n, n.lma.backends);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UnrepresentableValue);
    expect((err as UnrepresentableValue).path).toEqual(['lma', 'inputs', 'rabbitmq_process', 'options', 'pattern']);
  });

  it('WHEN the InfluxDB url is not a URL THEN UnrepresentableValue names it', () => {
    const n = node({ cpu: input('cpu') });
    n.lma.backends.influxdb.url = 'not a url';
    expect(() => collectdConf(n, n.lma.backends)).toThrow(UnrepresentableValue);
  });
});

describe('GIVEN the pieces the mapping relies on', () => {
  it.each([
    ['monitor:s3cret@tcp(127.0.0.1:3306)/?tls=false', { user: 'monitor', password: 's3cret', host: '127.0.0.1', port: 3306, database: '' }],
    ['u:p@ss:w/rd@tcp([::1]:3307)/db', { user: 'u', password: 'p@ss:w/rd', host: '::1', port: 3307, database: 'db' }],
    ['root@unix(/run/mysqld/mysqld.sock)/', { user: 'root', socket: '/run/mysqld/mysqld.sock', database: '' }],
    ['/', { host: '127.0.0.1', port: 3306, database: '' }],
  ])('WHEN the DSN %s is parsed THEN it is split as go-sql-driver does', (dsn, want) => {
    expect(parseMysqlDsn(dsn)).toEqual(want);
  });

  it.each(['no slash', 'pipe(x)/db'])('WHEN %j is parsed THEN it is refused', (dsn) => {
    expect(parseMysqlDsn(dsn)).toBeNull();
  });

  it('WHEN numbers are written THEN collectd reads them (no exponent, no Infinity)', () => {
    expect(collectdNumber(10, [])).toBe('10');
    expect(collectdNumber(0.5, [])).toBe('0.5');
    expect(() => collectdNumber(Number.POSITIVE_INFINITY, ['x'])).toThrow(UnrepresentableValue);
  });

  it('WHEN Prometheus is disabled THEN the interval is 10 s and only the enabled output is written', () => {
    const n = node({ cpu: input('cpu') });
    n.lma.backends.prometheus.enabled = false;
    const { text } = collectdConf(n, n.lma.backends);
    expect(text).toContain('\nInterval 10\n');
    expect(text).not.toContain('write_prometheus');
    expect(text).toContain('LoadPlugin network');
  });

  it('WHEN two inputs need the same single-instance plugin THEN the second is unsupported', () => {
    const n = node({ cpu: input('cpu'), cpu2: input('cpu') });
    expect(collectdConf(n, n.lma.backends).unsupported).toEqual([{ input: 'cpu2', plugin: 'cpu', reason: expect.stringContaining('input cpu already configures it') }]);
  });
});

/** Every collectd.conf lmac built: the shipped clusters' out/ and the golden cases'. */
function generatedCollectdConfs(): string[] {
  const roots = [path.join(ROOT, 'out'), ...readdirSync(path.join(ROOT, 'test/cases')).map((c) => path.join(ROOT, 'test/cases', c, 'out'))];
  return roots.filter((r) => existsSync(r)).flatMap((r) => readdirSync(r, { recursive: true, encoding: 'utf8' }).filter((f) => path.basename(f) === 'collectd.conf').map((f) => path.join(r, f)));
}

describe.runIf(collectdAvailable)('GIVEN every collectd.conf in out/ and the golden cases', () => {
  const confs = generatedCollectdConfs();
  it('WHEN listed THEN the golden case has its legacy node', () => {
    expect(confs.map((f) => path.relative(ROOT, f))).toContain('test/cases/collectors/out/col/collectors/cmp02/collectd.conf');
  });
  it.each(confs.map((f) => [path.relative(ROOT, f), f]))('WHEN collectd -T reads %s THEN it has no config error', (_rel, file) => {
    expectValidConfig(collectdTest(readFileSync(file, 'utf8'), 'generated'));
  });
});
