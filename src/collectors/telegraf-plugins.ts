/**
 * What each Telegraf input plugin lmac knows emits, under the names Prometheus
 * sees them: lmac's collectors expose metrics through Telegraf's
 * prometheus_client output with `metric_version = 2`, which names a metric
 * `<measurement>_<field>` (just `<field>` for the measurement `prometheus`),
 * sanitizes it to a valid Prometheus name, and makes metrics of numeric and
 * boolean fields only: string fields become labels (`string_as_label`) or are
 * dropped. (plugins/serializers/prometheus/README.md and convert.go, which the
 * prometheus_client v2 collector uses.)
 *
 * The measurements, fields and tags follow each plugin's README in
 * influxdata/telegraf (plugins/inputs/<name>/README.md); the comment on each
 * plugin names the README version(s) read. Where README versions differ, the
 * union is kept: a field a README documents is one some Telegraf emits, and
 * the lint built on this must not reject a real name.
 *
 * Some plugins take field (or measurement) names from the monitored server at
 * run time (MySQL's SHOW GLOBAL STATUS, Ceph's perf dumps, ...): their names
 * are a `family`, a name prefix, besides the documented names. Scrapers and
 * parsers of arbitrary data (prometheus, exec, kafka_consumer) are `open`.
 */

/** One measurement of a plugin: its numeric or boolean fields (string fields are left out) and its tags. */
export interface Measurement {
  fields: readonly string[];
  tags: readonly string[];
}

export interface Family {
  measurement: string;
  fieldPrefix: string;
}

export interface PluginSpec {
  /** The README version(s) the data follows. */
  readme: string;
  measurements: Readonly<Record<string, Measurement>>;
  /** Fields the plugin takes from the server at run time: any field of `measurement` starting with `fieldPrefix`. */
  families?: readonly Family[];
  /** Emits whatever its target or data holds: names cannot be checked. */
  open?: boolean;
  /** A plugin option that prefixes the fields of one measurement (`<prefix>_<field>`). */
  fieldPrefixOption?: { option: string; measurement: string };
  /** Fields the plugin renames unless a boolean option keeps the original names (original -> renamed). */
  fieldRenames?: { keepOption: string; renames: Readonly<Record<string, string>> };
}

const m = (fields: readonly string[], tags: readonly string[] = []): Measurement => ({ fields, tags });

/** HAProxy's stats CSV columns (HAProxy management guide, section 9.1 "CSV format"), numeric ones only. */
const HAPROXY_CSV_NUMERIC = [
  'qcur', 'qmax', 'scur', 'smax', 'slim', 'stot', 'bin', 'bout', 'dreq', 'dresp', 'ereq', 'econ', 'eresp', 'wretr', 'wredis',
  'weight', 'act', 'bck', 'chkfail', 'chkdown', 'lastchg', 'downtime', 'qlimit', 'pid', 'iid', 'sid', 'throttle', 'lbtot',
  'rate', 'rate_lim', 'rate_max', 'check_code', 'check_duration', 'hrsp_1xx', 'hrsp_2xx', 'hrsp_3xx', 'hrsp_4xx', 'hrsp_5xx',
  'hrsp_other', 'hanafail', 'req_rate', 'req_rate_max', 'req_tot', 'cli_abrt', 'srv_abrt', 'comp_in', 'comp_out', 'comp_byp',
  'comp_rsp', 'lastsess', 'qtime', 'ctime', 'rtime', 'ttime', 'agent_code', 'agent_duration', 'check_rise', 'check_fall',
  'check_health', 'agent_rise', 'agent_fall', 'agent_health', 'conn_rate', 'conn_rate_max', 'conn_tot', 'intercepted', 'dcon',
  'dses', 'wrew', 'connect', 'reuse', 'cache_lookups', 'cache_hits', 'srv_icur', 'src_ilim', 'qtime_max', 'ctime_max',
  'rtime_max', 'ttime_max', 'eint', 'idle_conn_cur', 'safe_conn_cur', 'used_conn_cur', 'need_conn_est', 'uweight',
  'agg_server_status', 'agg_server_check_status', 'agg_check_status', 'srid', 'sess_other', 'h1sess', 'h2sess', 'h3sess',
  'req_other', 'h1req', 'h2req', 'h3req',
];

const PROCSTAT_TAGS = ['pid', 'cmdline', 'process_name', 'pidfile', 'exe', 'pattern', 'user', 'systemd_unit', 'cgroup', 'cgroup_full', 'supervisor_unit', 'win_service'];
const RLIMITS = ['cpu_time', 'file_locks', 'memory_data', 'memory_locked', 'memory_rss', 'memory_stack', 'memory_vms', 'nice_priority', 'num_fds', 'realtime_priority', 'signals_pending'].flatMap((r) => [`rlimit_${r}_hard`, `rlimit_${r}_soft`]);
const DOCKER_CONTAINER_TAGS = ['engine_host', 'server_version', 'container_image', 'container_name', 'container_status', 'container_version'];
const BLKIO_OPS = ['async', 'read', 'sync', 'total', 'write'];

