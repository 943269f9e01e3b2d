/**
 * What a legacy node's collectd produces, under the catalogue's names.
 *
 * The model, its catalogue and every alarm name metrics as Telegraf emits
 * them. A node on the legacy collector runs collectd instead, whose
 * write_prometheus plugin exposes other names: `collectd_<plugin>_<type>[_<ds>][_total]`,
 * with the plugin instance as a label named after the plugin and the type
 * instance as a label named `type` (or after the plugin when there is no
 * plugin instance). StackLight's Heka decoder translated collectd's values
 * into its own metric names; lmac does the same at scrape time: Prometheus
 * relabels the series below into the Telegraf names
 * (generators/prometheus/collectd-relabel.ts), so the same alarms and
 * dashboards read legacy nodes too.
 *
 * Only translations whose collectd names were observed on collectd 5.12
 * (Debian's collectd-core, test/collectors/collectd-metrics.test.ts runs it)
 * and whose values mean what the Telegraf field means are listed. A metric
 * that would need arithmetic (mem_available_percent, processes_total) or a
 * unit change (ntpq_offset: seconds against milliseconds) is not translated:
 * lint warns when an alarm of a legacy node reads it (LMAC302).
 */

/** A label of the translated series. */
export type LabelOp =
  /** A constant value. */
  | { label: string; value: string }
  /** The value of a collectd label, with a prefix, except the listed values, which are mapped. */
  | { label: string; from: string; prefix?: string; map?: Readonly<Record<string, string>> };

export interface CollectdTranslation {
  /** The catalogue (Telegraf) name. */
  metric: string;
  /** The write_prometheus metric family. */
  from: string;
  /** The collectd label (type instance, or plugin instance) that selects the series, and its value. */
  match?: { label: string; value: string };
  /** Labels the Telegraf metric has, set on the translated series. */
  set: readonly LabelOp[];
  /** collectd labels the Telegraf metric does not have, removed once translated. */
  drop: readonly string[];
  /** collectd labels kept as they are: the Telegraf metric has them under the same name. */
  keep?: readonly string[];
}

export interface CollectdProduced {
  translations: CollectdTranslation[];
  /** The labels of each translated metric (as the catalogue lists them: global labels excluded). */
  labels: ReadonlyMap<string, readonly string[]>;
}

type Options = Readonly<Record<string, unknown>>;

/**
 * Whether collectd's cpu plugin reports per CPU (ReportByCpu): only when the
 * input asks for per-CPU metrics without the total, since collectd reports
 * one or the other and alarms read the total.
 */
export function collectdReportsByCpu(o: Options): boolean {
  return o.totalcpu === false && o.percpu !== false;
}

/** collectd cpu states -> Telegraf's cpu fields (`usage_<state>`). */
const CPU_STATES: Readonly<Record<string, string>> = {
  user: 'user', system: 'system', idle: 'idle', nice: 'nice', wait: 'iowait', interrupt: 'irq', softirq: 'softirq', steal: 'steal',
};

const rename = (pairs: Readonly<Record<string, string>>, from: string, label: string | undefined, set: readonly LabelOp[], drop: readonly string[]): CollectdTranslation[] =>
  Object.entries(pairs).map(([value, metric]) => ({ metric, from, ...(label ? { match: { label, value } } : {}), set, drop }));

/** df names a mount point by its path with `/` as `-`, and `/` as `root`: the root maps back exactly, others get their leading `/`. */
const DF_PATH: LabelOp = { label: 'path', from: 'df', prefix: '/', map: { root: '/' } };

