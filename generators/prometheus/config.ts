/**
 * prometheus.yml for the domain (pull model): the collectors to scrape, as
 * file_sd target files generated from the model, the rule files, and the
 * Alertmanager to notify. Every target carries `environment`; node targets
 * carry `hostname` (the node's name), the label alarms group by.
 */
import type { Lma } from '../../src/model/lma-types.js';
import type { NodeModel } from '../../src/model/node-model.js';

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

export function targetFiles(nodes: readonly (NodeModel & { lma: Lma })[], environment: string): Record<string, TargetGroup[]> {
  const per = (role: keyof Lma['roles'], port: number): TargetGroup[] =>
    nodes.filter((n) => n.lma.roles[role]).map((n) => ({ targets: [`${n.name}:${port}`], labels: { environment, hostname: n.name } }));
  const remote = nodes.filter((n) => n.lma.roles.remote_collector).map((n) => `${n.name}:${REMOTE_COLLECTOR_PORT}`);
  return {
    'metric-collectors.json': per('metric_collector', METRIC_COLLECTOR_PORT),
    'log-collectors.json': per('log_collector', LOG_COLLECTOR_PORT),
    // Remote checks belong to the domain, not to the node that runs them: no hostname.
    'remote-collector.json': remote.length > 0 ? [{ targets: remote, labels: { environment } }] : [],
  };
}

export function prometheusConfig(settings: Lma['backends'], environment: string, ruleFiles: string[], targetFileNames: string[]): Record<string, unknown> {
  // The collectors already label their series with hostname and environment (the same values as
  // the targets'): honoring them keeps Prometheus from adding exported_* copies.
  const job = (name: string, file: string): Record<string, unknown> => ({ job_name: name, honor_labels: true, file_sd_configs: [{ files: [`targets/${file}`] }] });
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