export const TELEGRAF_PLUGINS: Readonly<Record<string, PluginSpec>> = {
  // README @1509fe16 (Telegraf 1.2x, "## Metrics"). usage_active/time_active need report_active.
  cpu: {
    readme: 'plugins/inputs/cpu/README.md @1509fe16',
    measurements: {
      cpu: m(
        ['user', 'system', 'idle', 'active', 'nice', 'iowait', 'irq', 'softirq', 'steal', 'guest', 'guest_nice'].flatMap((s) => [`time_${s}`, `usage_${s}`]),
        ['cpu', 'core_id', 'physical_id'],
      ),
    },
  },
  // READMEs @a26a7b99 and @0b8e89f7 (1.13: adds laundry, sreclaimable, sunreclaim); fields vary by platform.
  mem: {
    readme: 'plugins/inputs/mem/README.md @a26a7b99, @0b8e89f7',
    measurements: {
      mem: m([
        'active', 'available', 'available_percent', 'buffered', 'cached', 'commit_limit', 'committed_as', 'dirty', 'free',
        'high_free', 'high_total', 'huge_pages_free', 'huge_page_size', 'huge_pages_total', 'inactive', 'laundry', 'low_free',
        'low_total', 'mapped', 'page_tables', 'shared', 'slab', 'sreclaimable', 'sunreclaim', 'swap_cached', 'swap_free',
        'swap_total', 'total', 'used', 'used_percent', 'vmalloc_chunk', 'vmalloc_total', 'vmalloc_used', 'wired', 'write_back',
        'write_back_tmp',
      ]),
    },
  },
  // README @0038eabc (1.2x, with ignore_mount_opts).
  disk: {
    readme: 'plugins/inputs/disk/README.md @0038eabc',
    measurements: { disk: m(['free', 'total', 'used', 'used_percent', 'inodes_free', 'inodes_total', 'inodes_used'], ['fstype', 'device', 'path', 'mode']) },
  },
  // README @145045d7 (1.2x).
  diskio: {
    readme: 'plugins/inputs/diskio/README.md @145045d7',
    measurements: {
      diskio: m(
        ['reads', 'writes', 'read_bytes', 'write_bytes', 'read_time', 'write_time', 'io_time', 'weighted_io_time', 'iops_in_progress', 'merged_reads', 'merged_writes'],
        ['name', 'serial'],
      ),
    },
  },
  // README @024b2f91 (1.x) and the v1.37 README (adds speed, drops the protocol stats). The protocol
  // stats (interface=all) are /proc/net/snmp counters named `<proto>_<counter>`, lowercased: a family.
  net: {
    readme: 'plugins/inputs/net/README.md @024b2f91; v1.37 README (speed)',
    measurements: { net: m(['bytes_sent', 'bytes_recv', 'packets_sent', 'packets_recv', 'err_in', 'err_out', 'drop_in', 'drop_out', 'speed'], ['interface']) },
    families: ['ip_', 'icmp_', 'icmpmsg_', 'tcp_', 'udp_', 'udplite_'].map((fieldPrefix) => ({ measurement: 'net', fieldPrefix })),
  },
  // README @08cc6244 (1.3x). uptime_format is a string.
  system: {
    readme: 'plugins/inputs/system/README.md @08cc6244',
    measurements: { system: m(['load1', 'load15', 'load5', 'n_users', 'n_unique_users', 'n_cpus', 'uptime']) },
  },
  // READMEs @22d7f1ed and @df5d71df (adds parked).
  processes: {
    readme: 'plugins/inputs/processes/README.md @22d7f1ed, @df5d71df',
    measurements: {
      processes: m(['blocked', 'running', 'sleeping', 'stopped', 'total', 'zombie', 'dead', 'wait', 'idle', 'paging', 'parked', 'total_threads']),
    },
  },
  // READMEs @39f7b212 (1.1x) and @10dae509 (1.3x: memory_pss.., disk_*_bytes, ppid, procstat_socket).
  // status (procstat) and protocol/state/src/dest (procstat_socket) are strings.
  procstat: {
    readme: 'plugins/inputs/procstat/README.md @39f7b212, @10dae509',
    measurements: {
      procstat: m(
        [
          'child_major_faults', 'child_minor_faults', 'created_at', 'cpu_time', 'cpu_time_guest', 'cpu_time_guest_nice', 'cpu_time_idle',
          'cpu_time_iowait', 'cpu_time_irq', 'cpu_time_nice', 'cpu_time_soft_irq', 'cpu_time_steal', 'cpu_time_system', 'cpu_time_user',
          'cpu_usage', 'disk_read_bytes', 'disk_write_bytes', 'involuntary_context_switches', 'major_faults', 'memory_anonymous',
          'memory_data', 'memory_locked', 'memory_private_clean', 'memory_private_dirty', 'memory_pss', 'memory_referenced',
          'memory_rss', 'memory_shared_clean', 'memory_shared_dirty', 'memory_size', 'memory_stack', 'memory_swap', 'memory_usage',
          'memory_vms', 'minor_faults', 'nice_priority', 'num_fds', 'num_threads', 'pid', 'ppid', 'read_bytes', 'read_count',
          'realtime_priority', ...RLIMITS, 'signals_pending', 'voluntary_context_switches', 'write_bytes', 'write_count',
        ],
        PROCSTAT_TAGS,
      ),
      procstat_lookup: m(['pid_count', 'running', 'result_code'], ['exe', 'pid_finder', 'pid_file', 'pattern', 'prefix', 'user', 'systemd_unit', 'cgroup', 'supervisor_unit', 'win_service', 'result']),
      procstat_socket: m(['pid', 'src_port', 'dest_port', 'bytes_received', 'bytes_sent', 'lost', 'retransmits', 'rx_queue', 'tx_queue', 'inode'], [...PROCSTAT_TAGS, 'protocol']),
    },
    // "Field name prefix": the procstat measurement's fields become `<prefix>_<field>`.
    fieldPrefixOption: { option: 'prefix', measurement: 'procstat' },
  },
  // README @0256619e (1.24+).
  ntpq: {
    readme: 'plugins/inputs/ntpq/README.md @0256619e',
    measurements: { ntpq: m(['delay', 'jitter', 'offset', 'poll', 'reach', 'when'], ['refid', 'remote', 'type', 'stratum']) },
  },
  // README @731a716b: "all other stats (int)" of HAProxy's CSV (see HAPROXY_CSV_NUMERIC), some renamed
  // unless keep_field_names; `http_response.1xx` is sanitized to `http_response_1xx`.
  haproxy: {
    readme: 'plugins/inputs/haproxy/README.md @731a716b (fields: HAProxy management guide 9.1)',
    measurements: { haproxy: m(HAPROXY_CSV_NUMERIC, ['server', 'proxy', 'sv', 'type']) },
    fieldRenames: {
      keepOption: 'keep_field_names',
      renames: {
        act: 'active_servers', bck: 'backup_servers', cli_abrt: 'cli_abort', srv_abrt: 'srv_abort',
        hrsp_1xx: 'http_response.1xx', hrsp_2xx: 'http_response.2xx', hrsp_3xx: 'http_response.3xx',
        hrsp_4xx: 'http_response.4xx', hrsp_5xx: 'http_response.5xx', hrsp_other: 'http_response.other',
      },
    },
  },
  // README @6470a7b6 (1.2x, with federation). idle_since is a string.
  rabbitmq: {
    readme: 'plugins/inputs/rabbitmq/README.md @6470a7b6',
    measurements: {
      rabbitmq_overview: m(
        ['channels', 'connections', 'consumers', 'exchanges', 'messages', 'messages_acked', 'messages_delivered', 'messages_delivered_get', 'messages_published', 'messages_ready', 'messages_unacked', 'queues', 'clustering_listeners', 'amqp_listeners', 'return_unroutable', 'return_unroutable_rate'],
        ['url', 'name'],
      ),
      rabbitmq_node: m(
        [
          'disk_free', 'disk_free_limit', 'disk_free_alarm', 'fd_total', 'fd_used', 'mem_limit', 'mem_used', 'mem_alarm', 'proc_total',
          'proc_used', 'run_queue', 'sockets_total', 'sockets_used', 'running', 'uptime', 'mnesia_disk_tx_count', 'mnesia_ram_tx_count',
          'mnesia_disk_tx_count_rate', 'mnesia_ram_tx_count_rate', 'gc_num', 'gc_bytes_reclaimed', 'gc_num_rate', 'gc_bytes_reclaimed_rate',
          'io_read_avg_time', 'io_read_avg_time_rate', 'io_read_bytes', 'io_read_bytes_rate', 'io_write_avg_time', 'io_write_avg_time_rate',
          'io_write_bytes', 'io_write_bytes_rate', 'mem_connection_readers', 'mem_connection_writers', 'mem_connection_channels',
          'mem_connection_other', 'mem_queue_procs', 'mem_queue_slave_procs', 'mem_plugins', 'mem_other_proc', 'mem_metrics', 'mem_mgmt_db',
          'mem_mnesia', 'mem_other_ets', 'mem_binary', 'mem_msg_index', 'mem_code', 'mem_atom', 'mem_other_system', 'mem_allocated_unused',
          'mem_reserved_unallocated', 'mem_total',
        ],
        ['url', 'node'],
      ),
      rabbitmq_queue: m(
        [
          'consumer_utilisation', 'consumers', 'memory', 'message_bytes', 'message_bytes_persist', 'message_bytes_ram', 'message_bytes_ready',
          'message_bytes_unacked', 'messages', 'messages_ack', 'messages_ack_rate', 'messages_deliver', 'messages_deliver_rate',
          'messages_deliver_get', 'messages_deliver_get_rate', 'messages_publish', 'messages_publish_rate', 'messages_ready',
          'messages_redeliver', 'messages_redeliver_rate', 'messages_unack', 'slave_nodes', 'synchronised_slave_nodes',
        ],
        ['url', 'queue', 'vhost', 'node', 'durable', 'auto_delete'],
      ),
      rabbitmq_exchange: m(['messages_publish_in', 'messages_publish_in_rate', 'messages_publish_out', 'messages_publish_out_rate'], ['url', 'exchange', 'type', 'vhost', 'internal', 'durable', 'auto_delete']),
      rabbitmq_federation: m(
        ['acks_uncommitted', 'consumers', 'messages_unacknowledged', 'messages_uncommitted', 'messages_unconfirmed', 'messages_confirm', 'messages_publish', 'messages_return_unroutable'],
        ['url', 'vhost', 'type', 'upstream', 'exchange', 'upstream_exchange', 'queue', 'upstream_queue'],
      ),
    },
  },
  // README @86d019be (1.2x). Global statuses and variables are "all numeric and boolean values of
  // SHOW GLOBAL STATUS / VARIABLES" (the mysql and mysql_variables measurements), InnoDB metrics all
  // of INNODB_METRICS: a family. The documented names below serve suggestions.
  mysql: {
    readme: 'plugins/inputs/mysql/README.md @86d019be',
    measurements: {
      mysql: m(['binary_size_bytes', 'binary_files_count'], ['server']),
      mysql_process_list: m(['connections'], ['server', 'user']),
      mysql_perf_schema: m(
        [
          'table_io_waits_total_fetch', 'table_io_waits_total_insert', 'table_io_waits_total_update', 'table_io_waits_total_delete',
          'table_io_waits_seconds_total_fetch', 'table_io_waits_seconds_total_insert', 'table_io_waits_seconds_total_update',
          'table_io_waits_seconds_total_delete', 'index_io_waits_total_fetch', 'index_io_waits_seconds_total_fetch',
          'index_io_waits_total_insert', 'index_io_waits_total_update', 'index_io_waits_total_delete', 'index_io_waits_seconds_total_insert',
          'index_io_waits_seconds_total_update', 'index_io_waits_seconds_total_delete', 'events_waits_total', 'events_waits_seconds_total',
          'file_events_total', 'file_events_seconds_total', 'file_events_bytes_total',
        ],
        ['server', 'schema', 'name', 'index', 'event_name', 'mode'],
      ),
      mysql_info_schema: m(['table_rows', 'table_size_data_length', 'table_size_index_length', 'table_size_data_free', 'table_version'], ['server', 'schema', 'table', 'component', 'type', 'engine', 'row_format', 'create_options']),
    },
    families: [{ measurement: 'mysql', fieldPrefix: '' }],
  },
  // READMEs @03a8127d (1.x) and @71d89569 (1.22: auth, cas_badval, evicted_*, hash_* ...).
  memcached: {
    readme: 'plugins/inputs/memcached/README.md @03a8127d, @71d89569',
    measurements: {
      memcached: m(
        [
          'accepting_conns', 'auth_cmds', 'auth_errors', 'bytes', 'bytes_read', 'bytes_written', 'cas_badval', 'cas_hits', 'cas_misses',
          'cmd_flush', 'cmd_get', 'cmd_set', 'cmd_touch', 'conn_yields', 'connection_structures', 'curr_connections', 'curr_items',
          'decr_hits', 'decr_misses', 'delete_hits', 'delete_misses', 'evicted_active', 'evicted_unfetched', 'evictions',
          'expired_unfetched', 'get_expired', 'get_flushed', 'get_hits', 'get_misses', 'hash_bytes', 'hash_is_expanding',
          'hash_power_level', 'incr_hits', 'incr_misses', 'limit_maxbytes', 'listen_disabled_num', 'max_connections', 'reclaimed',
          'rejected_connections', 'store_no_memory', 'store_too_large', 'threads', 'total_connections', 'total_items', 'touch_hits',
          'touch_misses', 'uptime',
        ],
        ['server'],
      ),
    },
  },
  // README @6e862dc2 (1.2x). Field names keep mod_status's CamelCase.
  apache: {
    readme: 'plugins/inputs/apache/README.md @6e862dc2',
    measurements: {
      apache: m(
        [
          'BusyWorkers', 'BytesPerReq', 'BytesPerSec', 'ConnsAsyncClosing', 'ConnsAsyncKeepAlive', 'ConnsAsyncWriting', 'ConnsTotal',
          'CPUChildrenSystem', 'CPUChildrenUser', 'CPULoad', 'CPUSystem', 'CPUUser', 'IdleWorkers', 'Load1', 'Load5', 'Load15',
          'ParentServerConfigGeneration', 'ParentServerMPMGeneration', 'ReqPerSec', 'ServerUptimeSeconds', 'TotalAccesses', 'TotalkBytes',
          'Uptime', 'scboard_closing', 'scboard_dnslookup', 'scboard_finishing', 'scboard_idle_cleanup', 'scboard_keepalive',
          'scboard_logging', 'scboard_open', 'scboard_reading', 'scboard_sending', 'scboard_starting', 'scboard_waiting',
        ],
        ['port', 'server'],
      ),
    },
  },
  // README @eb13b588 (1.2x; stub_status).
  nginx: {
    readme: 'plugins/inputs/nginx/README.md @eb13b588',
    measurements: { nginx: m(['accepts', 'active', 'handled', 'reading', 'requests', 'waiting', 'writing'], ['port', 'server']) },
  },
  // READMEs @00d142dc and @9945d260 (adds response_status_code_match). result_type is a string.
  http_response: {
    readme: 'plugins/inputs/http_response/README.md @00d142dc, @9945d260',
    measurements: {
      http_response: m(['response_time', 'content_length', 'response_string_match', 'response_status_code_match', 'http_response_code', 'result_code'], ['server', 'method', 'status_code', 'result']),
    },
  },
  // READMEs @0b88695a (with success) and @258f826b. result_type is a string; string_found a boolean.
  net_response: {
    readme: 'plugins/inputs/net_response/README.md @0b88695a, @258f826b',
    measurements: { net_response: m(['response_time', 'success', 'result_code', 'string_found'], ['server', 'port', 'protocol', 'result']) },
  },
  // README: scrapes Prometheus endpoints; the names are the target's.
  prometheus: { readme: 'plugins/inputs/prometheus/README.md', measurements: {}, open: true },
  // README @9945d260 (Kubernetes 1.11+).
  kubernetes: {
    readme: 'plugins/inputs/kubernetes/README.md @9945d260',
    measurements: {
      kubernetes_node: m(
        [
          'cpu_usage_nanocores', 'cpu_usage_core_nanoseconds', 'memory_available_bytes', 'memory_usage_bytes', 'memory_working_set_bytes',
          'memory_rss_bytes', 'memory_page_faults', 'memory_major_page_faults', 'network_rx_bytes', 'network_rx_errors', 'network_tx_bytes',
          'network_tx_errors', 'fs_available_bytes', 'fs_capacity_bytes', 'fs_used_bytes', 'runtime_image_fs_available_bytes',
          'runtime_image_fs_capacity_bytes', 'runtime_image_fs_used_bytes',
        ],
        ['node_name'],
      ),
      kubernetes_pod_container: m(
        [
          'cpu_usage_nanocores', 'cpu_usage_core_nanoseconds', 'memory_usage_bytes', 'memory_working_set_bytes', 'memory_rss_bytes',
          'memory_page_faults', 'memory_major_page_faults', 'rootfs_available_bytes', 'rootfs_capacity_bytes', 'rootfs_used_bytes',
          'logsfs_available_bytes', 'logsfs_capacity_bytes', 'logsfs_used_bytes',
        ],
        ['container_name', 'namespace', 'node_name', 'pod_name'],
      ),
      kubernetes_pod_volume: m(['available_bytes', 'capacity_bytes', 'used_bytes'], ['volume_name', 'namespace', 'node_name', 'pod_name']),
      kubernetes_pod_network: m(['rx_bytes', 'rx_errors', 'tx_bytes', 'tx_errors'], ['namespace', 'node_name', 'pod_name']),
    },
  },
  // READMEs @7c5e8776 and @07cdccb3 (1.x), and the plugin's testcases/*/expected.out (2025:
  // docker_container_status, _health, docker_devicemapper, usage_percent). container_id and
  // health_status are strings.
  docker: {
    readme: 'plugins/inputs/docker/README.md @7c5e8776, @07cdccb3; testcases/*/expected.out @0dee99f7, @5fcfc47d',
    measurements: {
      docker: m(
        ['n_used_file_descriptors', 'n_cpus', 'n_containers', 'n_containers_running', 'n_containers_stopped', 'n_containers_paused', 'n_images', 'n_goroutines', 'n_listener_events', 'memory_total', 'pool_blocksize'],
        ['engine_host', 'server_version', 'unit'],
      ),
      docker_data: m(['available', 'total', 'used'], ['engine_host', 'server_version', 'unit']),
      docker_metadata: m(['available', 'total', 'used'], ['engine_host', 'server_version', 'unit']),
      docker_devicemapper: m(
        ['base_device_size_bytes', 'data_space_available_bytes', 'data_space_total_bytes', 'data_space_used_bytes', 'metadata_space_available_bytes', 'metadata_space_total_bytes', 'metadata_space_used_bytes', 'pool_blocksize_bytes', 'thin_pool_minimum_free_space_bytes'],
        ['engine_host', 'server_version', 'pool_name'],
      ),
      docker_container_mem: m(
        [
          'total_pgmafault', 'total_pgmajfault', 'cache', 'mapped_file', 'total_inactive_file', 'pgpgout', 'rss', 'total_mapped_file',
          'writeback', 'unevictable', 'pgpgin', 'total_unevictable', 'pgmajfault', 'total_rss', 'total_rss_huge', 'total_writeback',
          'total_inactive_anon', 'rss_huge', 'hierarchical_memory_limit', 'total_pgfault', 'total_active_file', 'active_anon',
          'total_active_anon', 'total_pgpgout', 'total_cache', 'inactive_anon', 'active_file', 'pgfault', 'inactive_file', 'total_pgpgin',
          'max_usage', 'usage', 'failcnt', 'fail_count', 'limit', 'usage_percent',
        ],
        DOCKER_CONTAINER_TAGS,
      ),
      docker_container_cpu: m(
        ['throttling_periods', 'throttling_throttled_periods', 'throttling_throttled_time', 'usage_in_kernelmode', 'usage_in_usermode', 'usage_system', 'usage_total', 'usage_percent'],
        [...DOCKER_CONTAINER_TAGS, 'cpu'],
      ),
      docker_container_net: m(['rx_dropped', 'rx_bytes', 'rx_errors', 'tx_packets', 'tx_dropped', 'rx_packets', 'tx_errors', 'tx_bytes'], [...DOCKER_CONTAINER_TAGS, 'network']),
      docker_container_blkio: m(BLKIO_OPS.flatMap((o) => [`io_service_bytes_recursive_${o}`, `io_serviced_recursive_${o}`]), [...DOCKER_CONTAINER_TAGS, 'device']),
      docker_container_status: m(['exitcode', 'oomkilled', 'pid', 'restart_count', 'started_at', 'finished_at', 'uptime_ns'], DOCKER_CONTAINER_TAGS),
      docker_container_health: m(['failing_streak'], DOCKER_CONTAINER_TAGS),
    },
  },
  // README @de0c3bbf (1.2x). Admin-socket stats are every counter of the daemons' perf dumps in the
  // `ceph` measurement ("wait.avgcount" -> ceph_wait_avgcount): a family. Cluster stats are listed.
  ceph: {
    readme: 'plugins/inputs/ceph/README.md @de0c3bbf',
    measurements: {
      ceph_osdmap: m(['epoch', 'num_osds', 'num_up_osds', 'num_in_osds', 'full', 'nearfull', 'num_remapped_pgs']),
      ceph_pgmap: m(['version', 'num_pgs', 'data_bytes', 'bytes_used', 'bytes_avail', 'bytes_total', 'read_bytes_sec', 'write_bytes_sec', 'op_per_sec', 'read_op_per_sec', 'write_op_per_sec']),
      ceph_pgmap_state: m(['count'], ['state']),
      ceph_usage: m(['total_bytes', 'total_used_bytes', 'total_avail_bytes', 'total_space', 'total_used', 'total_avail']),
      ceph_pool_usage: m(['kb_used', 'bytes_used', 'objects', 'percent_used', 'max_avail'], ['name']),
      ceph_pool_stats: m(['read_bytes_sec', 'write_bytes_sec', 'op_per_sec', 'read_op_per_sec', 'write_op_per_sec', 'recovering_objects_per_sec', 'recovering_bytes_per_sec', 'recovering_keys_per_sec'], ['name']),
    },
    families: [{ measurement: 'ceph', fieldPrefix: '' }],
  },
  // README @b0ed2ed3 (1.x). Measurements and fields mirror InfluxDB's /debug/vars (influxdb_<section>,
  // camelCase fields kept): a family; memstats and n_shards are listed.
  influxdb: {
    readme: 'plugins/inputs/influxdb/README.md @b0ed2ed3',
    measurements: {
      influxdb: m(['n_shards'], ['url']),
      // The README's example output: /debug/vars sections a 1.x server always has.
      influxdb_database: m(['numMeasurements', 'numSeries'], ['url', 'database']),
      influxdb_httpd: m(
        ['authFail', 'clientError', 'pingReq', 'pointsWrittenDropped', 'pointsWrittenFail', 'pointsWrittenOK', 'promReadReq', 'promWriteReq', 'queryReq', 'queryReqDurationNs', 'queryRespBytes', 'recoveredPanics', 'req', 'reqActive', 'reqDurationNs', 'serverError', 'statusReq', 'writeReq', 'writeReqActive', 'writeReqBytes', 'writeReqDurationNs'],
        ['url', 'bind'],
      ),
      influxdb_memstats: m(
        [
          'heap_inuse', 'heap_released', 'mspan_inuse', 'total_alloc', 'sys', 'mallocs', 'frees', 'heap_idle', 'pause_total_ns', 'lookups',
          'heap_sys', 'mcache_sys', 'next_gc', 'gcc_pu_fraction', 'other_sys', 'alloc', 'stack_inuse', 'stack_sys', 'buck_hash_sys', 'gc_sys',
          'num_gc', 'heap_alloc', 'heap_objects', 'mspan_sys', 'mcache_inuse', 'last_gc',
        ],
        ['url'],
      ),
    },
    families: [{ measurement: 'influxdb', fieldPrefix: '' }],
  },
  // README @caab067a (1.x). Fields are the flattened numeric leaves of the node-stats (and cluster
  // health/stats) JSON, which vary with the Elasticsearch version: a family; the README's are listed.
  elasticsearch: {
    readme: 'plugins/inputs/elasticsearch/README.md @caab067a',
    measurements: {
      elasticsearch_breakers: m(['fielddata', 'request', 'parent'].flatMap((b) => [`${b}_estimated_size_in_bytes`, `${b}_overhead`, `${b}_tripped`, `${b}_limit_size_in_bytes`])),
      elasticsearch_fs: m(['timestamp', 'total_free_in_bytes', 'total_available_in_bytes', 'total_total_in_bytes']),
      elasticsearch_indices: m([
        'id_cache_memory_size_in_bytes', 'completion_size_in_bytes', 'suggest_total', 'suggest_time_in_millis', 'suggest_current',
        'query_cache_memory_size_in_bytes', 'query_cache_evictions', 'query_cache_hit_count', 'query_cache_miss_count', 'store_size_in_bytes',
        'store_throttle_time_in_millis', 'merges_current_docs', 'merges_current_size_in_bytes', 'merges_total', 'merges_total_time_in_millis',
        'merges_total_docs', 'merges_total_size_in_bytes', 'merges_current', 'filter_cache_memory_size_in_bytes', 'filter_cache_evictions',
        'indexing_index_total', 'indexing_index_time_in_millis', 'indexing_index_current', 'indexing_noop_update_total',
        'indexing_throttle_time_in_millis', 'indexing_delete_total', 'indexing_delete_time_in_millis', 'indexing_delete_current',
        'get_exists_time_in_millis', 'get_missing_total', 'get_missing_time_in_millis', 'get_current', 'get_total', 'get_time_in_millis',
        'get_exists_total', 'refresh_total', 'refresh_total_time_in_millis', 'percolate_current', 'percolate_memory_size_in_bytes',
        'percolate_queries', 'percolate_total', 'percolate_time_in_millis', 'translog_operations', 'translog_size_in_bytes',
        'recovery_current_as_source', 'recovery_current_as_target', 'recovery_throttle_time_in_millis', 'docs_count', 'docs_deleted',
        'flush_total_time_in_millis', 'flush_total', 'fielddata_memory_size_in_bytes', 'fielddata_evictions', 'search_fetch_current',
        'search_open_contexts', 'search_query_total', 'search_query_time_in_millis', 'search_query_current', 'search_fetch_total',
        'search_fetch_time_in_millis', 'warmer_current', 'warmer_total', 'warmer_total_time_in_millis', 'segments_count',
        'segments_memory_in_bytes', 'segments_index_writer_memory_in_bytes', 'segments_index_writer_max_memory_in_bytes',
        'segments_version_map_memory_in_bytes', 'segments_fixed_bit_set_memory_in_bytes',
      ]),
      elasticsearch_http: m(['current_open', 'total_opened']),
      elasticsearch_jvm: m([
        'timestamp', 'uptime_in_millis', 'mem_non_heap_used_in_bytes', 'mem_non_heap_committed_in_bytes', 'mem_pools_young_max_in_bytes',
        'mem_pools_young_peak_used_in_bytes', 'mem_pools_young_peak_max_in_bytes', 'mem_pools_young_used_in_bytes',
        'mem_pools_survivor_peak_used_in_bytes', 'mem_pools_survivor_peak_max_in_bytes', 'mem_pools_survivor_used_in_bytes',
        'mem_pools_survivor_max_in_bytes', 'mem_pools_old_peak_max_in_bytes', 'mem_pools_old_used_in_bytes', 'mem_pools_old_max_in_bytes',
        'mem_pools_old_peak_used_in_bytes', 'mem_heap_used_in_bytes', 'mem_heap_used_percent', 'mem_heap_committed_in_bytes',
        'mem_heap_max_in_bytes', 'threads_peak_count', 'threads_count', 'gc_collectors_young_collection_count',
        'gc_collectors_young_collection_time_in_millis', 'gc_collectors_old_collection_count', 'gc_collectors_old_collection_time_in_millis',
        'buffer_pools_direct_count', 'buffer_pools_direct_used_in_bytes', 'buffer_pools_direct_total_capacity_in_bytes',
        'buffer_pools_mapped_count', 'buffer_pools_mapped_used_in_bytes', 'buffer_pools_mapped_total_capacity_in_bytes',
      ]),
      elasticsearch_network: m(['tcp_in_errs', 'tcp_passive_opens', 'tcp_curr_estab', 'tcp_in_segs', 'tcp_out_segs', 'tcp_retrans_segs', 'tcp_attempt_fails', 'tcp_active_opens', 'tcp_estab_resets', 'tcp_out_rsts']),
      elasticsearch_os: m(['swap_used_in_bytes', 'swap_free_in_bytes', 'timestamp', 'uptime_in_millis', 'cpu_sys', 'cpu_user', 'cpu_idle', 'cpu_usage', 'cpu_stolen', 'mem_free_percent', 'mem_used_percent', 'mem_actual_free_in_bytes', 'mem_actual_used_in_bytes', 'mem_free_in_bytes', 'mem_used_in_bytes']),
      elasticsearch_process: m(['mem_resident_in_bytes', 'mem_share_in_bytes', 'mem_total_virtual_in_bytes', 'timestamp', 'open_file_descriptors', 'cpu_total_in_millis', 'cpu_percent', 'cpu_sys_in_millis', 'cpu_user_in_millis']),
      elasticsearch_thread_pool: m(
        ['merge', 'bulk', 'warmer', 'get', 'index', 'suggest', 'fetch_shard_store', 'management', 'percolate', 'listener', 'search', 'fetch_shard_started', 'refresh', 'optimize', 'snapshot', 'generic', 'flush'].flatMap(
          (p) => ['threads', 'queue', 'active', 'rejected', 'largest', 'completed'].map((f) => `${p}_${f}`),
        ),
      ),
      elasticsearch_transport: m(['server_open', 'rx_count', 'rx_size_in_bytes', 'tx_count', 'tx_size_in_bytes']),
    },
    families: [{ measurement: 'elasticsearch', fieldPrefix: '' }],
  },
  // README @0c686d7e (1.2x, "Measurements, Tags & Fields"): numeric and boolean fields only
  // (booleans such as forced_down or alive become 0/1 metrics); state and status are tags.
  openstack: {
    readme: 'plugins/inputs/openstack/README.md @0c686d7e',
    measurements: {
      openstack_aggregate: m(['aggregate_hosts', 'deleted', 'id'], ['name']),
      openstack_flavor: m(['disk', 'ephemeral', 'ram', 'rxtx_factor', 'swap', 'vcpus'], ['is_public', 'name']),
      openstack_hypervisor: m(
        [
          'cpu_topology_cores', 'cpu_topology_sockets', 'cpu_topology_threads', 'current_workload', 'disk_available_least', 'free_disk_gb',
          'free_ram_mb', 'local_gb', 'local_gb_used', 'memory_mb', 'memory_mb_used', 'running_vms', 'vcpus', 'vcpus_used',
        ],
        ['cpu_arch', 'cpu_model', 'cpu_vendor', 'hypervisor_hostname', 'hypervisor_type', 'hypervisor_version', 'service_host', 'service_id', 'state', 'status'],
      ),
      openstack_identity: m(['enabled', 'is_domain', 'projects'], ['description', 'domain_id', 'name', 'parent_id']),
      openstack_network: m(['admin_state_up', 'shared', 'subnets'], ['name', 'project_id', 'status', 'tenant_id']),
      openstack_neutron_agent: m(['admin_state_up', 'alive', 'resources_synced'], ['agent_host', 'agent_type', 'availability_zone', 'binary', 'topic']),
      openstack_nova_service: m(['forced_down'], ['host_machine', 'name', 'state', 'status', 'zone']),
      openstack_port: m(['admin_state_up', 'allowed_address_pairs', 'fixed_ips'], ['device_id', 'device_owner', 'name', 'network_id', 'project_id', 'status', 'tenant_id']),
      openstack_request_duration: m(['agents', 'aggregates', 'flavors', 'hypervisors', 'networks', 'nova_services', 'ports', 'projects', 'servers', 'stacks', 'storage_pools', 'subnets', 'volumes']),
      openstack_server: m(
        ['addresses', 'disk_gb', 'fault_code', 'progress', 'ram_mb', 'security_groups', 'vcpus', 'volumes_attached'],
        ['flavor', 'host_id', 'host_name', 'image', 'key_name', 'name', 'project', 'status', 'tenant_id', 'user_id'],
      ),
      openstack_service: m(['service_enabled'], ['name']),
      openstack_storage_pool: m(['free_capacity_gb', 'total_capacity_gb'], ['driver_version', 'name', 'storage_protocol', 'vendor_name', 'volume_backend_name']),
      openstack_subnet: m(['dhcp_enabled'], ['cidr', 'gateway_ip', 'ip_version', 'name', 'network_id', 'project_id', 'tenant_id']),
      openstack_volume: m(['encrypted', 'multiattach', 'size', 'total_attachments'], ['availability_zone', 'bootable', 'name', 'status', 'user_id', 'volume_type']),
    },
  },
  // README @0bfd3a44 (Kibana 6.x status API). status_code: green 1, yellow 2, red 3, unknown 0.
  kibana: {
    readme: 'plugins/inputs/kibana/README.md @0bfd3a44',
    measurements: {
      kibana: m(['status_code', 'heap_max_bytes', 'heap_total_bytes', 'heap_used_bytes', 'uptime_ms', 'response_time_avg_ms', 'response_time_max_ms', 'concurrent_connections', 'requests_per_sec'], ['name', 'source', 'status', 'version']),
    },
  },
  // README @0e497010: the agent's own statistics. internal_<plugin> measurements are per plugin: a family.
  internal: {
    readme: 'plugins/inputs/internal/README.md @0e497010',
    measurements: {
      internal_memstats: m(['alloc_bytes', 'frees', 'heap_alloc_bytes', 'heap_idle_bytes', 'heap_in_use_bytes', 'heap_objects_bytes', 'heap_released_bytes', 'heap_sys_bytes', 'mallocs', 'num_gc', 'pointer_lookups', 'sys_bytes', 'total_alloc_bytes']),
      internal_agent: m(['gather_errors', 'gather_timeouts', 'metrics_dropped', 'metrics_gathered', 'metrics_written'], ['go_version', 'version']),
      internal_gather: m(['gather_time_ns', 'metrics_gathered', 'gather_timeouts', 'errors'], ['input', 'alias', 'go_version', 'version']),
      internal_write: m(['buffer_limit', 'buffer_size', 'metrics_added', 'metrics_written', 'metrics_dropped', 'metrics_filtered', 'write_time_ns', 'errors'], ['output', 'alias', 'version']),
    },
    families: [{ measurement: 'internal', fieldPrefix: '' }],
  },
  // README @007b61ed. verification_error is a string; expiry, age, startdate and enddate are seconds.
  x509_cert: {
    readme: 'plugins/inputs/x509_cert/README.md @007b61ed',
    measurements: {
      x509_cert: m(['verification_code', 'expiry', 'age', 'startdate', 'enddate'], ['source', 'common_name', 'organization', 'organizational_unit', 'country', 'province', 'locality', 'verification', 'serial_number', 'signature_algorithm', 'public_key_algorithm', 'issuer_common_name', 'issuer_serial_number', 'san']),
    },
  },
  // README @0272ec17 (Linux fields; errors, reply_received and percent_reply_loss are Windows only).
  ping: {
    readme: 'plugins/inputs/ping/README.md @0272ec17',
    measurements: {
      ping: m(['packets_transmitted', 'packets_received', 'percent_packet_loss', 'ttl', 'average_response_ms', 'minimum_response_ms', 'maximum_response_ms', 'standard_deviation_ms', 'result_code'], ['url']),
    },
  },
  // README (1.x): swap space and swapped pages (in/out, bytes).
  swap: { readme: 'plugins/inputs/swap/README.md', measurements: { swap: m(['free', 'total', 'used', 'used_percent', 'in', 'out']) } },
  // README (1.x): kernel counters from /proc/stat and entropy.
  kernel: { readme: 'plugins/inputs/kernel/README.md', measurements: { kernel: m(['boot_time', 'context_switches', 'entropy_avail', 'interrupts', 'processes_forked']) } },
  // README (1.x): TCP connections by state and UDP sockets.
  netstat: {
    readme: 'plugins/inputs/netstat/README.md',
    measurements: {
      netstat: m(['tcp_close', 'tcp_close_wait', 'tcp_closing', 'tcp_established', 'tcp_fin_wait1', 'tcp_fin_wait2', 'tcp_last_ack', 'tcp_listen', 'tcp_none', 'tcp_syn_recv', 'tcp_syn_sent', 'tcp_time_wait', 'udp_socket']),
    },
  },
  // README (1.x): connection-tracking table use (nf_conntrack_count / nf_conntrack_max, or the ip_ names).
  conntrack: { readme: 'plugins/inputs/conntrack/README.md', measurements: { conntrack: m(['ip_conntrack_count', 'ip_conntrack_max', 'nf_conntrack_count', 'nf_conntrack_max']) } },
  // README (1.2x): one metric per unit; load, active and sub are tags, their codes fields.
  systemd_units: { readme: 'plugins/inputs/systemd_units/README.md', measurements: { systemd_units: m(['load_code', 'active_code', 'sub_code'], ['name', 'load', 'active', 'sub']) } },
  // README (1.x): fs.* sysctls; field names keep their dashes (sanitized to `_`).
  linux_sysctl_fs: {
    readme: 'plugins/inputs/linux_sysctl_fs/README.md',
    measurements: {
      linux_sysctl_fs: m(['aio-nr', 'aio-max-nr', 'dquot-nr', 'dquot-max', 'super-nr', 'super-max', 'inode-nr', 'inode-free-nr', 'inode-preshrink-nr', 'dentry-nr', 'dentry-unused-nr', 'dentry-age-limit', 'dentry-want-pages', 'file-nr', 'file-max']),
    },
  },
  // README: consumes Kafka messages in any data format; the names are the messages'.
  kafka_consumer: { readme: 'plugins/inputs/kafka_consumer/README.md', measurements: {}, open: true },
  // README: runs commands and parses their output in any data format; the names are the output's.
  exec: { readme: 'plugins/inputs/exec/README.md', measurements: {}, open: true },
};

