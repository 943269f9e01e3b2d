/**
 * The log collector (Fluent Bit): the classic-format checker (what it rejects,
 * written from Fluent Bit's docs), the files generated for the demo domain and
 * variants of it, the parsers against sample lines of each format (written
 * from the formats' documentation, not from the regexes), the inline Lua
 * normalizer (run by LuaJIT, Fluent Bit's Lua, when it is installed), and
 * hostile model values.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  fluentBitConf,
  LOG_COLLECTOR_METRICS_PORT,
  LOG_METRICS,
  NORMALIZE_LUA,
  PARSERS,
} from '../../generators/collectors/fluent-bit.js';
import { UnrepresentableValue } from '../../generators/collectors/formats/errors.js';
import { nodeLabels, type CollectorNode } from '../../generators/collectors/node.js';
import { LOG_COLLECTOR_PORT } from '../../generators/prometheus/config.js';
import { compileModel } from '../../src/build/pipeline.js';
import type { Lma, Log } from '../../src/model/lma-types.js';
import {
  checkFluentBitConf,
  checkParserReferences,
  checkParsersConf,
  entries,
  entry,
  onigmoToJs,
  parseClassic,
  parserSections,
  timeFits,
  type FbSection,
} from '../helpers/fluent-bit-format.js';
import { ROOT, toolAvailable } from '../helpers/tools.js';

const compiled = compileModel(ROOT, 'demo');
if (!compiled.model) throw new Error(`the demo model does not compile: ${JSON.stringify(compiled.diagnostics)}`);
const demo = compiled.model;

/** A collector node of the demo domain, its lma changed by `change` (on a copy). */
function node(name: string, change?: (lma: Lma) => void): CollectorNode {
  const n = demo.nodes.find((x) => x.name === name);
  if (!n?.lma) throw new Error(`no demo node ${name} with lma`);
  const lma = structuredClone(n.lma);
  change?.(lma);
  return { name: n.name, lma, labels: nodeLabels({ ...n, lma }), model: n };
}

/** Keeps only the named logs of a node: these tests read ctl01's system and RabbitMQ logs, whatever else the library adds. */
function onlyLogs(...names: string[]): (lma: Lma) => void {
  return (lma) => {
    lma.logs = Object.fromEntries(names.map((n) => [n, lma.logs[n]]));
  };
}

/** ctl01's applications, its `roles` label (the library gives a controller many). */
const CTL01_ROLES = node('ctl01').labels.roles;

function generate(n: CollectorNode): { conf: string; parsers: string } {
  const out = fluentBitConf(n, n.lma.backends);
  return { conf: out['fluent-bit.conf'], parsers: out['parsers.conf'] };
}

function log(path: string, parser: Log['parser'], service = '', tags: Record<string, string> = {}): Log {
  return { path, parser, service, enabled: true, tags };
}

function sections(text: string, name: string, plugin?: string): FbSection[] {
  return parseClassic(text).sections.filter((s) => s.name === name && (plugin === undefined || entry(s, 'Name') === plugin));
}

/** The error thrown by fn, which must be an UnrepresentableValue. */
function refusal(fn: () => unknown): UnrepresentableValue {
  try {
    fn();
  } catch (e) {
    if (e instanceof UnrepresentableValue) return e;
    throw e;
  }
  throw new Error('expected an UnrepresentableValue, nothing was thrown');
}

/**
 * How Fluent Bit reads `KEY VALUE` of record_modifier's Record (config map
 * SLIST_2: flb_slist_split_tokens with max_split 2), re-implemented from
 * src/flb_slist.c to check the quoting lmac writes.
 */
function splitTokens(str: string, maxSplit: number): string[] {
  const out: string[] = [];
  let buf: string | null = str;
  let count = 0;
  const retrieve = (): string | null => {
    if (buf === null) return null;
    let p = 0;
    const s: string = buf;
    while (s[p] === ' ') p++;
    let start = p;
    let quoted = false;
    let closed = false;
    if (s[p] === '"') {
      quoted = true;
      p++;
      start = p;
      for (;;) {
        while (p < s.length && s[p] !== '"') p++;
        if (p >= s.length) break;
        if (s[p - 1] === '\\') {
          p++;
          continue;
        }
        closed = true;
        break;
      }
    } else {
      while (p < s.length && s[p] !== ' ') p++;
    }
    if (p < s.length) {
      let tok = s.slice(start, p);
      if (quoted && closed) tok = tok.replace(/\\"/g, '"');
      p++;
      while (s[p] === ' ') p++;
      buf = s.slice(p);
      return tok;
    }
    buf = null;
    return p > start ? s.slice(start) : null;
  };
  for (let tok = retrieve(); tok !== null; tok = retrieve()) {
    out.push(tok);
    if (buf === null) break;
    count++;
    if (count >= maxSplit && maxSplit > 0) {
      const rest: string = (buf as string).replace(/^ +/, '');
      if (rest) out.push(rest);
      break;
    }
  }
  return out;
}

/** The records a record_modifier section sets, as Fluent Bit reads them. */
function recordsOf(s: FbSection): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of entries(s, 'Record')) {
    const t = splitTokens(v, 2);
    expect(t, `Record ${v} must be exactly KEY VALUE`).toHaveLength(2);
    out[t[0]] = t[1];
  }
  return out;
}

