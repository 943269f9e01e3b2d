/**
 * The Telegraf plugin table (src/collectors/telegraf-plugins.ts): spot checks
 * of names against what the plugins' READMEs in influxdata/telegraf say, and
 * of the prometheus_client (metric_version 2) naming rule.
 */
import { describe, expect, it } from 'vitest';
import { emits, metricsOf, prometheusName, sanitizeMetricName, TELEGRAF_PLUGINS } from '../../src/collectors/telegraf-plugins.js';

function names(plugin: string, options: Record<string, unknown> = {}): Set<string> {
  const m = metricsOf(plugin, options);
  if (!m) throw new Error(`no data for ${plugin}`);
  return m.names;
}

describe('GIVEN the naming rule of prometheus_client with metric_version 2', () => {
  // plugins/serializers/prometheus/README.md: "The Prometheus metric names are produced by joining the
  // measurement name with the field key. In the special case where the measurement name is `prometheus`
  // it is not included in the final metric name." convert.go sanitizes names that are not valid.
  it('THEN a metric is <measurement>_<field>, the measurement prometheus left out', () => {
    expect(prometheusName('cpu', 'usage_idle')).toBe('cpu_usage_idle');
    expect(prometheusName('prometheus', 'go_goroutines')).toBe('go_goroutines');
  });

  it('THEN invalid characters become _, an invalid first one is dropped, and _ is trimmed', () => {
    expect(sanitizeMetricName('haproxy_http_response.5xx')).toBe('haproxy_http_response_5xx');
    expect(sanitizeMetricName('ceph_wait.avgcount')).toBe('ceph_wait_avgcount');
    expect(sanitizeMetricName('1abc')).toBe('abc');
    expect(sanitizeMetricName('a-b_')).toBe('a_b');
    expect(sanitizeMetricName('apache_BusyWorkers')).toBe('apache_BusyWorkers');
  });
});

describe('GIVEN the plugins the brief and the model library (issue 9) list', () => {
  const listed = [
    'cpu', 'mem', 'disk', 'diskio', 'net', 'system', 'processes', 'procstat', 'ntpq', 'haproxy', 'rabbitmq', 'mysql', 'memcached', 'apache', 'nginx', 'http_response', 'net_response', 'prometheus', 'kubernetes', 'docker', 'ceph', 'influxdb', 'elasticsearch', 'kafka_consumer', 'exec',
    'openstack', 'kibana', 'internal', 'x509_cert', 'ping', 'swap', 'kernel', 'netstat', 'conntrack', 'systemd_units', 'linux_sysctl_fs',
  ];

  it('THEN each has data, and every name it gives is a valid Prometheus metric name', () => {
    for (const p of listed) {
      const m = metricsOf(p);
      expect(m, p).not.toBeNull();
      for (const n of m?.names ?? []) expect(n, `${p}: ${n}`).toMatch(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/);
    }
    expect(Object.keys(TELEGRAF_PLUGINS).sort()).toEqual([...listed].sort());
  });

  it('THEN scrapers and parsers of arbitrary data are open, and an unknown plugin is not checked', () => {
    for (const p of ['prometheus', 'exec', 'kafka_consumer']) expect(metricsOf(p)?.open, p).toBe(true);
    expect(metricsOf('cpu')?.open).toBe(false);
    expect(metricsOf('snmp')).toBeNull();
    expect(metricsOf('constructor')).toBeNull();
  });
});

