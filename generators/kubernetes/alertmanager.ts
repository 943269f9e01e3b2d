/**
 * Alertmanager on Kubernetes: alertmanager/alertmanager.yml in a ConfigMap,
 * one Alertmanager pod with its silences and notification log on a volume
 * claim, and a Service on :9093.
 *
 * Credentials never appear in alertmanager.yml: a secret reference became a
 * `*_file` field naming the secret's declared file (lma.secrets; default
 * /etc/lmac/secrets/<name>, docs/alertmanager.md). The pod mounts each such
 * file from its Kubernetes Secret key (secrets.ts: a projected volume per
 * directory); lmac does not write the Secrets (they would hold the
 * credentials).
 */
import type { Chart } from 'cdk8s';
import { Probe, Volume, type VolumeMount } from 'cdk8s-plus-27';
import { parse } from 'yaml';
import { type KubeContext, filesUnder } from './context.js';
import { fileSecretsIn, mountSecretFiles } from './secrets.js';
import { centralDeployment, centralService, configMap, podSecurity, resources, secs, unprivileged, volumeClaim } from './workload.js';

export const ALERTMANAGER = 'alertmanager';
export const ALERTMANAGER_PORT = 9093;
const CONFIG_DIR = '/etc/alertmanager';
const DATA_DIR = '/alertmanager';
/** The image's user (USER nobody in its Dockerfile). */
const NOBODY = 65534;

export function addAlertmanager(chart: Chart, ctx: KubeContext): void {
  const config = filesUnder(ctx.files, `${ALERTMANAGER}/`).get('alertmanager.yml');
  if (config === undefined) return;

  const cm = configMap(chart, ALERTMANAGER, `${ALERTMANAGER}-config`, new Map([['alertmanager.yml', config]]));
  const mounts: VolumeMount[] = [
    { path: `${CONFIG_DIR}/alertmanager.yml`, volume: Volume.fromConfigMap(chart, `${ALERTMANAGER}-config-volume`, cm, { name: 'config' }), subPath: 'alertmanager.yml', readOnly: true },
  ];
  // A volume claim: silences and the notification log survive the restart a config change causes.
  const claim = volumeClaim(chart, ctx, ALERTMANAGER, `${ALERTMANAGER}-data`, ctx.deploy.storage.alertmanager);
  mounts.push({ path: DATA_DIR, volume: Volume.fromPersistentVolumeClaim(chart, `${ALERTMANAGER}-data-volume`, claim, { name: 'data' }) });

  const deployment = centralDeployment(chart, {
    component: ALERTMANAGER,
    name: ALERTMANAGER,
    configs: new Map([[`${ALERTMANAGER}/alertmanager.yml`, config]]),
    securityContext: podSecurity(NOBODY, NOBODY),
    containers: [
      {
        name: ALERTMANAGER,
        image: ctx.deploy.images.alertmanager,
        args: [
          `--config.file=${CONFIG_DIR}/alertmanager.yml`,
          `--storage.path=${DATA_DIR}`,
          `--web.listen-address=:${ALERTMANAGER_PORT}`,
          // One replica: no gossip cluster (an empty address turns it off, so no peer port is opened).
          '--cluster.listen-address=',
        ],
        ports: [{ name: 'http', number: ALERTMANAGER_PORT }],
        resources: resources(50, 64, 500, 256),
        // Alertmanager writes only to its data volume.
        securityContext: unprivileged(NOBODY, NOBODY),
        liveness: Probe.fromHttpGet('/-/healthy', { port: ALERTMANAGER_PORT, periodSeconds: secs(15), timeoutSeconds: secs(5), failureThreshold: 4 }),
        readiness: Probe.fromHttpGet('/-/ready', { port: ALERTMANAGER_PORT, periodSeconds: secs(5), timeoutSeconds: secs(5), failureThreshold: 3 }),
        volumeMounts: mounts,
      },
    ],
  });
  // The `*_file` fields name the secrets' files: each mounted from its Secret key.
  mountSecretFiles(deployment, 0, fileSecretsIn(parse(config), ctx.secrets), [CONFIG_DIR, DATA_DIR], ctx.nodes, ctx.report);
  centralService(chart, ALERTMANAGER, ALERTMANAGER, [{ name: 'http', port: ALERTMANAGER_PORT }]);
}
