/**
 * What a node's collectors produce (src/collectors/catalogue.ts), the half of
 * the catalogue that is not written in the model.
 */
import { describe, expect, it } from 'vitest';
import { inputMetrics, LOG_SOURCE, producedMetrics } from '../../src/collectors/catalogue.js';
import { compileModel } from '../../src/build/pipeline.js';
import type { Input, Lma, Log } from '../../src/model/lma-types.js';
import { ROOT } from '../helpers/tools.js';

const demo: Lma = (() => {
  const n = compileModel(ROOT, 'demo').model?.nodes.find((x) => x.name === 'ctl01');
  if (!n?.lma) throw new Error('no demo ctl01');
  return n.lma;
})();

const input = (plugin: string, options: Record<string, unknown> = {}, extra: Partial<Input> = {}): Input => ({ plugin, scope: 'node', service: 'system', enabled: true, exporter: '', interval: '', options, ...extra });
const log = (parser: Log['parser']): Log => ({ path: '/var/log/x.log', parser, service: 'x', enabled: true, tags: {} });

function lma(change: (l: Lma) => void): Lma {
  const l = structuredClone(demo);
  l.inputs = {};
  l.logs = {};
  change(l);
  return l;
}

describe('GIVEN a node on Telegraf', () => {
  it('THEN every documented name of each enabled input is produced, with its measurement tags as labels', () => {
    const p = producedMetrics(lma((l) => {
      l.inputs = { cpu: input('cpu'), off: input('mem', {}, { enabled: false }) };
    }));
    expect(p.metrics.get('cpu_usage_iowait')).toEqual({ source: 'cpu', labels: ['cpu', 'core_id', 'physical_id'] });
    expect(p.metrics.has('mem_used')).toBe(false);
    expect(p.collectd.size).toBe(0);
  });

  it('THEN options that rename are applied (procstat prefix, name_override)', () => {
    const p = producedMetrics(lma((l) => {
      l.inputs = { web: input('procstat', { pattern: 'nginx', prefix: 'web' }), sys: input('system', { name_override: 'host' }) };
    }));
    expect(p.metrics.has('procstat_web_cpu_usage')).toBe(true);
    expect(p.metrics.has('host_load5')).toBe(true);
    expect(p.metrics.has('system_load5')).toBe(false);
  });
});

describe('GIVEN a prometheus input naming its exporter', () => {
  const etcd = (options: Record<string, unknown>): Input => input('prometheus', { urls: ['http://127.0.0.1:2381/metrics'], metric_version: 2, ...options }, { exporter: 'etcd' });

  it('THEN it emits the series of the exporter: a histogram as _bucket (with le), _sum and _count, a summary with quantile; each with the url label', () => {
    const m = inputMetrics(etcd({}));
    expect(m?.open).toBe(false);
    for (const s of ['etcd_server_has_leader', 'etcd_disk_wal_fsync_duration_seconds_bucket', 'etcd_disk_wal_fsync_duration_seconds_sum', 'etcd_disk_wal_fsync_duration_seconds_count', 'go_gc_duration_seconds', 'go_gc_duration_seconds_sum']) expect(m?.names.has(s), s).toBe(true);
    expect(m?.names.has('etcd_disk_wal_fsync_duration_seconds')).toBe(false);
    expect(m?.labels.get('etcd_disk_wal_fsync_duration_seconds_bucket')).toEqual(['le', 'url']);
    expect(m?.labels.get('go_gc_duration_seconds')).toEqual(['quantile', 'url']);
  });

  it('THEN only what fieldinclude keeps and fieldexclude does not drop is produced, unless asked unfiltered', () => {
    const i = etcd({ fieldinclude: ['etcd_server_*'], fieldexclude: ['etcd_server_is_*'] });
    const kept = inputMetrics(i);
    expect(kept?.names.has('etcd_server_has_leader')).toBe(true);
    expect(kept?.names.has('etcd_server_is_leader')).toBe(false);
    expect(kept?.names.has('etcd_mvcc_db_total_size_in_bytes')).toBe(false);
    expect(inputMetrics(i, true)?.names.has('etcd_mvcc_db_total_size_in_bytes')).toBe(true);
  });

  it('THEN a renamed measurement prefixes the scraped names; an unknown exporter, or none, leaves the input open', () => {
    expect(inputMetrics(etcd({ name_prefix: 'store_' }))?.names.has('store_prometheus_etcd_server_has_leader')).toBe(true);
    expect(inputMetrics({ ...etcd({}), exporter: 'nope' })?.open).toBe(true);
    expect(inputMetrics({ ...etcd({}), exporter: '' })?.open).toBe(true);
  });
});

describe('GIVEN a node on the legacy collector', () => {
  it('THEN its node inputs produce what collectd is translated into, its remote inputs what Telegraf emits', () => {
    const p = producedMetrics(lma((l) => {
      l.roles = { ...l.roles, metric_collector: true, legacy_collector: true };
      l.inputs = { mem: input('mem'), check: input('http_response', { urls: ['http://x/'] }, { scope: 'remote' }), rmq: input('rabbitmq') };
    }));
    expect(p.metrics.get('mem_used_percent')?.source).toBe('mem');
    expect(p.metrics.has('mem_available_percent')).toBe(false);
    expect(p.metrics.has('http_response_result_code')).toBe(true);
    expect([...p.metrics.keys()].some((k) => k.startsWith('rabbitmq_'))).toBe(false);
    expect([...p.collectd].sort()).toEqual(['mem', 'rmq']);
  });
});

describe('GIVEN logs', () => {
  it('THEN a log collector produces log_messages_total, and the HTTP metrics (a histogram as _bucket, _sum, _count) only with an access log', () => {
    const plain = producedMetrics(lma((l) => {
      l.roles = { ...l.roles, log_collector: true };
      l.logs = { app: log('json') };
    }));
    expect([...plain.metrics.keys()]).toEqual(['log_messages_total']);
    expect(plain.metrics.get('log_messages_total')).toEqual({ source: LOG_SOURCE, labels: ['service', 'level'] });
    const web = producedMetrics(lma((l) => {
      l.roles = { ...l.roles, log_collector: true };
      l.logs = { access: log('nginx_access') };
    }));
    expect([...web.metrics.keys()].sort()).toEqual(['log_http_requests_total', 'log_http_response_time_seconds_bucket', 'log_http_response_time_seconds_count', 'log_http_response_time_seconds_sum', 'log_messages_total']);
    expect(web.metrics.get('log_http_response_time_seconds_bucket')?.labels).toContain('le');
  });

  it('THEN a node without the log collector role produces no log metrics', () => {
    const p = producedMetrics(lma((l) => {
      l.roles = { ...l.roles, log_collector: false };
      l.logs = { app: log('json') };
    }));
    expect(p.metrics.size).toBe(0);
  });
});
