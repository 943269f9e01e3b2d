/**
 * Grafana on Kubernetes: the provisioning files and dashboards of
 * out/<cluster>/grafana/ in ConfigMaps, one Grafana pod and a Service on :3000.
 *
 * Layout in the container: Grafana reads provisioning from
 * /etc/grafana/provisioning/<kind>/ (GF_PATHS_PROVISIONING, set explicitly),
 * so datasources.yml goes to .../datasources/ and dashboards.yml to
 * .../dashboards/; dashboards.yml's file provider reads the dashboards from
 * DASHBOARDS_PATH, where the dashboards ConfigMap is mounted.
 *
 * Grafana's database is an emptyDir: datasources and dashboards are
 * provisioned from these files on every start, so what it holds besides
 * (users, preferences, annotations) is not the stack's state. A secret
 * reference in datasources.yml is `$ENV` (its declared variable), which
 * Grafana expands from its environment: the container gets that variable from
 * the secret's Kubernetes Secret key (secrets.ts). Grafana's own admin
 * password is not a model secret: GF_SECURITY_ADMIN_PASSWORD comes from the
 * optional Secret `grafana-secrets` when it has that key. lmac writes neither.
 */
import type { Chart } from 'cdk8s';
import { EnvValue, Probe, Secret, Volume, type VolumeMount } from 'cdk8s-plus-27';
import { DASHBOARDS_PATH } from '../grafana/datasources.js';
import { type KubeContext, filesUnder } from './context.js';
import { envSecretsIn, secretEnvValues } from './secrets.js';
import { centralDeployment, centralService, configMap, podSecurity, resources, secs, unprivileged } from './workload.js';

export const GRAFANA = 'grafana';
export const GRAFANA_PORT = 3000;
export const GRAFANA_SECRET = 'grafana-secrets';
export const PROVISIONING_DIR = '/etc/grafana/provisioning';
const DATA_DIR = '/var/lib/grafana';
/** The image's user (USER 472 in its Dockerfile, the uid Grafana documents). */
const GRAFANA_UID = 472;
/** Provisioning file -> the directory under PROVISIONING_DIR Grafana reads it from. */
const PROVISIONING_KINDS: Record<string, string> = { 'datasources.yml': 'datasources', 'dashboards.yml': 'dashboards' };

export function addGrafana(chart: Chart, ctx: KubeContext): void {
  const provisioning = filesUnder(ctx.files, `${GRAFANA}/provisioning/`);
  const dashboards = filesUnder(ctx.files, `${GRAFANA}/dashboards/`);
  if (provisioning.size === 0 && dashboards.size === 0) return;
  const configs = new Map<string, string>();
  const mounts: VolumeMount[] = [];

  if (provisioning.size > 0) {
    for (const name of provisioning.keys()) if (!(name in PROVISIONING_KINDS)) throw new Error(`grafana/provisioning/${name}: no provisioning directory known for it`);
    const cm = configMap(chart, GRAFANA, `${GRAFANA}-provisioning`, provisioning);
    const volume = Volume.fromConfigMap(chart, `${GRAFANA}-provisioning-volume`, cm, { name: 'provisioning' });
    for (const [name, content] of [...provisioning].sort(([a], [b]) => (a < b ? -1 : 1))) {
      configs.set(`${GRAFANA}/provisioning/${name}`, content);
      mounts.push({ path: `${PROVISIONING_DIR}/${PROVISIONING_KINDS[name]}/${name}`, volume, subPath: name, readOnly: true });
    }
  }
  // Writable state (grafana.db, plugins, sessions) on an emptyDir; the root file system stays read-only.
  mounts.push({ path: DATA_DIR, volume: Volume.fromEmptyDir(chart, `${GRAFANA}-data-volume`, 'data') });
  mounts.push({ path: '/tmp', volume: Volume.fromEmptyDir(chart, `${GRAFANA}-tmp-volume`, 'tmp') });
  if (dashboards.size > 0) {
    for (const [name, content] of dashboards) configs.set(`${GRAFANA}/dashboards/${name}`, content);
    const cm = configMap(chart, GRAFANA, `${GRAFANA}-dashboards`, dashboards);
    // Inside the data emptyDir: the mount point is created there, the dashboards stay read-only.
    mounts.push({ path: DASHBOARDS_PATH, volume: Volume.fromConfigMap(chart, `${GRAFANA}-dashboards-volume`, cm, { name: 'dashboards' }), readOnly: true });
  }

  centralDeployment(chart, {
    component: GRAFANA,
    name: GRAFANA,
    configs,
    securityContext: podSecurity(GRAFANA_UID, GRAFANA_UID),
    containers: [
      {
        name: GRAFANA,
        image: ctx.deploy.images.grafana,
        envVariables: {
          GF_PATHS_PROVISIONING: EnvValue.fromValue(PROVISIONING_DIR),
          GF_PATHS_DATA: EnvValue.fromValue(DATA_DIR),
          // Logs to stdout only: the default also writes files under /var/log/grafana (read-only here).
          GF_LOG_MODE: EnvValue.fromValue('console'),
          // The admin's password, when the operator sets it (not a model secret; without it Grafana's default applies).
          GF_SECURITY_ADMIN_PASSWORD: EnvValue.fromSecretValue({ secret: Secret.fromSecretName(chart, `${GRAFANA}-secret-ref`, GRAFANA_SECRET), key: 'GF_SECURITY_ADMIN_PASSWORD' }, { optional: true }),
          // The secrets datasources.yml reads ($ENV).
          ...secretEnvValues(chart, envSecretsIn(provisioning.values(), ctx.secrets)),
        },
        ports: [{ name: 'http', number: GRAFANA_PORT }],
        resources: resources(100, 128, 1000, 512),
        securityContext: unprivileged(GRAFANA_UID, GRAFANA_UID),
        liveness: Probe.fromHttpGet('/api/health', { port: GRAFANA_PORT, initialDelaySeconds: secs(30), periodSeconds: secs(15), timeoutSeconds: secs(5), failureThreshold: 4 }),
        readiness: Probe.fromHttpGet('/api/health', { port: GRAFANA_PORT, periodSeconds: secs(5), timeoutSeconds: secs(5), failureThreshold: 3 }),
        volumeMounts: mounts,
      },
    ],
  });
  centralService(chart, GRAFANA, GRAFANA, [{ name: 'http', port: GRAFANA_PORT }]);
}