describe('GIVEN the classic-format checker', () => {
  const ok = (text: string): void => {
    expect(checkFluentBitConf(text)).toEqual([]);
  };
  const errors = (text: string, check = checkFluentBitConf): string[] => check(text).map((i) => `${i.line}: ${i.message}`);

  it('WHEN a file follows the documented format (comments, @INCLUDE, @SET, CRLF, one indentation) THEN it passes', () => {
    ok('# top comment\n@SET MY_VAR=1\n@INCLUDE other.conf\n[SERVICE]\n    # indented comment\n    Flush 1\n\n[INPUT]\r\n    Name  cpu\r\n    Tag   my_cpu\r\n\n[OUTPUT]\n    Name  stdout\n    Match my*cpu\n');
    ok('[service]\n\tflush 1\n[output]\n\tname stdout\n\tmatch_regex ^(a|b)$\n');
  });

  it('WHEN an entry is outside a section THEN it is reported with its line', () => {
    expect(errors('    Name tail\n[INPUT]\n    Name tail\n')).toEqual(['1: entry "Name tail" is outside a section']);
    expect(errors('[INPUT]\nName tail\n    Tag x\n')).toEqual(['1: [INPUT] needs Name', '2: entry "Name tail" must be indented under [INPUT]']);
  });

  it('WHEN a section name is unknown or its header is broken THEN it is reported', () => {
    expect(errors('[INPUTS]\n    Name tail\n')).toEqual([expect.stringMatching(/^1: unknown section \[INPUTS\]/)]);
    expect(errors('[INPUT\n    Name tail\n')).toEqual(['1: bad section header "[INPUT": no closing ]', '2: entry "Name tail" is outside a section']);
    expect(errors('[INPUT]\n')).toEqual(['1: section [INPUT] has no entries']);
  });

  it('WHEN a key has no value (none, only spaces, or a tab instead of a space) THEN it is reported', () => {
    expect(errors('[INPUT]\n    Name tail\n    Tag\n')).toEqual(['3: key "Tag" has no value (a key and its value are separated by a space)']);
    expect(errors('[INPUT]\n    Name tail\n    Tag    \n')).toEqual(['3: key Tag has an empty value']);
    expect(errors('[INPUT]\n    Name\ttail\n')).toEqual(['2: key "Name\\ttail" has no value (a key and its value are separated by a space)', '1: section [INPUT] has no entries'].reverse());
  });

  it('WHEN indentation mixes tabs and spaces or changes width THEN it is reported', () => {
    expect(errors('[INPUT]\n    Name tail\n\tTag x\n')).toEqual(['3: mixed indentation: tabs here, spaces elsewhere (or the reverse)']);
    expect(errors('[INPUT]\n \tName tail\n')).toEqual(['1: section [INPUT] has no entries', '2: mixed indentation: tabs and spaces on one line']);
    expect(errors('[INPUT]\n    Name tail\n  Tag x\n')).toEqual(['3: inconsistent indentation: 2 characters here, 4 on the first indented line']);
    expect(errors('[INPUT]\n    Name tail\n        Tag x\n')).toEqual(['3: inconsistent indentation: 8 characters here, 4 on the first indented line']);
  });

  it('WHEN a required key is missing THEN it is reported (Name; Match or Match_Regex; a parser\'s Name, Format, Regex)', () => {
    expect(errors('[INPUT]\n    Tag x\n')).toEqual(['1: [INPUT] needs Name']);
    expect(errors('[FILTER]\n    Name grep\n')).toEqual(['1: [FILTER] needs Match or Match_Regex']);
    expect(errors('[OUTPUT]\n    Match *\n')).toEqual(['1: [OUTPUT] needs Name']);
    expect(errors('[OUTPUT]\n    Name stdout\n    Match_Regex ^(a\n')).toEqual([expect.stringMatching(/^3: Match_Regex does not compile/)]);
    expect(errors('[PARSER]\n    Name p\n', checkParsersConf)).toEqual(['1: [PARSER] needs Format']);
    expect(errors('[PARSER]\n    Format json\n', checkParsersConf)).toEqual(['1: [PARSER] needs Name']);
    expect(errors('[PARSER]\n    Name p\n    Format regex\n', checkParsersConf)).toEqual(['1: parser p: Format regex needs Regex']);
    expect(errors('[MULTILINE_PARSER]\n    Name m\n', checkParsersConf)).toEqual(['1: [MULTILINE_PARSER] needs Type']);
  });

  it('WHEN a regex parser does not compile, names a group badly or its Time_Key is not a group THEN it is reported at that line', () => {
    expect(errors('[PARSER]\n    Name p\n    Format regex\n    Regex ^(?<a>[a-z]+$\n', checkParsersConf)).toEqual([expect.stringMatching(/^4: parser p: Regex does not compile/)]);
    expect(errors('[PARSER]\n    Name p\n    Format regex\n    Regex ^(?<user-name>.*)$\n', checkParsersConf)).toEqual([
      '4: parser p: Regex does not compile: group name "user-name" is not letters, digits and underscores',
    ]);
    expect(errors('[PARSER]\n    Name p\n    Format regex\n    Regex ^(?<ts>\\S+) (?<m>.*)$\n    Time_Key time\n    Time_Format %s\n', checkParsersConf)).toEqual([
      '5: parser p: Time_Key time is not a named group of the Regex',
    ]);
    expect(errors('[PARSER]\n    Name p\n    Format csv\n', checkParsersConf)).toEqual(['1: parser p: unknown Format csv']);
    expect(errors('[PARSER]\n    Name p\n    Format json\n[PARSER]\n    Name p\n    Format json\n', checkParsersConf)).toEqual(['4: parser p is defined twice (first on line 1)']);
    expect(errors('[PARSER]\n    Name p\n    Format regex\n    Regex ^(?<n>\\d+)$\n    Types n:int\n', checkParsersConf)).toEqual([expect.stringMatching(/^5: Types entry "n:int"/)]);
  });

  it('WHEN a parsers file has other sections, or fluent-bit.conf names a parser it lacks THEN it is reported', () => {
    expect(errors('[INPUT]\n    Name tail\n', checkParsersConf)).toEqual(['1: [INPUT] does not belong in a parsers file (only PARSER and MULTILINE_PARSER)']);
    const main = '[INPUT]\n    Name tail\n    Parser apache\n[FILTER]\n    Name parser\n    Match *\n    Parser json\n    Parser nope\n';
    expect(checkParserReferences(main, '[PARSER]\n    Name json\n    Format json\n')).toEqual([
      { line: 3, message: 'parser apache is not defined in the parsers file' },
      { line: 8, message: 'parser nope is not defined in the parsers file' },
    ]);
  });

  it('WHEN a regex uses Onigmo-only syntax (\\h, atomic groups, possessive quantifiers, /.../ wrapping) THEN it compiles as Fluent Bit would', () => {
    expect(onigmoToJs('^(?<id>\\h+)$').test('00ff')).toBe(true);
    expect(onigmoToJs('^(?>a+)b$').test('aab')).toBe(true);
    expect(onigmoToJs('^a++b$').test('aab')).toBe(true);
    expect(onigmoToJs('/^\\<(?<pri>[0-9]+)\\>(?<m>.*)$/').exec('<13>x')?.groups).toEqual({ pri: '13', m: 'x' });
    expect(onigmoToJs('(?i)^abc$').test('ABC')).toBe(true);
    expect(() => onigmoToJs('^[a-')).toThrow();
  });

  it('WHEN a time is checked against a Time_Format THEN the strptime directives are honoured', () => {
    expect(timeFits('%d/%b/%Y:%H:%M:%S %z', '10/Oct/2000:13:55:36 -0700')).toBe(true);
    expect(timeFits('%d/%b/%Y:%H:%M:%S %z', '10/Oct/2000 13:55:36 -0700')).toBe(false);
    expect(timeFits('%Y-%m-%d %H:%M:%S.%L', '2017-01-18 10:32:01')).toBe(false);
    expect(timeFits('%Y-%m-%d %H:%M:%S.%L', '2017-01-18 10:32:01', false)).toBe(true);
  });
});