const LEGACY_METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/**
 * Telegraf's prometheus serializer (convert.go, SanitizeMetricName): a valid
 * name is kept; otherwise an invalid first character is dropped, invalid later
 * ones become `_`, and `_` is trimmed from both ends.
 */
export function sanitizeMetricName(name: string): string {
  if (LEGACY_METRIC_NAME.test(name)) return name;
  const chars = [...name];
  const out = chars.map((c, i) => (i === 0 ? (/[a-zA-Z_:]/.test(c) ? c : '') : /[a-zA-Z0-9_:]/.test(c) ? c : '_')).join('');
  return out.replace(/^_+|_+$/g, '');
}

/** The Prometheus name of one field (convert.go, MetricName): the measurement `prometheus` is left out. */
export function prometheusName(measurement: string, field: string): string {
  return sanitizeMetricName(measurement === 'prometheus' ? field : `${measurement}_${field}`);
}

export interface PluginMetrics {
  /** Every documented metric name, as Prometheus sees it. */
  names: Set<string>;
  /** The labels of each documented name: its measurement's tags (string fields kept as labels are not modelled). */
  labels: ReadonlyMap<string, readonly string[]>;
  /** The plugin emits whatever its data holds: names cannot be checked. */
  open: boolean;
  /** Name prefixes of metrics taken from the server at run time: any name with one of them may be emitted. */
  families: readonly string[];
}

