/**
 * Alertmanager on Kubernetes: alertmanager/alertmanager.yml in a ConfigMap,
 * one Alertmanager pod with its silences and notification log on a volume
 * claim, and a Service on :9093.
 *
 * Credentials never appear in alertmanager.yml: a secret reference became a
 * `*_file` field under /etc/alertmanager/secrets/ (docs/alertmanager.md). The
 * pod mounts the Secret `alertmanager-secrets` there, one item per file the
 * config names, optional so Alertmanager starts before the Secret exists (a
 * receiver whose file is missing fails when it sends, not at start). lmac
 * does not write the Secret (it would hold the credentials); its keys are
 * named like the other components' secret variables (`secretKey`).
 */
import type { Chart } from 'cdk8s';
import { Probe, Secret, Volume, type VolumeMount } from 'cdk8s-plus-27';
import { parse } from 'yaml';
import { SECRETS_DIR } from '../alertmanager/receivers.js';
import { type KubeContext, filesUnder } from './context.js';
import { centralDeployment, centralService, configMap, podSecurity, resources, secretKey, secs, unprivileged, volumeClaim } from './workload.js';

export const ALERTMANAGER = 'alertmanager';
export const ALERTMANAGER_PORT = 9093;
export const ALERTMANAGER_SECRET = 'alertmanager-secrets';
const CONFIG_DIR = '/etc/alertmanager';
const DATA_DIR = '/alertmanager';
/** The image's user (USER nobody in its Dockerfile). */
const NOBODY = 65534;

/** Every path under SECRETS_DIR that the config reads (the values of its `*_file` fields), sorted. */
export function secretFiles(config: string): string[] {
  const found = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string' && v.startsWith(`${SECRETS_DIR}/`)) found.add(v.slice(SECRETS_DIR.length + 1));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) Object.values(v).forEach(walk);
  };
  walk(parse(config));
  return [...found].sort();
}

export function addAlertmanager(chart: Chart, ctx: KubeContext): void {
  const config = filesUnder(ctx.files, `${ALERTMANAGER}/`).get('alertmanager.yml');
  if (config === undefined) return;

  const cm = configMap(chart, ALERTMANAGER, `${ALERTMANAGER}-config`, new Map([['alertmanager.yml', config]]));
  const mounts: VolumeMount[] = [
    { path: `${CONFIG_DIR}/alertmanager.yml`, volume: Volume.fromConfigMap(chart, `${ALERTMANAGER}-config-volume`, cm, { name: 'config' }), subPath: 'alertmanager.yml', readOnly: true },
  ];
  const secrets = secretFiles(config);
  if (secrets.length > 0) {
    const secret = Secret.fromSecretName(chart, `${ALERTMANAGER}-secret-ref`, ALERTMANAGER_SECRET);
    const items = Object.fromEntries(secrets.map((p) => [secretKey(p), { path: p }]));
    mounts.push({ path: SECRETS_DIR, volume: Volume.fromSecret(chart, `${ALERTMANAGER}-secrets-volume`, secret, { name: 'secrets', optional: true, items, defaultMode: 0o440 }), readOnly: true });
  }
  // A volume claim: silences and the notification log survive the restart a config change causes.
  const claim = volumeClaim(chart, ctx, ALERTMANAGER, `${ALERTMANAGER}-data`, ctx.deploy.storage.alertmanager);
  mounts.push({ path: DATA_DIR, volume: Volume.fromPersistentVolumeClaim(chart, `${ALERTMANAGER}-data-volume`, claim, { name: 'data' }) });

  centralDeployment(chart, {
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
  centralService(chart, ALERTMANAGER, ALERTMANAGER, [{ name: 'http', port: ALERTMANAGER_PORT }]);
}