describe('GIVEN the demo domain', () => {
  const collectors = demo.nodes.filter((n) => n.lma?.roles.log_collector).map((n) => n.name);

  it('THEN it has log collectors to check', () => {
    expect(collectors.length).toBeGreaterThan(0);
  });

  it.each(collectors)('WHEN the log collector of %s is generated THEN fluent-bit.conf and parsers.conf pass the checker and every parser named is defined', (name) => {
    const { conf, parsers } = generate(node(name));
    expect(conf.split('\n')[0]).toBe('# Generated by lmac from the model; do not edit.');
    expect(parsers.split('\n')[0]).toBe('# Generated by lmac from the model; do not edit.');
    expect(checkFluentBitConf(conf)).toEqual([]);
    expect(checkParsersConf(parsers)).toEqual([]);
    expect(checkParserReferences(conf, parsers)).toEqual([]);
    expect(conf.endsWith('\n') && !conf.endsWith('\n\n')).toBe(true);
  });

  it('WHEN ctl01 is generated THEN each enabled log is a tail input tagged log.<service>.<log>, enriched with the node labels and its service', () => {
    const { conf, parsers } = generate(node('ctl01', onlyLogs('auth', 'rabbitmq', 'syslog')));
    const inputs = sections(conf, 'INPUT', 'tail');
    expect(inputs.map((s) => [entry(s, 'Tag'), entry(s, 'Path'), entry(s, 'Parser') ?? null])).toEqual([
      ['log.system.auth', '/var/log/auth.log', null],
      ['log.rabbitmq.rabbitmq', '/var/log/rabbitmq/rabbit@*.log', 'rabbitmq'],
      ['log.system.syslog', '/var/log/syslog', null],
    ]);
    for (const s of inputs) {
      expect(entry(s, 'DB')).toMatch(/^\/var\/lib\/fluent-bit\/tail-[a-z]+\.db$/);
      expect(entry(s, 'Mem_Buf_Limit')).toBe('5MB');
      expect(entry(s, 'Skip_Long_Lines')).toBe('On');
    }
    // syslog has several formats: a parser filter tries them in turn
    const pf = sections(conf, 'FILTER', 'parser');
    expect(pf.map((s) => [entry(s, 'Match'), entries(s, 'Parser')])).toEqual([
      ['log.system.auth', ['syslog_rfc5424', 'syslog_rfc3339', 'syslog_rfc3164']],
      ['log.system.syslog', ['syslog_rfc5424', 'syslog_rfc3339', 'syslog_rfc3164']],
    ]);
    const rm = sections(conf, 'FILTER', 'record_modifier');
    expect(rm.map((s) => [entry(s, 'Match'), recordsOf(s)])).toEqual([
      ['log.system.auth', { environment: 'demo.example.net', hostname: 'ctl01', region: 'RegionOne', roles: CTL01_ROLES, service: 'system' }],
      ['log.rabbitmq.rabbitmq', { environment: 'demo.example.net', hostname: 'ctl01', region: 'RegionOne', roles: CTL01_ROLES, service: 'rabbitmq' }],
      ['log.system.syslog', { environment: 'demo.example.net', hostname: 'ctl01', region: 'RegionOne', roles: CTL01_ROLES, service: 'system' }],
    ]);
    expect(CTL01_ROLES.split(',')).toEqual(expect.arrayContaining(['linux', 'rabbitmq']));
    // record_modifier appends: the same keys are removed first so that the node's values win
    for (const s of rm) expect(entries(s, 'Remove_key')).toEqual(Object.keys(recordsOf(s)));
    expect([...parserSections(parsers).keys()]).toEqual(['rabbitmq', 'syslog_rfc3164', 'syslog_rfc3339', 'syslog_rfc5424']);
  });

  it('WHEN ctl01 is generated THEN the service runs the health endpoint on 2020 and Prometheus scrapes the log metrics on the port it expects', () => {
    const { conf } = generate(node('ctl01'));
    const [service] = sections(conf, 'SERVICE');
    expect([entry(service, 'HTTP_Server'), entry(service, 'HTTP_Port'), entry(service, 'Health_Check'), entry(service, 'Parsers_File')]).toEqual(['On', '2020', 'On', 'parsers.conf']);
    const [exporter] = sections(conf, 'OUTPUT', 'prometheus_exporter');
    expect(entry(exporter, 'Port')).toBe(String(LOG_COLLECTOR_PORT));
    expect(LOG_COLLECTOR_METRICS_PORT).toBe(LOG_COLLECTOR_PORT);
    expect(entry(exporter, 'Match')).toBe('metrics.*');
    // region goes on the metrics; hostname and environment are the scrape target's labels
    expect(entries(exporter, 'Add_Label')).toEqual(['region RegionOne', `roles ${CTL01_ROLES}`]);
  });

  it('WHEN the log metrics are generated THEN the names log_to_metrics composes (namespace_subsystem_name) are the documented ones', () => {
    const n = node('ctl01', (lma) => {
      onlyLogs('auth', 'rabbitmq', 'syslog')(lma);
      lma.logs.api = log('/var/log/apache2/keystone_access.log', 'apache_access', 'keystone');
      lma.logs.lb = log('/var/log/nginx/access.log', 'nginx_access', 'horizon');
    });
    const { conf } = generate(n);
    const l2m = sections(conf, 'FILTER', 'log_to_metrics');
    const emitted = l2m.map((s) => ({
      name: `${entry(s, 'Metric_Namespace')}_${entry(s, 'Metric_Subsystem')}_${entry(s, 'Metric_Name')}`,
      mode: entry(s, 'Metric_Mode'),
      labels: entries(s, 'Label_Field'),
      match: entry(s, 'Match') ?? entry(s, 'Match_Regex'),
    }));
    expect(emitted).toEqual([
      { name: 'log_messages_total', mode: 'counter', labels: ['service', 'level'], match: 'log.*' },
      { name: 'log_http_requests_total', mode: 'counter', labels: ['service', 'http_method', 'http_status'], match: '^(?:log\\.keystone\\.api|log\\.horizon\\.lb)$' },
      { name: 'log_http_response_time_seconds', mode: 'histogram', labels: ['service', 'http_method'], match: '^(?:log\\.keystone\\.api|log\\.horizon\\.lb)$' },
    ]);
    expect(emitted.map((m) => m.name)).toEqual(Object.values(LOG_METRICS).map((m) => m.name));
    // the access-log tags are exactly what Match_Regex selects
    const re = onigmoToJs(emitted[1].match ?? '');
    expect(['log.keystone.api', 'log.horizon.lb'].every((t) => re.test(t))).toBe(true);
    expect(['log.rabbitmq.rabbitmq', 'log.keystone.apiX', 'log.keystone.api.x'].some((t) => re.test(t))).toBe(false);
    // the record rules (Regex KEY REGEX) compile and keep what they should
    const rules = l2m.flatMap((f) => entries(f, 'Regex')).map((r) => r.split(' ', 2));
    expect(rules.map(([k]) => k)).toEqual(['http_status', 'http_response_time']);
    const [status, time] = rules.map(([, r]) => onigmoToJs(r));
    expect(['200', '404', '503'].every((v) => status.test(v)) && !status.test('-') && !status.test('2000')).toBe(true);
    expect(['0.042', '0.123456', '3'].every((v) => time.test(v)) && !time.test('-') && !time.test('')).toBe(true);
    // a node without access logs has no HTTP metrics (an empty Match_Regex would match everything)
    expect(sections(generate(node('ctl01', onlyLogs('auth', 'rabbitmq', 'syslog'))).conf, 'FILTER', 'log_to_metrics')).toHaveLength(1);
  });

  it('WHEN logs are declared in another order THEN the output is the same bytes (sorted by log name)', () => {
    const a = node('ctl01', (lma) => {
      lma.logs = { b: log('/b', 'json'), a: log('/a', 'logfmt'), c: log('/c', 'none') };
    });
    const b = node('ctl01', (lma) => {
      lma.logs = { c: log('/c', 'none'), a: log('/a', 'logfmt'), b: log('/b', 'json') };
    });
    expect(generate(a)).toEqual(generate(b));
    expect(sections(generate(a).conf, 'INPUT').map((s) => entry(s, 'Tag'))).toEqual(['log.a.a', 'log.b.b', 'log.c.c']);
  });

  it('WHEN a log is disabled or has parser none THEN it is not collected, or collected unparsed with no parser defined', () => {
    const { conf, parsers } = generate(node('ctl01', (lma) => {
      onlyLogs('auth', 'rabbitmq', 'syslog')(lma);
      lma.logs.rabbitmq.enabled = false;
      lma.logs.raw = log('/var/log/raw.log', 'none', 'raw');
    }));
    expect(sections(conf, 'INPUT').map((s) => [entry(s, 'Tag'), entry(s, 'Parser') ?? null])).toEqual([['log.system.auth', null], ['log.raw.raw', null], ['log.system.syslog', null]]);
    expect(conf).not.toContain('/var/log/rabbitmq');
    expect(conf).not.toContain('log.rabbitmq');
    expect([...parserSections(parsers).keys()]).toEqual(['syslog_rfc3164', 'syslog_rfc3339', 'syslog_rfc5424']);
  });

  it('WHEN the demo backends are used THEN logs go to Elasticsearch in daily <index_prefix>-YYYY.MM.DD indices', () => {
    const [es, ...others] = sections(generate(node('ctl01')).conf, 'OUTPUT').filter((s) => entry(s, 'Name') !== 'prometheus_exporter');
    expect(others).toEqual([]);
    expect(Object.fromEntries(es.entries.map((e) => [e.key, e.value]))).toMatchObject({
      Name: 'es', Match: 'log.*', Host: '10.20.0.50', Port: '9200', Logstash_Format: 'On', Logstash_Prefix: 'log', Logstash_DateFormat: '%Y.%m.%d',
    });
    expect(entry(es, 'tls')).toBeUndefined();
    // The demo's password is a secret reference (clusters/demo/init.yml): its environment variable, never a value.
    expect([entry(es, 'HTTP_User'), entry(es, 'HTTP_Passwd')]).toEqual(['lma', '${LMAC_SECRET_ELASTICSEARCH_PASSWORD}']);
  });

  it('WHEN Elasticsearch is https with a path and credentials (the password a secret reference) THEN tls, Path and the credentials are set, the secret as an environment variable', () => {
    const { conf } = generate(node('ctl01', (lma) => {
      Object.assign(lma.backends.elasticsearch, { url: 'https://es.example.net/logs/', username: 'fluent', password: '?{secret:elasticsearch/password}', index_prefix: 'demo-logs' });
    }));
    expect(checkFluentBitConf(conf)).toEqual([]);
    const [es] = sections(conf, 'OUTPUT', 'es');
    expect([entry(es, 'Host'), entry(es, 'Port'), entry(es, 'Path'), entry(es, 'tls'), entry(es, 'HTTP_User'), entry(es, 'HTTP_Passwd'), entry(es, 'Logstash_Prefix')]).toEqual([
      'es.example.net', '443', '/logs', 'On', 'fluent', '${LMAC_SECRET_ELASTICSEARCH_PASSWORD}', 'demo-logs',
    ]);
  });

  it('WHEN Kafka is enabled THEN logs go to its logs topic instead of Elasticsearch, and to syslog too when it is enabled', () => {
    const { conf } = generate(node('ctl01', (lma) => {
      Object.assign(lma.backends.kafka, { enabled: true, brokers: ['10.20.0.61:9092', 'kafka2.example.net:9092'], logs_topic: 'lma-logs' });
      Object.assign(lma.backends.syslog, { enabled: true, host: 'syslog.example.net', port: 1514, protocol: 'tcp' });
    }));
    expect(checkFluentBitConf(conf)).toEqual([]);
    const outs = sections(conf, 'OUTPUT');
    expect(outs.map((s) => entry(s, 'Name'))).toEqual(['prometheus_exporter', 'kafka', 'syslog']);
    const [kafka] = sections(conf, 'OUTPUT', 'kafka');
    expect([entry(kafka, 'Brokers'), entry(kafka, 'Topics'), entry(kafka, 'Match')]).toEqual(['10.20.0.61:9092,kafka2.example.net:9092', 'lma-logs', 'log.*']);
    const [syslog] = sections(conf, 'OUTPUT', 'syslog');
    expect([entry(syslog, 'Host'), entry(syslog, 'Port'), entry(syslog, 'Mode'), entry(syslog, 'Syslog_Message_Key')]).toEqual(['syslog.example.net', '1514', 'tcp', 'message']);
  });

  it('WHEN no log backend is enabled THEN only the metrics are exported', () => {
    const { conf } = generate(node('ctl01', (lma) => {
      lma.backends.elasticsearch.enabled = false;
    }));
    expect(sections(conf, 'OUTPUT').map((s) => entry(s, 'Name'))).toEqual(['prometheus_exporter']);
  });

  it('WHEN a backend setting cannot be written THEN it is refused with its model path', () => {
    const cases: [(lma: Lma) => void, (string | number)[]][] = [
      [(l) => { l.backends.elasticsearch.url = 'not a url'; }, ['lma', 'backends', 'elasticsearch', 'url']],
      [(l) => { l.backends.elasticsearch.url = 'http://u:p@es:9200'; }, ['lma', 'backends', 'elasticsearch', 'url']],
      [(l) => { l.backends.elasticsearch.index_prefix = 'Logs #1'; }, ['lma', 'backends', 'elasticsearch', 'index_prefix']],
      [(l) => { l.backends.elasticsearch.username = 'u'; l.backends.elasticsearch.password = 'p${HOME}'; }, ['lma', 'backends', 'elasticsearch', 'password']],
      [(l) => { Object.assign(l.backends.kafka, { enabled: true, brokers: [] }); }, ['lma', 'backends', 'kafka', 'brokers']],
      [(l) => { Object.assign(l.backends.kafka, { enabled: true, brokers: ['a:1', 'b c:2'] }); }, ['lma', 'backends', 'kafka', 'brokers', 1]],
      [(l) => { Object.assign(l.backends.kafka, { enabled: true, brokers: ['a:1'], logs_topic: 'a,b' }); }, ['lma', 'backends', 'kafka', 'logs_topic']],
      [(l) => { Object.assign(l.backends.syslog, { enabled: true, host: 'a b' }); }, ['lma', 'backends', 'syslog', 'host']],
    ];
    for (const [change, path] of cases) expect(refusal(() => generate(node('ctl01', change))).path).toEqual(path);
  });
});

