/**
 * The log collector of a node (Fluent Bit, classic format): fluent-bit.conf
 * and the parsers.conf it loads. One tail input per enabled log, enrichment
 * with the node's labels and the log's service and tags, log-derived metrics
 * like StackLight's log collector produced (messages by service and level,
 * HTTP requests and response times from access logs) exposed for Prometheus on
 * :2021, and the log outputs the backends ask for.
 *
 * Every value in the files is a literal built by formats/fluentbit.ts (escaped,
 * or refused with UnrepresentableValue); the templates only lay them out.
 */
import { ACCESS_LOG_PARSERS, LOG_METRICS } from '../../src/collectors/log-metrics.js';
import type { Lma, Log } from '../../src/model/lma-types.js';
import { render } from '../template.js';
import { UnrepresentableValue } from './formats/errors.js';
import * as fb from './formats/fluentbit.js';
import { secretEnv, type SecretEnv } from '../secrets/indirection.js';
import type { CollectorNode } from './node.js';

export { LOG_METRICS };

/** Fluent Bit's built-in HTTP server (health: /api/v1/health). */
export const LOG_COLLECTOR_HTTP_PORT = 2020;
/** prometheus_exporter's port; generators/prometheus/config.ts scrapes log collectors here. */
export const LOG_COLLECTOR_METRICS_PORT = 2021;
/** Where tail keeps its offsets: one SQLite file per log (the deployment mounts it writable). */
export const TAIL_DB_DIR = '/var/lib/fluent-bit';


