/**
 * Telegraf configs: a node's metric collector (its node-scoped inputs) and
 * the domain's remote collector (remote-scoped inputs: checks through VIPs).
 * The view model holds TOML literals only (formats/toml.ts); the layout is
 * templates/collectors/telegraf.conf.njk.
 *
 * Labels: `hostname` (the node's name, the label alarms group by) and the
 * domain's labels are global tags; Telegraf's own `host` tag is omitted so
 * there is one name for the host everywhere.
 */
import type { Input, Lma } from '../../src/model/lma-types.js';
import { render } from '../template.js';
import { UnrepresentableValue } from './formats/errors.js';
import { tomlString, tomlTableBody, tomlValue } from './formats/toml.js';
import { secretEnv, type SecretEnv } from '../secrets/indirection.js';

/** Telegraf's prometheus_client listens where Prometheus scrapes it (generators/prometheus/config.ts). */
export const METRIC_COLLECTOR_LISTEN = ':9273';
export const REMOTE_COLLECTOR_LISTEN = ':9274';

interface Section {
  header: string;
  body: string;
}

export interface TelegrafSource {
  /** Where the inputs come from, for the header comment. */
  title: string;
  tags: Record<string, string>;
  /** Inputs by name, each with the path of its definition in the model (for errors). */
  inputs: { name: string; input: Input; path: (string | number)[] }[];
  backends: Lma['backends'];
  /** The declarations secret references are read by (`${ENV}`, substituted by Telegraf). */
  secrets: Lma['secrets'];
  listen: string;
}

const PLUGIN = /^[a-z][a-z0-9_]*$/;

function inputSection(name: string, input: Input, path: (string | number)[], env: SecretEnv): Section {
  if (!PLUGIN.test(input.plugin)) throw new UnrepresentableValue(`'${input.plugin}' is not a Telegraf plugin name`, [...path, 'plugin']);
  const table = `inputs.${input.plugin}`;
  // alias names the instance in Telegraf's logs; service and the input's name label its metrics.
  const head: Record<string, unknown> = { alias: name };
  if (input.interval) head.interval = input.interval;
  const options = input.options as Record<string, unknown>;
  const tags: Record<string, string> = { ...(input.service ? { service: input.service } : {}) };
  const userTags = options.tags;
  const rest = Object.fromEntries(Object.entries(options).filter(([k]) => k !== 'tags'));
  const body = [tomlTableBody(table, { ...head, ...rest }, [...path, 'options'], env)];
  const allTags = { ...(typeof userTags === 'object' && userTags !== null && !Array.isArray(userTags) ? (userTags as Record<string, unknown>) : {}), ...tags };
  if (Object.keys(allTags).length > 0) body.push(`  [${table}.tags]`, tomlTableBody(`${table}.tags`, allTags, [...path, 'options', 'tags'], env, '    '));
  return { header: `[[${table}]]`, body: body.filter((b) => b !== '').join('\n') };
}

function outputs(b: Lma['backends'], listen: string, env: SecretEnv): Section[] {
  const out: Section[] = [];
  const at = (k: string): (string | number)[] => ['lma', 'backends', k];
  if (b.prometheus.enabled) {
    out.push({ header: '[[outputs.prometheus_client]]', body: tomlTableBody('outputs.prometheus_client', { listen, metric_version: 2, expiration_interval: '60s' }, at('prometheus')) });
  }
  if (b.kafka.enabled) {
    // With Kafka, the collectors publish and a consumer forwards to InfluxDB (kafka-consumer.conf).
    out.push({ header: '[[outputs.kafka]]', body: tomlTableBody('outputs.kafka', { brokers: b.kafka.brokers, topic: b.kafka.metrics_topic, data_format: 'influx' }, at('kafka')) });
  } else if (b.influxdb.enabled) {
    out.push({ header: '[[outputs.influxdb]]', body: tomlTableBody('outputs.influxdb', influxdbOptions(b), at('influxdb'), env) });
  }
  return out;
}