/** Sample lines of each format, from the format's documentation, and the fields they must give. */
const SAMPLES: [string, string, Record<string, string>][] = [
  ['syslog_rfc3164', 'Mar  3 09:05:01 ctl01 CRON[12345]: (root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)',
    { time: 'Mar  3 09:05:01', host: 'ctl01', ident: 'CRON', pid: '12345', message: '(root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)' }],
  ['syslog_rfc3164', '<34>Oct 11 22:14:15 mymachine su: \'su root\' failed for lonvick on /dev/pts/8',
    { pri: '34', time: 'Oct 11 22:14:15', host: 'mymachine', ident: 'su', message: '\'su root\' failed for lonvick on /dev/pts/8' }],
  ['syslog_rfc3339', '2024-03-03T09:05:01.123456+00:00 ctl01 systemd[1]: Started Daily apt upgrade and clean activities.',
    { time: '2024-03-03T09:05:01.123456+00:00', host: 'ctl01', ident: 'systemd', pid: '1', message: 'Started Daily apt upgrade and clean activities.' }],
  ['syslog_rfc5424', '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"] An application event log entry...',
    { pri: '165', time: '2003-10-11T22:14:15.003Z', host: 'mymachine.example.com', ident: 'evntslog', pid: '-', msgid: 'ID47', extradata: '[exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"]', message: 'An application event log entry...' }],
  ['syslog_rfc5424', '<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - \'su root\' failed for lonvick on /dev/pts/8',
    { pri: '34', ident: 'su', extradata: '-', message: '\'su root\' failed for lonvick on /dev/pts/8' }],
  ['syslog_rfc5424', '<165>1 2003-08-24T05:14:15-07:00 192.0.2.1 myproc 8710 - - %% It\'s time to make the do-nuts.',
    { pri: '165', time: '2003-08-24T05:14:15-07:00', host: '192.0.2.1', ident: 'myproc', pid: '8710', message: '%% It\'s time to make the do-nuts.' }],
  ['openstack', '2017-01-18 10:32:01.123 12345 INFO nova.osapi_compute.wsgi.server [req-3c1e8b3a-1b4e-4c5f-9f0e-1234567890ab 7f1c0e2a 5a4b3c2d - default default] 10.0.0.5 "GET /v2.1/servers HTTP/1.1" status: 200 len: 1234 time: 0.0123456',
    { time: '2017-01-18 10:32:01.123', pid: '12345', level: 'INFO', logger: 'nova.osapi_compute.wsgi.server', request_id: 'req-3c1e8b3a-1b4e-4c5f-9f0e-1234567890ab', message: '10.0.0.5 "GET /v2.1/servers HTTP/1.1" status: 200 len: 1234 time: 0.0123456' }],
  ['openstack', '2017-01-18 10:32:01.124 2231 ERROR oslo.messaging._drivers.impl_rabbit [-] AMQP server on 10.0.0.2:5672 is unreachable',
    { level: 'ERROR', logger: 'oslo.messaging._drivers.impl_rabbit', message: 'AMQP server on 10.0.0.2:5672 is unreachable' }],
  ['openstack', '2017-01-18 10:32:01.125 2231 WARNING nova.compute.manager [req-aaaaaaaa-0000-0000-0000-000000000001 req-bbbbbbbb-0000-0000-0000-000000000002 admin admin - - -] [instance: 9f5a] Instance shutdown by itself',
    { level: 'WARNING', request_id: 'req-bbbbbbbb-0000-0000-0000-000000000002', message: '[instance: 9f5a] Instance shutdown by itself' }],
  ['apache_access', '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326 "http://www.example.com/start.html" "Mozilla/4.08 [en] (Win98; I ;Nav)"',
    { http_client_ip_address: '127.0.0.1', user: 'frank', time: '10/Oct/2000:13:55:36 -0700', http_method: 'GET', http_url: '/apache_pb.gif', http_version: 'HTTP/1.0', http_status: '200', http_response_size: '2326', http_referer: 'http://www.example.com/start.html', http_user_agent: 'Mozilla/4.08 [en] (Win98; I ;Nav)' }],
  ['apache_access', '10.0.0.5 - - [18/Jan/2017:10:32:01 +0000] "POST /v3/auth/tokens HTTP/1.1" 201 8711 "-" "python-keystoneclient \\"v3\\"" 123456',
    { http_method: 'POST', http_url: '/v3/auth/tokens', http_status: '201', http_user_agent: 'python-keystoneclient \\"v3\\"', http_response_time_us: '123456' }],
  ['apache_access', '192.168.2.20 - - [29/Jul/2015:10:27:10 -0300] "GET /cgi-bin/try/ HTTP/1.0" 200 3395',
    { http_method: 'GET', http_status: '200', http_response_size: '3395' }],
  ['apache_access', '10.0.0.9 - - [18/Jan/2017:10:32:01 +0000] "-" 408 - "-" "-"',
    { http_status: '408', http_response_size: '-' }],
  ['apache_error', '[Thu May 12 08:28:57.652118 2011] [core:error] [pid 8777:tid 4326490112] [client ::1:58619] AH00128: File does not exist: /usr/local/apache2/htdocs/favicon.ico',
    { time: 'Thu May 12 08:28:57.652118 2011', module: 'core', level: 'error', pid: '8777', tid: '4326490112', client: '::1:58619', message: 'AH00128: File does not exist: /usr/local/apache2/htdocs/favicon.ico' }],
  ['apache_error', '[Wed Oct 11 14:32:52.000001 2000] [:trace3] [pid 100] mod_foo.c(42): tracing',
    { level: 'trace3', pid: '100', message: 'mod_foo.c(42): tracing' }],
  ['nginx_access', '93.184.216.34 - - [10/Oct/2023:13:55:36 +0000] "GET /dashboard/ HTTP/1.1" 200 612 "-" "curl/8.4.0"',
    { http_client_ip_address: '93.184.216.34', user: '-', time: '10/Oct/2023:13:55:36 +0000', http_method: 'GET', http_url: '/dashboard/', http_version: 'HTTP/1.1', http_status: '200', http_response_size: '612', http_referer: '-', http_user_agent: 'curl/8.4.0' }],
  ['nginx_access', '10.0.0.5 - admin [10/Oct/2023:13:55:36 +0000] "POST /auth/login/ HTTP/2.0" 302 0 "https://h/auth/login/" "Mozilla/5.0 (X11)" "10.1.1.1, 10.2.2.2" 0.042',
    { user: 'admin', http_status: '302', http_x_forwarded_for: '10.1.1.1, 10.2.2.2', http_response_time: '0.042' }],
  ['nginx_error', '2011/06/10 13:30:10 [error] 23263#0: *1 directory index of "/var/www/ssl/" is forbidden, client: 86.186.86.232, server: hostname.com, request: "GET / HTTP/1.1", host: "hostname.com"',
    { time: '2011/06/10 13:30:10', level: 'error', pid: '23263', tid: '0', connection_id: '1', message: 'directory index of "/var/www/ssl/" is forbidden, client: 86.186.86.232, server: hostname.com, request: "GET / HTTP/1.1", host: "hostname.com"' }],
  ['nginx_error', '2023/10/10 13:55:36 [notice] 1#1: start worker processes',
    { level: 'notice', pid: '1', tid: '1', message: 'start worker processes' }],
  ['rabbitmq', '2021-10-11 12:00:00.123456+00:00 [info] <0.229.0> Starting RabbitMQ 3.9.8 on Erlang 24.1.2',
    { time: '2021-10-11 12:00:00.123456+00:00', level: 'info', erlang_pid: '0.229.0', message: 'Starting RabbitMQ 3.9.8 on Erlang 24.1.2' }],
  ['rabbitmq', '2021-10-11 12:00:01.000001+02:00 [error] <0.1040.0> closing AMQP connection <0.1040.0> (10.0.0.5:43210 -> 10.0.0.11:5672):',
    { level: 'error', message: 'closing AMQP connection <0.1040.0> (10.0.0.5:43210 -> 10.0.0.11:5672):' }],
  ['mysql', '2019-03-14T10:20:41.123456Z 0 [Warning] [MY-010068] [Server] CA certificate ca.pem is self signed.',
    { time: '2019-03-14T10:20:41.123456Z', thread: '0', level: 'Warning', error_code: 'MY-010068', subsystem: 'Server', message: 'CA certificate ca.pem is self signed.' }],
  ['mysql', '2017-01-18T10:32:01.123456+01:00 12 [Note] Aborted connection 12 to db: \'nova\' user: \'nova\' host: \'10.0.0.5\' (Got an error reading communication packets)',
    { thread: '12', level: 'Note', message: 'Aborted connection 12 to db: \'nova\' user: \'nova\' host: \'10.0.0.5\' (Got an error reading communication packets)' }],
];