describe('GIVEN the READMEs', () => {
  // openstack: "openstack_nova_service ... state ... forced_down [boolean]"; booleans become 0/1 metrics, tags stay labels.
  it('THEN openstack emits service and agent states as booleans with their state tags', () => {
    const m = metricsOf('openstack');
    expect(m?.names).toContain('openstack_nova_service_forced_down');
    expect(m?.labels.get('openstack_nova_service_forced_down')).toContain('state');
    expect(m?.names).toContain('openstack_neutron_agent_alive');
    expect(m?.names).not.toContain('openstack_nova_service_updated_at');
  });

  // linux_sysctl_fs: fields keep their dashes ("file-nr"), which the serializer makes underscores.
  it('THEN linux_sysctl_fs names are sanitized and internal is a family for per-plugin stats', () => {
    expect(metricsOf('linux_sysctl_fs')?.names).toContain('linux_sysctl_fs_file_nr');
    expect(metricsOf('internal')?.families).toEqual(['internal_']);
    expect(metricsOf('x509_cert')?.names).toContain('x509_cert_expiry');
  });

  // cpu: "- cpu - tags: - cpu (CPU ID or `cpu-total`) - fields: ... usage_idle (float, percent) ... time_user (float)"
  it('THEN cpu emits cpu_usage_idle and cpu_time_user, not cpu_idle', () => {
    const n = names('cpu');
    expect(n).toContain('cpu_usage_idle');
    expect(n).toContain('cpu_time_user');
    expect(n).not.toContain('cpu_idle');
  });

  // procstat: "- procstat_lookup - tags: ... - fields: - pid_count (int) - running (int) - result_code (int, ...)"
  // and "- procstat - fields: ... memory_rss (int) ... status (string)".
  it('THEN procstat emits procstat_lookup_running and procstat_memory_rss, not its string field status', () => {
    const n = names('procstat');
    expect(n).toContain('procstat_lookup_running');
    expect(n).toContain('procstat_lookup_pid_count');
    expect(n).toContain('procstat_memory_rss');
    expect(n).not.toContain('procstat_status');
  });

  // procstat sample config: "## Field name prefix  # prefix = """ (the procstat measurement's fields).
  it('THEN procstat with prefix names the process fields <prefix>_<field>, not the lookup ones', () => {
    const n = names('procstat', { prefix: 'nova' });
    expect(n).toContain('procstat_nova_memory_rss');
    expect(n).not.toContain('procstat_memory_rss');
    expect(n).toContain('procstat_lookup_running');
  });

  // http_response: "- fields: - response_time (float, seconds) ... - response_status_code_match (int, ...)
  // - http_response_code (int, response status code) - result_type (string, deprecated in 1.6 ...) - result_code (int ...)"
  it('THEN http_response emits http_response_result_code and http_response_http_response_code, not result_type', () => {
    const n = names('http_response');
    expect(n).toContain('http_response_result_code');
    expect(n).toContain('http_response_http_response_code');
    expect(n).toContain('http_response_response_status_code_match');
    expect(n).not.toContain('http_response_result_type');
  });

  // rabbitmq: "- rabbitmq_node - tags: ... - fields: - disk_free (int, bytes) - disk_free_limit (int, bytes) ..."
  // "- rabbitmq_queue ... idle_since (string, ...)".
  it('THEN rabbitmq emits rabbitmq_node_disk_free and rabbitmq_queue_messages_ready, not the string idle_since', () => {
    const n = names('rabbitmq');
    expect(n).toContain('rabbitmq_node_disk_free');
    expect(n).toContain('rabbitmq_node_disk_free_limit');
    expect(n).toContain('rabbitmq_queue_messages_ready');
    expect(n).not.toContain('rabbitmq_queue_idle_since');
  });

  // haproxy: "The following renames are made: - `act` -> `active_servers` ... - `hrsp_5xx` -> `http_response.5xx`"
  // unless keep_field_names; "**all other stats** (int)".
  it('THEN haproxy renames as documented unless keep_field_names, and the dotted names are sanitized', () => {
    const n = names('haproxy');
    expect(n).toContain('haproxy_http_response_5xx');
    expect(n).toContain('haproxy_active_servers');
    expect(n).toContain('haproxy_scur');
    expect(n).not.toContain('haproxy_hrsp_5xx');
    const kept = names('haproxy', { keep_field_names: true });
    expect(kept).toContain('haproxy_hrsp_5xx');
    expect(kept).toContain('haproxy_act');
    expect(kept).not.toContain('haproxy_http_response_5xx');
  });

  // apache: "- apache - BusyWorkers (float) ... - scboard_waiting (float)": mod_status's names, case kept.
  it('THEN apache keeps mod_status CamelCase', () => {
    expect(names('apache')).toContain('apache_BusyWorkers');
    expect(names('apache')).toContain('apache_scboard_waiting');
  });

  // net: "bytes_recv - The total number of bytes received by the interface"; the protocol stats are
  // /proc/net/snmp counters ("net,interface=all ... tcp_currestab=59i,icmpmsg_intype3=11005i").
  it('THEN net emits net_bytes_recv and, as a family, the protocol counters', () => {
    const net = metricsOf('net');
    if (!net) throw new Error('net');
    expect(emits(net, 'net_bytes_recv')).toBe(true);
    expect(emits(net, 'net_tcp_currestab')).toBe(true);
    expect(emits(net, 'net_icmpmsg_intype3')).toBe(true);
    expect(emits(net, 'net_bytes_received')).toBe(false);
  });

  // mysql: "Global statuses - all numeric and boolean values of `SHOW GLOBAL STATUSES`" (measurement mysql).
  it('THEN mysql emits its server status as a mysql_ family, and nothing outside it', () => {
    const my = metricsOf('mysql');
    if (!my) throw new Error('mysql');
    expect(emits(my, 'mysql_threads_connected')).toBe(true);
    expect(emits(my, 'mysql_variables_max_connections')).toBe(true);
    expect(emits(my, 'mysqld_up')).toBe(false);
    expect(emits(my, 'mysql_')).toBe(false);
  });

  // docker README: "- docker_container_mem ... - usage ... - limit"; testcases/memory_stats/expected.out:
  // "docker_container_status,... exitcode=0i,oomkilled=false,...".
  it('THEN docker emits docker_container_mem_usage and docker_container_status_oomkilled', () => {
    expect(names('docker')).toContain('docker_container_mem_usage');
    expect(names('docker')).toContain('docker_container_status_oomkilled');
    expect(names('docker')).not.toContain('docker_container_health_health_status');
  });

  // kubernetes: "- kubernetes_pod_container ... - fields: - cpu_usage_nanocores ... - memory_working_set_bytes".
  it('THEN kubernetes emits kubernetes_pod_container_memory_working_set_bytes', () => {
    expect(names('kubernetes')).toContain('kubernetes_pod_container_memory_working_set_bytes');
  });

  // ceph: "All fields are collected under the **ceph** measurement" (admin socket), and
  // "- ceph_pool_usage - tags: - name - fields: - kb_used (float) ..."
  it('THEN ceph emits the listed cluster stats and its admin-socket counters as a family', () => {
    const ceph = metricsOf('ceph');
    if (!ceph) throw new Error('ceph');
    expect(emits(ceph, 'ceph_pool_usage_kb_used')).toBe(true);
    expect(emits(ceph, 'ceph_paxos_commit_latency_avgcount')).toBe(true);
    expect(emits(ceph, 'osd_up')).toBe(false);
  });
});

describe("GIVEN Telegraf's per-input renaming options", () => {
  it('THEN name_override replaces every measurement, name_prefix and name_suffix wrap it', () => {
    expect(names('mem', { name_override: 'memory' })).toContain('memory_used_percent');
    expect(names('mem', { name_prefix: 'host_', name_suffix: '_v2' })).toContain('host_mem_v2_used_percent');
    expect(names('mem', { name_prefix: 'host_' })).not.toContain('mem_used_percent');
  });

  it('THEN families are renamed with their measurement', () => {
    const my = metricsOf('mysql', { name_suffix: '_v2' });
    if (!my) throw new Error('mysql');
    expect(emits(my, 'mysql_v2_threads_connected')).toBe(true);
    expect(emits(my, 'mysql_threads_connected')).toBe(false);
  });
});
