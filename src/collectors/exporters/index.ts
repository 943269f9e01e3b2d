/**
 * The exporter catalogue: what a `prometheus` input scrapes, by the metric
 * families its target exposes. An input names its target with `exporter`
 * (lma:inputs.<name>.exporter); its names are then known as a Telegraf
 * plugin's are: a declared metric it does not expose is LMAC219, and a rule
 * may read any name it exposes (and the input keeps) without declaring it.
 *
 * Telegraf's prometheus input with `metric_version = 2` keeps the exposed
 * names (plugins/parsers/prometheus): a counter or gauge under its own name, a
 * histogram as <name>_bucket (label le), <name>_sum and <name>_count, a summary
 * as <name> (label quantile), <name>_sum and <name>_count; it adds the label
 * `url`.
 *
 * One explicit list, like the generators': each entry's file says where its
 * names were read (a daemon run here, or upstream source at a version). No
 * list is every name an exporter can expose (some appear only with features
 * or events lmac's setups do not have), so a declared name missing from one is
 * a warning, not an error.
 */
import type { Family, ExporterSpec } from './family.js';
import { ALERTMANAGER } from './alertmanager.js';
import { CONTAINERD } from './containerd.js';
import { ETCD } from './etcd.js';
import { FELIX } from './felix.js';
import { FLUENT_BIT } from './fluent-bit.js';
import { GRAFANA } from './grafana.js';
import { KAFKA_EXPORTER, KAFKA_JMX } from './kafka.js';
import { KUBE_APISERVER, KUBE_CONTROLLER_MANAGER, KUBE_PROXY, KUBE_SCHEDULER, KUBELET } from './kubernetes.js';
import { PROMETHEUS } from './prometheus.js';

export type { Family, ExporterSpec } from './family.js';

export const EXPORTERS: Readonly<Record<string, ExporterSpec>> = {
  alertmanager: ALERTMANAGER,
  containerd: CONTAINERD,
  etcd: ETCD,
  felix: FELIX,
  'fluent-bit': FLUENT_BIT,
  grafana: GRAFANA,
  'kafka-exporter': KAFKA_EXPORTER,
  'kafka-jmx': KAFKA_JMX,
  'kube-apiserver': KUBE_APISERVER,
  'kube-controller-manager': KUBE_CONTROLLER_MANAGER,
  'kube-proxy': KUBE_PROXY,
  'kube-scheduler': KUBE_SCHEDULER,
  kubelet: KUBELET,
  prometheus: PROMETHEUS,
};

export function exporterSpec(id: string): ExporterSpec | undefined {
  return Object.hasOwn(EXPORTERS, id) ? EXPORTERS[id] : undefined;
}

/** The series names of one family as scraped, each with its labels. */
export function seriesOf([name, type, labels = []]: Family): Array<[string, readonly string[]]> {
  switch (type) {
    case 'histogram':
      return [[`${name}_bucket`, [...labels, 'le']], [`${name}_sum`, labels], [`${name}_count`, labels]];
    case 'summary':
      return [[name, [...labels, 'quantile']], [`${name}_sum`, labels], [`${name}_count`, labels]];
    default:
      return [[name, labels]];
  }
}
