/**
 * The remote collector on Kubernetes: one Telegraf running the domain's
 * endpoint checks through VIPs (remote-collector/telegraf.conf) and, with
 * Kafka, the consumer that forwards the buffered metrics and logs
 * (remote-collector/kafka-consumer.conf) in a second container of the same pod.
 *
 * Exactly one may run: two would report every remote check twice. Hence one
 * replica, replaced with Recreate, and a PodDisruptionBudget.
 */
import type { Chart } from 'cdk8s';
import { k8s, Probe, Volume, type ContainerProps } from 'cdk8s-plus-27';
import { REMOTE_COLLECTOR_PORT } from '../prometheus/config.js';
import { SERVICE_ACCOUNT_DIR } from './collector-agents.js';
import { componentLabels, filesUnder, type KubeContext } from './context.js';
import { envSecretsIn, secretEnvValues } from './secrets.js';
import { centralDeployment, centralService, configMap, podSecurity, resources, secs, unprivileged } from './workload.js';

export const REMOTE_COLLECTOR = 'remote-collector';
const CONF_DIR = '/etc/telegraf';

/**
 * The telegraf user of the official image (Debian's first system uid). The
 * image's entrypoint drops to it itself when started as root; starting as it
 * directly lets the pod run with runAsNonRoot. The checks (http_response,
 * net_response, x509_cert, ...) need no privilege.
 */
const TELEGRAF_UID = 999;

export function addRemoteCollector(chart: Chart, ctx: KubeContext): void {
  const files = filesUnder(ctx.files, `${REMOTE_COLLECTOR}/`);
  if (!files.has('telegraf.conf')) return;
  const host = ctx.nodes.find((n) => n.lma.roles.remote_collector);
  const cm = configMap(chart, REMOTE_COLLECTOR, `${REMOTE_COLLECTOR}-config`, files);
  const configs = new Map([...files].map(([k, v]) => [`${REMOTE_COLLECTOR}/${k}`, v]));
  const volume = Volume.fromConfigMap(chart, `${REMOTE_COLLECTOR}-config-volume`, cm, { name: 'config' });

  // Prometheus scrapes the collector's prometheus_client output (when that backend is on): its /metrics answering is the health.
  const scraped = host?.lma.backends.prometheus.enabled ?? false;
  const probes = scraped
    ? {
        liveness: Probe.fromHttpGet('/metrics', { port: REMOTE_COLLECTOR_PORT, periodSeconds: secs(30), timeoutSeconds: secs(5), failureThreshold: 3 }),
        readiness: Probe.fromHttpGet('/metrics', { port: REMOTE_COLLECTOR_PORT, periodSeconds: secs(15), timeoutSeconds: secs(5) }),
      }
    : {};
  const telegraf = (name: string, conf: string, res: ReturnType<typeof resources>, extra: Partial<ContainerProps>): ContainerProps => ({
    name,
    image: ctx.deploy.images.telegraf,
    args: ['telegraf', '--config', `${CONF_DIR}/${conf}`],
    resources: res,
    securityContext: unprivileged(TELEGRAF_UID, TELEGRAF_UID),
    volumeMounts: [{ path: `${CONF_DIR}/${conf}`, volume, subPath: conf, readOnly: true }],
    // The secrets its config reads (`${ENV}`, substituted by Telegraf).
    envVariables: secretEnvValues(chart, envSecretsIn([files.get(conf) ?? ''], ctx.secrets)),
    ...extra,
  });
  const containers: ContainerProps[] = [
    telegraf('telegraf', 'telegraf.conf', resources(50, 64, 500, 256), { ports: scraped ? [{ name: 'metrics', number: REMOTE_COLLECTOR_PORT }] : [], ...probes }),
  ];
  // The consumer has no listener (no health endpoint to probe); a crash restarts the container.
  if (files.has('kafka-consumer.conf')) containers.push(telegraf('kafka-consumer', 'kafka-consumer.conf', resources(100, 128, 1000, 512), {}));

  centralDeployment(chart, {
    component: REMOTE_COLLECTOR,
    name: REMOTE_COLLECTOR,
    containers,
    securityContext: podSecurity(TELEGRAF_UID, TELEGRAF_UID),
    configs,
    serviceAccountFiles: [...configs.values()].some((text) => text.includes(SERVICE_ACCOUNT_DIR)),
    // prometheus/targets/remote-collector.json names the remote collector node
    // (`<node>:9274`), as on hosts: the pod runs on that node, on its network,
    // so the target stays right and the checks leave from the node's address
    // (the VIPs they test are often reachable from the nodes only).
    ...(host ? { hostNetwork: true, nodeSelector: { 'kubernetes.io/hostname': host.name } } : {}),
  });
  if (scraped) centralService(chart, REMOTE_COLLECTOR, REMOTE_COLLECTOR, [{ name: 'metrics', port: REMOTE_COLLECTOR_PORT }]);

  // maxUnavailable 1, not minAvailable 1: with a single replica, minAvailable 1
  // would block every `kubectl drain` of its node for good. The budget states
  // that the collector is a singleton for voluntary disruptions (drains,
  // autoscaler): one eviction at a time, then Recreate starts the next pod.
  new k8s.KubePodDisruptionBudget(chart, `${REMOTE_COLLECTOR}-pdb`, {
    metadata: { name: REMOTE_COLLECTOR, labels: componentLabels(REMOTE_COLLECTOR) },
    spec: { maxUnavailable: k8s.IntOrString.fromNumber(1), selector: { matchLabels: componentLabels(REMOTE_COLLECTOR) } },
  });
}