/** Lines a parser must not take (another format, or garbage): they stay whole in `message`. */
const NON_SAMPLES: [string, string][] = [
  ['syslog_rfc3164', '2024-03-03T09:05:01.123456+00:00 ctl01 systemd[1]: Started'],
  ['syslog_rfc3339', 'Mar  3 09:05:01 ctl01 CRON[12345]: x'],
  ['syslog_rfc5424', 'Mar  3 09:05:01 ctl01 CRON[12345]: x'],
  ['apache_access', '2011/06/10 13:30:10 [error] 23263#0: *1 x'],
  ['nginx_access', '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 - "-" "-"'],
  ['rabbitmq', '=INFO REPORT==== 14-Mar-2019::10:20:41 ==='],
  ['mysql', '170118 10:32:01 [Note] WSREP: old-style timestamp'],
  ['openstack', 'Traceback (most recent call last):'],
];

describe('GIVEN a node that uses every parser', () => {
  const kinds = Object.keys(PARSERS) as (keyof typeof PARSERS)[];
  const all = node('ctl01', (lma) => {
    lma.logs = Object.fromEntries(kinds.map((k) => [k.replace('_', '-'), log(`/var/log/${k}.log`, k, 'svc')]));
  });
  const { conf, parsers } = generate(all);
  const defined = parserSections(parsers);

  it('WHEN it is generated THEN both files pass and parsers.conf defines exactly the parsers used', () => {
    expect(checkFluentBitConf(conf)).toEqual([]);
    expect(checkParsersConf(parsers)).toEqual([]);
    expect(checkParserReferences(conf, parsers)).toEqual([]);
    expect([...defined.keys()].sort()).toEqual(kinds.flatMap((k) => PARSERS[k].map((p) => p.name)).sort());
  });

  it('THEN every regex parser has sample lines to prove it', () => {
    const regexParsers = [...defined.values()].filter((s) => entry(s, 'Format') === 'regex').map((s) => entry(s, 'Name'));
    expect([...new Set(SAMPLES.map(([p]) => p))].sort()).toEqual(regexParsers.sort());
  });

  it.each(SAMPLES)('WHEN parser %s reads %j THEN it yields the expected fields and a time its Time_Format reads', (name, line, fields) => {
    const s = defined.get(name);
    if (!s) throw new Error(`no parser ${name}`);
    const re = onigmoToJs(entry(s, 'Regex') ?? '');
    const m = re.exec(line);
    expect(m, `${name} does not match ${line}`).not.toBeNull();
    const groups = Object.fromEntries(Object.entries(m?.groups ?? {}).filter(([, v]) => v !== undefined));
    expect(groups).toMatchObject(fields);
    const timeKey = entry(s, 'Time_Key') ?? '';
    expect(timeFits(entry(s, 'Time_Format') ?? '', groups[timeKey], entry(s, 'Time_Strict') !== 'Off'), `time ${groups[timeKey]} vs ${entry(s, 'Time_Format')}`).toBe(true);
  });

  it.each(NON_SAMPLES)('WHEN parser %s reads a line of another format (%j) THEN it does not match', (name, line) => {
    const s = defined.get(name);
    expect(onigmoToJs(entry(s as FbSection, 'Regex') ?? '').test(line)).toBe(false);
  });

  it('THEN json and logfmt parsers keep the application\'s time field and accept RFC 3339 times', () => {
    for (const n of ['json', 'logfmt']) {
      const s = defined.get(n) as FbSection;
      expect([entry(s, 'Format'), entry(s, 'Time_Key'), entry(s, 'Time_Keep')]).toEqual([n, 'time', 'On']);
      expect(timeFits(entry(s, 'Time_Format') ?? '', '2024-03-03T09:05:01.123Z')).toBe(true);
      expect(timeFits(entry(s, 'Time_Format') ?? '', '2024-03-03T09:05:01+01:00', false)).toBe(true);
    }
  });
});