function nonEmptyString(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** A measurement's name after Telegraf's per-input name_override, name_prefix and name_suffix. */
export function measurementName(options: Readonly<Record<string, unknown>>, measurement: string): string {
  return `${nonEmptyString(options.name_prefix)}${nonEmptyString(options.name_override) || measurement}${nonEmptyString(options.name_suffix)}`;
}

/** Telegraf's filter globs (`*`, `?`), anchored, as fieldinclude and its kin match names. */
export function telegrafGlob(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/**
 * The metrics a plugin emits with the given input options, or null for a
 * plugin lmac has no data for (not checked). The options that rename are
 * applied: Telegraf's per-input name_override / name_prefix / name_suffix
 * (on every measurement) and the plugin's own (procstat's `prefix`, haproxy's
 * `keep_field_names`). Filters (fieldpass, namedrop, ...) only remove
 * metrics and are not modelled.
 */
export function metricsOf(plugin: string, options: Readonly<Record<string, unknown>> = {}): PluginMetrics | null {
  // Own keys only: a plugin named `constructor` is not in the table.
  const spec = Object.hasOwn(TELEGRAF_PLUGINS, plugin) ? TELEGRAF_PLUGINS[plugin] : undefined;
  if (!spec) return null;
  if (spec.open) return { names: new Set(), labels: new Map(), open: true, families: [] };
  const renameMeasurement = (name: string): string => measurementName(options, name);
  const keep = spec.fieldRenames ? options[spec.fieldRenames.keepOption] === true : true;
  const prefix = spec.fieldPrefixOption ? nonEmptyString(options[spec.fieldPrefixOption.option]) : '';
  const names = new Set<string>();
  const labels = new Map<string, readonly string[]>();
  for (const [measurement, { fields, tags }] of Object.entries(spec.measurements)) {
    for (const field of fields) {
      let f = !keep && spec.fieldRenames && Object.hasOwn(spec.fieldRenames.renames, field) ? spec.fieldRenames.renames[field] : field;
      if (prefix && spec.fieldPrefixOption?.measurement === measurement) f = `${prefix}_${f}`;
      const name = prometheusName(renameMeasurement(measurement), f);
      names.add(name);
      labels.set(name, [...new Set([...(labels.get(name) ?? []), ...tags])]);
    }
  }
  // Measurements named at run time (mysql_variables, influxdb_shard, ...) extend a family's
  // measurement, so `<measurement>_` covers them too.
  const families = (spec.families ?? []).map((f) => `${sanitizeMetricName(renameMeasurement(f.measurement))}_${f.fieldPrefix}`);
  return { names, labels, open: false, families };
}

/** Whether `name` is one the plugin may emit. */
export function emits(metrics: PluginMetrics, name: string): boolean {
  return metrics.open || metrics.names.has(name) || metrics.families.some((p) => name.startsWith(p) && name.length > p.length);
}