/** Per Telegraf plugin: the translations of an input of it, given the input's name and options. */
const TRANSLATIONS: Readonly<Record<string, (name: string, o: Options) => CollectdTranslation[]>> = {
  cpu: (_name, o) =>
    collectdReportsByCpu(o)
      ? // Per CPU: collectd_cpu_percent{cpu="0", type="idle"}; Telegraf's cpu label is `cpu0`.
        rename(Object.fromEntries(Object.entries(CPU_STATES).map(([s, f]) => [s, `cpu_usage_${f}`])), 'collectd_cpu_percent', 'type', [{ label: 'cpu', from: 'cpu', prefix: 'cpu' }], ['type'])
      : // Total: collectd_cpu_percent{cpu="idle"}; Telegraf's total is cpu="cpu-total".
        rename(Object.fromEntries(Object.entries(CPU_STATES).map(([s, f]) => [s, `cpu_usage_${f}`])), 'collectd_cpu_percent', 'cpu', [{ label: 'cpu', value: 'cpu-total' }], []),
  mem: () => [
    ...rename({ used: 'mem_used', free: 'mem_free', cached: 'mem_cached', buffered: 'mem_buffered', slab_recl: 'mem_sreclaimable', slab_unrecl: 'mem_sunreclaim' }, 'collectd_memory', 'memory', [], ['memory']),
    ...rename({ used: 'mem_used_percent' }, 'collectd_memory_percent', 'memory', [], ['memory']),
  ],
  // df's percent_bytes counts reserved blocks in the total, Telegraf's used_percent does not
  // (used / (used + free)): on a file system with reserved blocks collectd reads a little lower.
  disk: () => [
    ...rename({ used: 'disk_used', free: 'disk_free' }, 'collectd_df_df_complex', 'type', [DF_PATH], ['df', 'type']),
    ...rename({ used: 'disk_inodes_used', free: 'disk_inodes_free' }, 'collectd_df_df_inodes', 'type', [DF_PATH], ['df', 'type']),
    ...rename({ used: 'disk_used_percent' }, 'collectd_df_percent_bytes', 'type', [DF_PATH], ['df', 'type']),
  ],
  diskio: () =>
    Object.entries({
      collectd_disk_disk_octets_read_total: 'diskio_read_bytes',
      collectd_disk_disk_octets_write_total: 'diskio_write_bytes',
      collectd_disk_disk_ops_read_total: 'diskio_reads',
      collectd_disk_disk_ops_write_total: 'diskio_writes',
      collectd_disk_disk_merged_read_total: 'diskio_merged_reads',
      collectd_disk_disk_merged_write_total: 'diskio_merged_writes',
      collectd_disk_disk_io_time_io_time_total: 'diskio_io_time',
      collectd_disk_disk_io_time_weighted_io_time_total: 'diskio_weighted_io_time',
    }).map(([from, metric]) => ({ metric, from, set: [{ label: 'name', from: 'disk' }], drop: ['disk'] })),
  net: () =>
    Object.entries({
      collectd_interface_if_octets_rx_total: 'net_bytes_recv',
      collectd_interface_if_octets_tx_total: 'net_bytes_sent',
      collectd_interface_if_packets_rx_total: 'net_packets_recv',
      collectd_interface_if_packets_tx_total: 'net_packets_sent',
      collectd_interface_if_errors_rx_total: 'net_err_in',
      collectd_interface_if_errors_tx_total: 'net_err_out',
      collectd_interface_if_dropped_rx_total: 'net_drop_in',
      collectd_interface_if_dropped_tx_total: 'net_drop_out',
    }).map(([from, metric]) => ({ metric, from, set: [], drop: [], keep: ['interface'] })),
  system: () =>
    Object.entries({
      collectd_load_shortterm: 'system_load1',
      collectd_load_midterm: 'system_load5',
      collectd_load_longterm: 'system_load15',
      collectd_uptime: 'system_uptime',
      collectd_users: 'system_n_users',
    }).map(([from, metric]) => ({ metric, from, set: [], drop: [] })),
  processes: () =>
    rename({ running: 'processes_running', sleeping: 'processes_sleeping', blocked: 'processes_blocked', stopped: 'processes_stopped', paging: 'processes_paging', zombies: 'processes_zombie' }, 'collectd_processes_ps_state', 'processes', [], ['processes']),
  // The ProcessMatch is named after the input (generators/collectors/collectd.ts); its process
  // count is Telegraf's procstat_lookup `running`, labelled with the option it was found by.
  procstat: (name, o) => {
    const key = typeof o.exe === 'string' && o.exe !== '' ? 'exe' : 'pattern';
    const value = o[key];
    if (typeof value !== 'string' || value === '') return [];
    return [{ metric: 'procstat_lookup_running', from: 'collectd_processes_ps_count_processes', match: { label: 'processes', value: name }, set: [{ label: key, value }], drop: ['processes'] }];
  },
};

/** What collectd produces for one input (run by collectd on a legacy node), or null when no translation is known. */
export function collectdMetricsOf(plugin: string, name: string, options: Options): CollectdProduced | null {
  const t = Object.hasOwn(TRANSLATIONS, plugin) ? TRANSLATIONS[plugin] : undefined;
  if (!t) return null;
  const translations = t(name, options);
  const labels = new Map<string, readonly string[]>();
  for (const x of translations) labels.set(x.metric, [...new Set([...(labels.get(x.metric) ?? []), ...x.set.map((s) => s.label), ...(x.keep ?? [])])]);
  return { translations, labels };
}

/** The Telegraf plugins collectd translations exist for. */
export const COLLECTD_TRANSLATED_PLUGINS: readonly string[] = Object.keys(TRANSLATIONS);
