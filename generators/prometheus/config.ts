/**
 * prometheus.yml for the domain (pull model): the collectors to scrape, as
 * file_sd target files generated from the model, the rule files, and the
 * Alertmanager to notify. Every target carries `environment`; node targets
 * carry `hostname` (the node's name), the label alarms group by.
 */
import { isLegacyNode } from '../../src/collectors/catalogue.js';
import type { Lma } from '../../src/model/lma-types.js';
import type { NodeModel } from '../../src/model/node-model.js';
import { nodeLabels } from '../collectors/node.js';
import type { RelabelConfig } from './collectd-relabel.js';

/** Telegraf's prometheus_client output and Fluent Bit's prometheus_exporter, at their default ports. */
export const METRIC_COLLECTOR_PORT = 9273;
export const LOG_COLLECTOR_PORT = 2021;
export const REMOTE_COLLECTOR_PORT = 9274;

export interface TargetGroup {
  targets: string[];
  labels: Record<string, string>;
}

function hostPort(url: string): { target: string; scheme: string; path: string } {
  const u = new URL(url);
  const port = u.port || (u.protocol === 'https:' ? '443' : '80');
  return { target: `${u.hostname}:${port}`, scheme: u.protocol.replace(':', ''), path: u.pathname === '/' ? '' : u.pathname };
}

/** The scrape job of legacy (collectd) nodes, whose series are relabelled into the catalogue's names. */
export const LEGACY_TARGETS = 'legacy-collectors.json';

export function targetFiles(nodes: readonly (NodeModel & { lma: Lma })[], environment: string): Record<string, TargetGroup[]> {
  // Every node label is a target label too: collectd cannot set them on its series, and for the
  // other collectors (which set them, honored) they are the same values.
  const per = (keep: (n: NodeModel & { lma: Lma }) => boolean, port: number): TargetGroup[] =>
    nodes.filter(keep).map((n) => ({ targets: [`${n.name}:${port}`], labels: { ...nodeLabels(n), environment } }));
  const remote = nodes.filter((n) => n.lma.roles.remote_collector).map((n) => `${n.name}:${REMOTE_COLLECTOR_PORT}`);
  const legacy = per((n) => isLegacyNode(n.lma), METRIC_COLLECTOR_PORT);
  return {
    'metric-collectors.json': per((n) => n.lma.roles.metric_collector && !isLegacyNode(n.lma), METRIC_COLLECTOR_PORT),
    ...(legacy.length > 0 ? { [LEGACY_TARGETS]: legacy } : {}),
    'log-collectors.json': per((n) => n.lma.roles.log_collector, LOG_COLLECTOR_PORT),
    // Remote checks belong to the domain, not to the node that runs them: no hostname.
    'remote-collector.json': remote.length > 0 ? [{ targets: remote, labels: { environment } }] : [],
  };
}

export function prometheusConfig(settings: Lma['backends'], environment: string, ruleFiles: string[], targetFileNames: string[], legacyRelabel: RelabelConfig[] = []): Record<string, unknown> {
  // The collectors already label their series with hostname and environment (the same values as
  // the targets'): honoring them keeps Prometheus from adding exported_* copies.
  const job = (name: string, file: string): Record<string, unknown> => ({
    job_name: name,
    honor_labels: true,
    file_sd_configs: [{ files: [`targets/${file}`] }],
    ...(file === LEGACY_TARGETS && legacyRelabel.length > 0 ? { metric_relabel_configs: legacyRelabel } : {}),
  });
  const config: Record<string, unknown> = {
    global: {
      scrape_interval: settings.prometheus.scrape_interval,
      evaluation_interval: settings.prometheus.evaluation_interval,
      external_labels: { environment },
    },
    rule_files: ruleFiles.map((f) => `rules/${f}`),
  };
  if (settings.alertmanager.enabled) {
    const am = hostPort(settings.alertmanager.url);
    config.alerting = { alertmanagers: [{ scheme: am.scheme, ...(am.path ? { path_prefix: am.path } : {}), static_configs: [{ targets: [am.target] }] }] };
  }
  config.scrape_configs = targetFileNames.map((f) => job(`lma-${f.replace(/\.json$/, '')}`, f));
  return config;
}