/** Prometheus' default buckets, written out so the generated file says what it measures. */
const RESPONSE_TIME_BUCKETS = ['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '10'];

/** One [PARSER] of parsers.conf. Regexes are Onigmo (Ruby) syntax, written from each format's documentation. */
export interface ParserSpec {
  name: string;
  format: 'regex' | 'json' | 'logfmt';
  regex?: string;
  timeKey: string;
  timeFormat: string;
  /** Keep the time field in the record (json, logfmt: it is the application's own field). */
  timeKeep?: boolean;
  /** Accept a time without the fraction Time_Format expects. */
  timeStrictOff?: boolean;
}

const RFC3339_TIME = '%Y-%m-%dT%H:%M:%S.%L%z';

/**
 * Parsers by the model's parser names. Fields are named as StackLight named
 * them (level, message, http_method, http_status, http_response_time, ...), so
 * Kibana searches and the log metrics read the same keys for every format.
 */
export const PARSERS: Record<Exclude<Log['parser'], 'none'>, ParserSpec[]> = {
  // Syslog as rsyslog writes it to files and as it arrives on the wire: the
  // traditional (RFC 3164) layout, the same with an RFC 3339 time (rsyslog's
  // default file format on current Debian/Ubuntu), and RFC 5424. A parser
  // filter tries them in turn, since tail takes one parser.
  syslog: [
    {
      name: 'syslog_rfc5424', format: 'regex', timeKey: 'time', timeFormat: RFC3339_TIME, timeStrictOff: true,
      // <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA [MSG] (RFC 5424 section 6)
      regex: String.raw`^<(?<pri>\d{1,3})>1 (?<time>\S+) (?<host>\S+) (?<ident>\S+) (?<pid>\S+) (?<msgid>\S+) (?<extradata>-|(?:\[(?:[^\]\\]|\\.)*\])+)(?: (?<message>.*))?$`,
    },
    {
      name: 'syslog_rfc3339', format: 'regex', timeKey: 'time', timeFormat: RFC3339_TIME, timeStrictOff: true,
      // rsyslog RSYSLOG_FileFormat: TIMESTAMP(RFC 3339) HOSTNAME TAG[PID]: MSG, optionally after <PRI>
      regex: String.raw`^(?:<(?<pri>\d{1,3})>)?(?<time>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})) (?<host>\S+) (?<ident>[^\s:\[]+)(?:\[(?<pid>\d+)\])?: ?(?<message>.*)$`,
    },
    {
      name: 'syslog_rfc3164', format: 'regex', timeKey: 'time', timeFormat: '%b %d %H:%M:%S',
      // RFC 3164 section 4.1: Mmm dd hh:mm:ss HOSTNAME TAG[PID]: MSG (day space-padded), optionally after <PRI>
      regex: String.raw`^(?:<(?<pri>\d{1,3})>)?(?<time>[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2}) (?<host>\S+) (?<ident>[^\s:\[]+)(?:\[(?<pid>\d+)\])?: ?(?<message>.*)$`,
    },
  ],
  openstack: [
    {
      name: 'openstack', format: 'regex', timeKey: 'time', timeFormat: '%Y-%m-%d %H:%M:%S.%L', timeStrictOff: true,
      // oslo.log's default format: "%(asctime)s.%(msecs)03d %(process)d %(levelname)s %(name)s [%(request context)s] %(message)s";
      // the context is "-" or "[global_request_id ]request_id user project ..."; request_id is the service's own.
      regex: String.raw`^(?<time>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)?) (?<pid>\d+) (?<level>[A-Z]+) (?<logger>\S+) \[(?:(?:req-[0-9a-f-]+ )?(?<request_id>req-[0-9a-f-]+)(?: [^\]]*)?|[^\]]*)\] (?<message>.*)$`,
    },
  ],
  apache_access: [
    {
      name: 'apache_access', format: 'regex', timeKey: 'time', timeFormat: '%d/%b/%Y:%H:%M:%S %z',
      // Apache's common/combined LogFormat '%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i"',
      // optionally followed by %D (microseconds; converted to seconds by the normalize filter).
      // Apache writes " inside %r and headers as \".
      regex: String.raw`^(?<http_client_ip_address>\S+) \S+ (?<user>\S+) \[(?<time>[^\]]+)\] "(?:(?<http_method>[A-Z]+) (?<http_url>\S+)(?: (?<http_version>HTTP\/[0-9.]+))?|(?:[^"\\]|\\.)*)" (?<http_status>\d{3}) (?<http_response_size>\d+|-)(?: "(?<http_referer>(?:[^"\\]|\\.)*)" "(?<http_user_agent>(?:[^"\\]|\\.)*)")?(?: (?<http_response_time_us>\d+))?$`,
    },
  ],
  apache_error: [
    {
      name: 'apache_error', format: 'regex', timeKey: 'time', timeFormat: '%a %b %d %H:%M:%S.%L %Y',
      // Apache 2.4's ErrorLogFormat default: [%{u}t] [%-m:%l] [pid %P:tid %T] [client %a] %M
      regex: String.raw`^\[(?<time>[^\]]+)\] \[(?:(?<module>[^:\]]*):)?(?<level>[a-z]+\d*)\](?: \[pid (?<pid>\d+)(?::tid (?<tid>\d+))?\])?(?: \[client (?<client>[^\]]+)\])? (?<message>.*)$`,
    },
  ],
  nginx_access: [
    {
      name: 'nginx_access', format: 'regex', timeKey: 'time', timeFormat: '%d/%b/%Y:%H:%M:%S %z',
      // nginx's "combined" log_format, optionally followed by "$http_x_forwarded_for" (the "main" format) and
      // $request_time (seconds with millisecond resolution). nginx writes " inside variables as \x22.
      regex: String.raw`^(?<http_client_ip_address>\S+) - (?<user>\S+) \[(?<time>[^\]]+)\] "(?:(?<http_method>[A-Z]+) (?<http_url>\S+)(?: (?<http_version>HTTP\/[0-9.]+))?|[^"]*)" (?<http_status>\d{3}) (?<http_response_size>\d+) "(?<http_referer>[^"]*)" "(?<http_user_agent>[^"]*)"(?: "(?<http_x_forwarded_for>[^"]*)")?(?: (?<http_response_time>\d+(?:\.\d+)?))?$`,
    },
  ],
  nginx_error: [
    {
      name: 'nginx_error', format: 'regex', timeKey: 'time', timeFormat: '%Y/%m/%d %H:%M:%S',
      // nginx error_log: YYYY/MM/DD HH:MM:SS [level] PID#TID: *CID message
      regex: String.raw`^(?<time>\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}) \[(?<level>[a-z]+)\] (?<pid>\d+)#(?<tid>\d+): (?:\*(?<connection_id>\d+) )?(?<message>.*)$`,
    },
  ],
  rabbitmq: [
    {
      name: 'rabbitmq', format: 'regex', timeKey: 'time', timeFormat: '%Y-%m-%d %H:%M:%S.%L%z',
      // RabbitMQ 3.9+ (Erlang logger) file format: "2021-10-11 12:00:00.123456+00:00 [info] <0.229.0> message"
      regex: String.raw`^(?<time>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d+[+-]\d{2}:\d{2}) \[(?<level>[a-z]+)\] <(?<erlang_pid>[^>]*)> (?<message>.*)$`,
    },
  ],
  mysql: [
    {
      name: 'mysql', format: 'regex', timeKey: 'time', timeFormat: RFC3339_TIME,
      // MySQL 5.7/8.0 error log: "TIMESTAMP THREAD [Level] [ERR_CODE] [Subsystem] message" (8.0 adds the bracketed code
      // and subsystem); the time is UTC ("Z") or has an offset (log_timestamps=SYSTEM).
      regex: String.raw`^(?<time>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+(?:Z|[+-]\d{2}:\d{2})) (?<thread>\d+) \[(?<level>[A-Za-z]+)\](?: \[(?<error_code>MY-\d+)\] \[(?<subsystem>[A-Za-z]+)\])? (?<message>.*)$`,
    },
  ],
  json: [{ name: 'json', format: 'json', timeKey: 'time', timeFormat: RFC3339_TIME, timeKeep: true, timeStrictOff: true }],
  logfmt: [{ name: 'logfmt', format: 'logfmt', timeKey: 'time', timeFormat: RFC3339_TIME, timeKeep: true, timeStrictOff: true }],
};


/** Record keys lmac sets; a log tag may not reuse them. */
const RESERVED_KEYS = ['hostname', 'environment', 'region', 'availability_zone', 'roles', 'service', 'level', 'message', 'log'];

/**
 * Normalizes what the parsers found, in one inline Lua function (Fluent Bit's
 * filters cannot lower-case or divide): `level` becomes a syslog severity name
 * in lower case (from level/levelname/severity, ECS's `log.level` as a dotted
 * key (Elasticsearch) or nested (Kibana), or from syslog's PRI), which
 * is what the alarms match (`level: '== error || == critical'`); Apache's %D
 * microseconds become `http_response_time` in seconds, as nginx writes it
 * (kept a string: log_to_metrics' regex rules only match strings, and it reads
 * numbers from strings).
 */
export const NORMALIZE_LUA = [
  'local L = {emerg="emergency", emergency="emergency", panic="emergency", alert="alert", crit="critical", critical="critical", fatal="critical",',
  'err="error", error="error", warn="warning", warning="warning", notice="notice", note="notice", info="info", information="info", informational="info",',
  'debug="debug", trace="debug"}',
  'local S = {"emergency", "alert", "critical", "error", "warning", "notice", "info", "debug"}',
  'function lmac_normalize(tag, ts, r)',
  'local l = r["level"] or r["levelname"] or r["severity"] or r["log.level"]',
  'if l == nil and type(r["log"]) == "table" then l = r["log"]["level"] end',
  'if type(l) == "string" then local k = string.lower(l) r["level"] = L[k] or (string.match(k, "^trace%d$") and "debug") or k',
  'elseif tonumber(r["pri"]) ~= nil then r["level"] = S[(tonumber(r["pri"]) % 8) + 1] end',
  'local us = tonumber(r["http_response_time_us"])',
  'if us ~= nil then r["http_response_time"] = string.format("%.6f", us / 1000000) r["http_response_time_us"] = nil end',
  'return 2, ts, r',
  'end',
].join(' ');

interface LogView {
  name: string;
  log: Log;
  tag: string;
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function labelPath(key: string): fb.ModelPath {
  return ['environment', 'region', 'availability_zone'].includes(key) ? ['lma', key] : [];
}

function enabledLogs(lma: Lma): LogView[] {
  return Object.keys(lma.logs)
    .sort(byName)
    .filter((n) => lma.logs[n].enabled)
    .map((n) => {
      const log = lma.logs[n];
      const logName = fb.name(n, ['lma', 'logs', n], 'log name');
      const head = log.service ? fb.name(log.service, ['lma', 'logs', n, 'service'], 'service') : logName;
      return { name: logName, log, tag: `log.${head}.${logName}` };
    });
}

function escapeTagForRegex(tag: string): string {
  // Tags are letters, digits, _, - and dots (fb.name); only the dots are special.
  return tag.replace(/\./g, '\\.');
}

function inputSection(v: LogView): fb.FbSection {
  const path = ['lma', 'logs', v.name];
  const pairs: [string, string][] = [
    ['Name', 'tail'],
    ['Tag', v.tag],
    ['Path', fb.tailPath(v.log.path, [...path, 'path'])],
    ['DB', `${TAIL_DB_DIR}/tail-${v.name}.db`],
    ['DB.locking', 'true'],
    ['Mem_Buf_Limit', '5MB'],
    ['Skip_Long_Lines', 'On'],
    ['Refresh_Interval', '10'],
    // The unparsed line (no parser, or a line the parser does not match) is `message`, as parsed ones.
    ['Key', 'message'],
  ];
  const parsers = v.log.parser === 'none' ? [] : PARSERS[v.log.parser];
  // tail takes one parser; several (syslog) go through a parser filter instead.
  if (parsers.length === 1) pairs.push(['Parser', parsers[0].name]);
  return fb.section('INPUT', pairs, [`log ${v.name} (parser ${v.log.parser})`]);
}

function parserFilter(v: LogView): fb.FbSection | null {
  const parsers = v.log.parser === 'none' ? [] : PARSERS[v.log.parser];
  if (parsers.length < 2) return null;
  return fb.section('FILTER', [
    ['Name', 'parser'],
    ['Match', v.tag],
    ['Key_Name', 'message'],
    ...parsers.map((p): [string, string] => ['Parser', p.name]),
    ['Reserve_Data', 'On'],
  ], [`log ${v.name}: the first of these parsers that matches`]);
}

function enrichFilter(v: LogView, labels: [string, string][]): fb.FbSection {
  const path = ['lma', 'logs', v.name];
  const record: [string, string][] = labels.map(([k, val]) => [k, fb.recordValue(val, labelPath(k), `label ${k}`)]);
  if (v.log.service) record.push(['service', fb.recordValue(v.log.service, [...path, 'service'], 'service')]);
  for (const k of Object.keys(v.log.tags).sort(byName)) {
    const kp = [...path, 'tags', k];
    fb.recordKey(k, kp, 'tag name');
    if (RESERVED_KEYS.includes(k)) throw new UnrepresentableValue(`tag name "${k}" is a field lmac sets on every log record; choose another name`, kp);
    record.push([k, fb.recordValue(v.log.tags[k], kp, `tag ${k}`)]);
  }
  record.sort(([a], [b]) => byName(a, b));
  // record_modifier appends; removing the keys first makes it overwrite a field the log line already had.
  return fb.section('FILTER', [
    ['Name', 'record_modifier'],
    ['Match', v.tag],
    ...record.map(([k]): [string, string] => ['Remove_key', k]),
    ...record.map(([k, val]): [string, string] => ['Record', `${k} ${val}`]),
  ], [`log ${v.name}: the node's labels, the log's service and tags`]);
}

function metricFilter(m: (typeof LOG_METRICS)[keyof typeof LOG_METRICS], match: [string, string], extra: [string, string][]): fb.FbSection {
  return fb.section('FILTER', [
    ['Name', 'log_to_metrics'],
    match,
    ['Tag', m.tag],
    ['Metric_Mode', m.mode],
    ['Metric_Namespace', m.namespace],
    ['Metric_Subsystem', m.subsystem],
    ['Metric_Name', m.metric],
    ['Metric_Description', m.description],
    ...m.labels.map((l): [string, string] => ['Label_Field', l]),
    ...extra,
  ], [`emits ${m.name} (${m.mode}; labels ${m.labels.join(', ')})`]);
}

function esOutput(es: Lma['backends']['elasticsearch'], env: SecretEnv): fb.FbSection {
  const path = ['lma', 'backends', 'elasticsearch'];
  let u: URL;
  try {
    u = new URL(es.url);
  } catch {
    throw new UnrepresentableValue(`elasticsearch url ${JSON.stringify(es.url)} is not a URL`, [...path, 'url']);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UnrepresentableValue(`elasticsearch url ${JSON.stringify(es.url)} must be http or https`, [...path, 'url']);
  if (u.username || u.password || u.search || u.hash) {
    throw new UnrepresentableValue(`elasticsearch url ${JSON.stringify(es.url)} must not carry credentials, a query or a fragment (use username and password)`, [...path, 'url']);
  }
  const prefix = es.index_prefix;
  // Elasticsearch index names: lower case, none of \ / * ? " < > | , # or space, not starting with - _ +.
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(prefix) || prefix.length > 200) {
    throw new UnrepresentableValue(`index_prefix ${JSON.stringify(prefix)} is not usable in an Elasticsearch index name (lower-case letters, digits, . _ -)`, [...path, 'index_prefix']);
  }
  const tls = u.protocol === 'https:';
  const pairs: [string, string][] = [
    ['Name', 'es'],
    ['Match', 'log.*'],
    ['Host', fb.host(u.hostname.replace(/^\[(.*)\]$/, '$1'), [...path, 'url'])],
    ['Port', u.port || (tls ? '443' : '80')],
  ];
  if (u.pathname !== '/') pairs.push(['Path', fb.value(u.pathname.replace(/\/$/, ''), [...path, 'url'], 'url path')]);
  if (tls) pairs.push(['tls', 'On'], ['tls.verify', 'On']);
  if (es.username) {
    pairs.push(['HTTP_User', fb.credential(es.username, [...path, 'username'], 'username', env)]);
    if (es.password) pairs.push(['HTTP_Passwd', fb.credential(es.password, [...path, 'password'], 'password', env)]);
  }
  pairs.push(
    // Daily indices <prefix>-YYYY.MM.DD, as StackLight's Kibana expects.
    ['Logstash_Format', 'On'],
    ['Logstash_Prefix', prefix],
    ['Logstash_DateFormat', '%Y.%m.%d'],
    ['Time_Key', '@timestamp'],
    // Elasticsearch 8 has no mapping types; 7 accepts requests without one.
    ['Suppress_Type_Name', 'On'],
    // Dots in field names would be read as objects and clash (a.b next to a).
    ['Replace_Dots', 'On'],
    ['Retry_Limit', 'False'],
  );
  return fb.section('OUTPUT', pairs, ['logs to Elasticsearch, daily indices']);
}

function kafkaOutput(k: Lma['backends']['kafka']): fb.FbSection {
  const path = ['lma', 'backends', 'kafka'];
  if (k.brokers.length === 0) throw new UnrepresentableValue('kafka is enabled but has no brokers', [...path, 'brokers']);
  const brokers = k.brokers.map((b, i) => {
    if (!/^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):\d{1,5}$/.test(b)) throw new UnrepresentableValue(`kafka broker ${JSON.stringify(b)} is not host:port`, [...path, 'brokers', i]);
    return b;
  });
  // Kafka topic names: letters, digits, . _ - (at most 249).
  if (!/^[A-Za-z0-9._-]{1,249}$/.test(k.logs_topic)) throw new UnrepresentableValue(`kafka topic ${JSON.stringify(k.logs_topic)} is not a Kafka topic name`, [...path, 'logs_topic']);
  return fb.section('OUTPUT', [
    ['Name', 'kafka'],
    ['Match', 'log.*'],
    ['Brokers', brokers.join(',')],
    ['Topics', k.logs_topic],
    ['Format', 'json'],
    ['Timestamp_Key', '@timestamp'],
    ['Timestamp_Format', 'iso8601'],
    ['Retry_Limit', 'False'],
  ], ['logs to Kafka; the consumer forwards them to Elasticsearch']);
}

function syslogOutput(s: Lma['backends']['syslog']): fb.FbSection {
  const path = ['lma', 'backends', 'syslog'];
  return fb.section('OUTPUT', [
    ['Name', 'syslog'],
    ['Match', 'log.*'],
    ['Host', fb.host(s.host, [...path, 'host'])],
    ['Port', fb.port(s.port, [...path, 'port'])],
    ['Mode', s.protocol],
    ['Syslog_Format', 'rfc5424'],
    ['Syslog_Hostname_Key', 'hostname'],
    ['Syslog_Appname_Key', 'service'],
    ['Syslog_Message_Key', 'message'],
  ], ['logs to the remote syslog server']);
}

function parserSection(p: ParserSpec): fb.FbSection {
  const pairs: [string, string][] = [['Name', p.name], ['Format', p.format]];
  if (p.regex) pairs.push(['Regex', fb.value(p.regex, [], 'regex')]);
  pairs.push(['Time_Key', p.timeKey], ['Time_Format', p.timeFormat]);
  if (p.timeKeep) pairs.push(['Time_Keep', 'On']);
  if (p.timeStrictOff) pairs.push(['Time_Strict', 'Off']);
  return fb.section('PARSER', pairs);
}

const HEADER = fb.comment('Generated by lmac from the model; do not edit.');

export function fluentBitConf(node: CollectorNode, backends: Lma['backends']): { 'fluent-bit.conf': string; 'parsers.conf': string } {
  const logs = enabledLogs(node.lma);
  const labels: [string, string][] = Object.keys(node.labels)
    .sort(byName)
    .map((k) => [fb.recordKey(k, labelPath(k), 'label name'), node.labels[k]]);

  const service = fb.section('SERVICE', [
    ['Flush', '1'],
    ['Daemon', 'Off'],
    ['Log_Level', 'info'],
    ['Parsers_File', 'parsers.conf'],
    ['HTTP_Server', 'On'],
    ['HTTP_Listen', '0.0.0.0'],
    ['HTTP_Port', String(LOG_COLLECTOR_HTTP_PORT)],
    ['Health_Check', 'On'],
  ]);

  const inputs = logs.map(inputSection);
  const filters: fb.FbSection[] = [];
  for (const v of logs) {
    const pf = parserFilter(v);
    if (pf) filters.push(pf);
  }
  for (const v of logs) filters.push(enrichFilter(v, labels));
  filters.push(fb.section('FILTER', [
    ['Name', 'lua'],
    ['Match', 'log.*'],
    ['Call', 'lmac_normalize'],
    ['Code', fb.value(NORMALIZE_LUA, [], 'lua code')],
  ], ['level as a lower-case syslog severity name; Apache %D microseconds as http_response_time in seconds']));

  filters.push(metricFilter(LOG_METRICS.messages, ['Match', 'log.*'], []));
  const access = logs.filter((v) => ACCESS_LOG_PARSERS.includes(v.log.parser));
  if (access.length > 0) {
    const match: [string, string] = ['Match_Regex', `^(?:${access.map((v) => escapeTagForRegex(v.tag)).join('|')})$`];
    // Only lines the access-log parser understood (a status code) are requests.
    filters.push(metricFilter(LOG_METRICS.httpRequests, match, [['Regex', 'http_status ^[1-5][0-9][0-9]$']]));
    // Only requests whose log format records a response time.
    filters.push(metricFilter(LOG_METRICS.httpResponseTime, match, [
      ['Regex', 'http_response_time ^[0-9]+(\\.[0-9]+)?$'],
      ['Value_Field', 'http_response_time'],
      ...RESPONSE_TIME_BUCKETS.map((b): [string, string] => ['Bucket', b]),
    ]));
  }

  const outputs: fb.FbSection[] = [];
  // Region, availability zone and roles on every log metric; hostname and environment are the scrape target's labels.
  const metricLabels = labels.filter(([k]) => k !== 'hostname' && k !== 'environment');
  outputs.push(fb.section('OUTPUT', [
    ['Name', 'prometheus_exporter'],
    ['Match', 'metrics.*'],
    ['Host', '0.0.0.0'],
    ['Port', String(LOG_COLLECTOR_METRICS_PORT)],
    ...metricLabels.map(([k, val]): [string, string] => ['Add_Label', `${k} ${fb.value(val, labelPath(k), `label ${k}`)}`]),
  ], [`log-derived metrics for Prometheus: ${Object.values(LOG_METRICS).map((m) => m.name).join(', ')}`]));
  // With Kafka, logs go through it (its consumer feeds Elasticsearch), not to Elasticsearch directly.
  if (backends.kafka.enabled) outputs.push(kafkaOutput(backends.kafka));
  else if (backends.elasticsearch.enabled) outputs.push(esOutput(backends.elasticsearch, secretEnv(node.lma)));
  if (backends.syslog.enabled) outputs.push(syslogOutput(backends.syslog));

  const used = new Map<string, ParserSpec>();
  for (const v of logs) if (v.log.parser !== 'none') for (const p of PARSERS[v.log.parser]) used.set(p.name, p);
  const parsers = [...used.keys()].sort(byName).map((n) => parserSection(used.get(n) as ParserSpec));

  return {
    'fluent-bit.conf': render('collectors/fluent-bit.conf.njk', { header: HEADER, node: fb.comment(`log collector of node ${fb.value(node.name, [], 'node name')}`), service, inputs, filters, outputs }),
    'parsers.conf': render('collectors/parsers.conf.njk', { header: HEADER, parsers }),
  };
}