const hasLuajit = toolAvailable('luajit (Debian package luajit, the Lua of Fluent Bit)', spawnSync('luajit', ['-v'], { stdio: 'ignore' }).status === 0);

// LuaJIT is Fluent Bit's Lua; the test runs the exact Code line of the generated file.
describe.runIf(hasLuajit)('GIVEN the normalize filter run by LuaJIT', () => {
  const [lua] = sections(generate(node('ctl01')).conf, 'FILTER', 'lua');
  const code = entry(lua, 'Code') ?? '';

  it('THEN the generated Code is NORMALIZE_LUA, called as lmac_normalize', () => {
    expect(code).toBe(NORMALIZE_LUA);
    expect(entry(lua, 'Call')).toBe('lmac_normalize');
  });

  it.each([
    [{ level: 'ERROR' }, 'error', null],
    [{ level: 'Warning' }, 'warning', null],
    [{ level: 'warn' }, 'warning', null],
    [{ level: 'Note' }, 'notice', null],
    [{ level: 'crit' }, 'critical', null],
    [{ level: 'CRITICAL' }, 'critical', null],
    [{ level: 'trace3' }, 'debug', null],
    [{ level: 'System' }, 'system', null],
    [{ levelname: 'INFO' }, 'info', null],
    [{ 'log.level': 'WARN' }, 'warning', null],
    [{ log: { level: 'ERROR', logger: 'elasticsearch.service' } }, 'error', null],
    [{ log: 'a raw line' }, null, null],
    [{ pri: '34' }, 'critical', null],
    [{ pri: '165' }, 'notice', null],
    [{ message: 'no level' }, null, null],
    [{ http_response_time_us: '123456' }, null, '0.123456'],
    [{ http_response_time: '0.042' }, null, '0.042'],
  ])('WHEN a record %j is normalized THEN level is %s and http_response_time %s', (record, level, rt) => {
    type Value = string | { [k: string]: Value };
    const lit = (v: string): string => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
    const tableOf = (r: Record<string, Value>): string => `{${Object.entries(r).map(([k, v]) => `[${lit(k)}] = ${typeof v === 'string' ? lit(v) : tableOf(v)}`).join(', ')}}`;
    const table = tableOf(record as Record<string, Value>);
    const script = `${code}\nlocal c, ts, r = lmac_normalize("log.x.y", 1, ${table})\nprint(c, ts, tostring(r["level"]), tostring(r["http_response_time"]), tostring(r["http_response_time_us"]))`;
    const run = spawnSync('luajit', ['-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim().split('\t')).toEqual(['2', '1', String(level ?? 'nil'), String(rt ?? 'nil'), 'nil']);
  });
});

describe('GIVEN hostile values in the model', () => {
  const withLog = (l: Log, name = 'app'): CollectorNode => node('ctl01', (lma) => {
    lma.logs[name] = l;
  });

  it('WHEN a path holds ", \\, #, spaces and {{ x }} THEN it is written as it is (the classic format has no quoting, # mid-value is data, nothing is template code) and reads back the same', () => {
    const p = '/var/log/we "ird"/a\\b #c {{ x }}/*.log';
    const { conf } = generate(withLog(log(p, 'json', 'app')));
    expect(checkFluentBitConf(conf)).toEqual([]);
    const [input] = sections(conf, 'INPUT').filter((s) => entry(s, 'Tag') === 'log.app.app');
    expect(entry(input, 'Path')).toBe(p);
    expect(conf).toContain(`    Path             ${p}\n`);
  });

  it('WHEN a tag value holds spaces, quotes, a backslash, # or {{ }} THEN record_modifier gets exactly that value back', () => {
    const tags = { owner: 'team "blue" \\ #ops', plain: 'a"b\\c', tpl: '{{ x }}', lead: ' padded ', quote: '"q' };
    const { conf } = generate(withLog(log('/var/log/app.log', 'json', 'app', tags)));
    expect(checkFluentBitConf(conf)).toEqual([]);
    const [rm] = sections(conf, 'FILTER', 'record_modifier').filter((s) => entry(s, 'Match') === 'log.app.app');
    expect(recordsOf(rm)).toMatchObject(tags);
  });

  it.each([
    ['a newline', { path: '/var/log/a\n[OUTPUT]' }, ['lma', 'logs', 'app', 'path'], /line break/],
    ['a carriage return', { path: '/var/log/a\r.log' }, ['lma', 'logs', 'app', 'path'], /line break/],
    ['${HOME}', { path: '/home/${HOME}/x.log' }, ['lma', 'logs', 'app', 'path'], /environment variable/],
    ['a comma', { path: '/var/log/a.log,/etc/shadow' }, ['lma', 'logs', 'app', 'path'], /comma/],
    ['a trailing space', { path: '/var/log/a.log ' }, ['lma', 'logs', 'app', 'path'], /white space/],
    ['a tab', { path: '/var/log/a\t.log' }, ['lma', 'logs', 'app', 'path'], /control character/],
    ['a service with a space', { service: 'my app' }, ['lma', 'logs', 'app', 'service'], /letters, digits/],
    ['a service with a dot', { service: 'a.b' }, ['lma', 'logs', 'app', 'service'], /letters, digits/],
    ['a tag value with a newline', { tags: { t: 'a\nb' } }, ['lma', 'logs', 'app', 'tags', 't'], /line break/],
    ['a tag value with ${X}', { tags: { t: '${X}' } }, ['lma', 'logs', 'app', 'tags', 't'], /environment variable/],
    ['a quoted tag value ending with \\', { tags: { t: 'a b\\' } }, ['lma', 'logs', 'app', 'tags', 't'], /closing quote/],
    ['a tag name with a space', { tags: { 'my tag': 'x' } }, ['lma', 'logs', 'app', 'tags', 'my tag'], /record key/],
    ['a tag name lmac sets', { tags: { hostname: 'x' } }, ['lma', 'logs', 'app', 'tags', 'hostname'], /lmac sets/],
  ] as [string, Partial<Log>, (string | number)[], RegExp][])('WHEN a log has %s THEN it is refused with UnrepresentableValue at its model path', (_what, change, path, message) => {
    const e = refusal(() => generate(withLog({ ...log('/var/log/app.log', 'json', 'app'), ...change })));
    expect(e.path).toEqual(path);
    expect(e.message).toMatch(message);
  });

  it('WHEN a log name cannot be part of a tag THEN it is refused at the log', () => {
    expect(refusal(() => generate(withLog(log('/x.log', 'none'), 'my.log'))).path).toEqual(['lma', 'logs', 'my.log']);
  });

  it('WHEN a node label cannot be written THEN it is refused at the label', () => {
    const e = refusal(() => generate(node('ctl01', (lma) => {
      lma.region = 'Region${ONE}';
    })));
    expect(e.path).toEqual(['lma', 'region']);
    const e2 = refusal(() => generate(node('ctl01', (lma) => {
      lma.environment = 'demo\nx';
    })));
    expect(e2.path).toEqual(['lma', 'environment']);
  });

  it('WHEN labels hold spaces THEN the metrics label is the whole value (Add_Label takes the rest of the line)', () => {
    const { conf } = generate(node('ctl01', (lma) => {
      lma.region = 'Region One';
    }));
    const [exporter] = sections(conf, 'OUTPUT', 'prometheus_exporter');
    expect(entries(exporter, 'Add_Label')).toEqual(['region Region One', `roles ${CTL01_ROLES}`]);
    const [rm] = sections(conf, 'FILTER', 'record_modifier');
    expect(recordsOf(rm).region).toBe('Region One');
  });
});

/** Every log collector lmac built: the shipped clusters' out/ and the golden cases', as node folders. */
function generatedLogCollectors(): string[] {
  const roots = [path.join(ROOT, 'out'), ...readdirSync(path.join(ROOT, 'test/cases')).map((c) => path.join(ROOT, 'test/cases', c, 'out'))];
  return roots.filter((r) => existsSync(r)).flatMap((r) => readdirSync(r, { recursive: true, encoding: 'utf8' }).filter((f) => path.basename(f) === 'fluent-bit.conf').map((f) => path.join(r, path.dirname(f))));
}

describe('GIVEN every fluent-bit.conf in out/ and the golden cases', () => {
  const dirs = generatedLogCollectors();
  it('WHEN listed THEN the demo and the collectors case have theirs', () => {
    const rel = dirs.map((d) => path.relative(ROOT, d));
    expect(rel).toContain('out/demo/collectors/ctl01');
    expect(rel).toContain('test/cases/collectors/out/col/collectors/mon01');
  });
  it.each(dirs.map((d) => [path.relative(ROOT, d), d]))('WHEN %s is checked THEN fluent-bit.conf and parsers.conf are valid and every parser used is defined', (_rel, dir) => {
    const conf = readFileSync(path.join(dir, 'fluent-bit.conf'), 'utf8');
    const parsers = readFileSync(path.join(dir, 'parsers.conf'), 'utf8');
    expect(checkFluentBitConf(conf)).toEqual([]);
    expect(checkParsersConf(parsers)).toEqual([]);
    expect(checkParserReferences(conf, parsers)).toEqual([]);
  });
});