export function influxdbOptions(b: Lma['backends']): Record<string, unknown> {
  const o: Record<string, unknown> = { urls: [b.influxdb.url], database: b.influxdb.database, skip_database_creation: true };
  if (b.influxdb.username) {
    o.username = b.influxdb.username;
    o.password = b.influxdb.password;
  }
  return o;
}

function agent(b: Lma['backends']): string {
  const interval = b.prometheus.enabled ? b.prometheus.scrape_interval : '10s';
  return tomlTableBody('agent', { interval, round_interval: true, metric_batch_size: 1000, metric_buffer_limit: 10000, collection_jitter: '0s', flush_interval: '10s', omit_hostname: true }, ['lma', 'backends']);
}

export function telegrafConf(src: TelegrafSource): string {
  const env = secretEnv({ secrets: src.secrets });
  const inputs = [...src.inputs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((i) => inputSection(i.name, i.input, i.path, env));
  const tags = Object.keys(src.tags)
    .sort()
    .map((k) => `  ${k} = ${tomlValue(src.tags[k], ['lma'], env)}`)
    .join('\n');
  return render('collectors/telegraf.conf.njk', { title: tomlString(src.title).slice(1, -1), tags, agent: agent(src.backends), outputs: outputs(src.backends, src.listen, env), inputs }).trimEnd() + '\n';
}

/** The measurement name of log records read back from Kafka, routed to Elasticsearch only. */
export const KAFKA_LOG_MEASUREMENT = 'lma_log';

/**
 * The Kafka consumer (with `backends.kafka`): metrics from the metrics topic
 * to InfluxDB, log records (Fluent Bit's JSON) from the logs topic to
 * Elasticsearch's daily indices; namepass/namedrop keep the two apart.
 */
export function kafkaConsumerConf(b: Lma['backends'], secrets: Lma['secrets']): string {
  const env = secretEnv({ secrets });
  const at = (k: string): (string | number)[] => ['lma', 'backends', k];
  const inputs: Section[] = [
    { header: '[[inputs.kafka_consumer]]', body: tomlTableBody('inputs.kafka_consumer', { alias: 'metrics', brokers: b.kafka.brokers, topics: [b.kafka.metrics_topic], consumer_group: 'lma-metrics', offset: 'oldest', data_format: 'influx' }, at('kafka')) },
  ];
  const outputs: Section[] = [];
  if (b.influxdb.enabled) outputs.push({ header: '[[outputs.influxdb]]', body: tomlTableBody('outputs.influxdb', { ...influxdbOptions(b), namedrop: [KAFKA_LOG_MEASUREMENT] }, at('influxdb'), env) });
  if (b.elasticsearch.enabled) {
    inputs.push({
      header: '[[inputs.kafka_consumer]]',
      // Fluent Bit's kafka output publishes each record as JSON, its time in @timestamp as ISO 8601 (RFC 3339 in Go's layout).
      body: tomlTableBody('inputs.kafka_consumer', { alias: 'logs', brokers: b.kafka.brokers, topics: [b.kafka.logs_topic], consumer_group: 'lma-logs', offset: 'oldest', name_override: KAFKA_LOG_MEASUREMENT, data_format: 'json', json_string_fields: ['*'], tag_keys: ['hostname', 'environment', 'service', 'level'], json_time_key: '@timestamp', json_time_format: '2006-01-02T15:04:05.999999999Z07:00' }, at('kafka')),
    });
    const es: Record<string, unknown> = { urls: [b.elasticsearch.url], index_name: `${b.elasticsearch.index_prefix}-%Y.%m.%d`, manage_template: false, namepass: [KAFKA_LOG_MEASUREMENT] };
    if (b.elasticsearch.username) {
      es.username = b.elasticsearch.username;
      es.password = b.elasticsearch.password;
    }
    outputs.push({ header: '[[outputs.elasticsearch]]', body: tomlTableBody('outputs.elasticsearch', es, at('elasticsearch'), env) });
  }
  return render('collectors/telegraf.conf.njk', { title: 'the Kafka consumer: metrics to InfluxDB, logs to Elasticsearch', tags: '', agent: agent(b), outputs, inputs }).trimEnd() + '\n';
}
