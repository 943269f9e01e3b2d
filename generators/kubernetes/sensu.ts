/**
 * The Sensu Go backend on Kubernetes: one backend pod (embedded etcd on a
 * volume claim), a Service for its API (:8080), agent websocket (:8081) and
 * web UI (:3000), and the resources of out/<cluster>/sensu/ applied by a
 * sidecar.
 *
 * A Deployment, not a StatefulSet: the backend runs as a single etcd member,
 * which needs stable storage (the claim) but no stable network identity
 * (that matters only to peers of a multi-member etcd cluster). Recreate
 * releases the volume and etcd's lock before the next pod starts.
 *
 * Applying the resources: `sensuctl create` needs a running backend, so it
 * cannot be an init container, and a Job cannot be re-run by applying it
 * again (its pod template is immutable). The sidecar `apply-resources` waits
 * for the backend's /health, logs in and runs `sensuctl create -f` over the
 * files in the documented order, then idles; a change to a resource file
 * changes the checksum annotation, so the pod restarts and applies again.
 * `sensuctl create` creates or replaces; it does not delete resources removed
 * from the model (docs/kubernetes.md).
 *
 * sensu/bin/ (the delivery check's script and its configuration) runs on the
 * Sensu agent of an aggregator node, not in the backend: it is packaged in the
 * ConfigMap `sensu-bin` for an agent pod to mount at backends.sensu.install_dir.
 */
import type { Chart } from 'cdk8s';
import { EnvValue, Probe, Secret, Volume, type ContainerProps } from 'cdk8s-plus-27';
import { type KubeContext, filesUnder } from './context.js';
import { secretEnvValues, sensuEnvSecrets } from './secrets.js';
import { centralDeployment, centralService, configMap, podSecurity, resources, secs, unprivileged, volumeClaim } from './workload.js';

export const SENSU = 'sensu';
export const SENSU_BACKEND = 'sensu-backend';
export const SENSU_SECRET = 'sensu-secrets';
export const SENSU_PORTS = { api: 8080, agent: 8081, ui: 3000 } as const;
export const RESOURCES_DIR = '/etc/sensu/resources';
const STATE_DIR = '/var/lib/sensu';
const CACHE_DIR = '/var/cache/sensu';
/** The order the resources must be created in (docs/alerting.md): what a resource references first. */
const APPLY_ORDER = ['secrets.yml', 'filters.yml', 'handlers.yml', 'checks.yml'];
/**
 * The sensu/sensu image declares no USER, so it would run as root. The
 * backend needs no privilege (its ports are above 1024, it writes only to its
 * state and cache volumes), so it runs as nobody (65534, present in the
 * image's Alpine base); fsGroup makes the volumes writable by it.
 */
const NOBODY = 65534;

/** The resource files in the order sensuctl must create them: the known ones first, any other after, by name. */
export function applyOrder(names: Iterable<string>): string[] {
  const rank = (n: string): number => (APPLY_ORDER.includes(n) ? APPLY_ORDER.indexOf(n) : APPLY_ORDER.length);
  return [...names].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The sidecar's script. Values come from its environment (never from model
 * text spliced into the script): the admin credentials from the Secret, the
 * Sensu namespace from the model.
 */
function applyScript(files: readonly string[]): string {
  return [
    'set -eu',
    `until wget -q -O /dev/null http://127.0.0.1:${SENSU_PORTS.api}/health; do sleep 5; done`,
    `sensuctl configure --non-interactive --url http://127.0.0.1:${SENSU_PORTS.api} --username "$SENSU_BACKEND_CLUSTER_ADMIN_USERNAME" --password "$SENSU_BACKEND_CLUSTER_ADMIN_PASSWORD" --namespace default`,
    'if [ "$SENSU_NAMESPACE" != default ]; then sensuctl namespace create "$SENSU_NAMESPACE" || true; fi',
    `sensuctl create ${files.map((f) => `-f ${RESOURCES_DIR}/${f}`).join(' ')}`,
    'echo "applied: $(date)"',
    'while true; do sleep 3600; done',
  ].join('\n');
}

export function addSensu(chart: Chart, ctx: KubeContext): void {
  const all = filesUnder(ctx.files, `${SENSU}/`);
  const resourceFiles = new Map([...all].filter(([k]) => !k.includes('/')));
  const bin = filesUnder(all, 'bin/');
  if (resourceFiles.size === 0) return;
  const sensuBackend = ctx.nodes.find((n) => n.lma.backends.sensu.enabled) ?? ctx.nodes[0];

  const resourcesCm = configMap(chart, SENSU, `${SENSU}-resources`, resourceFiles);
  if (bin.size > 0) configMap(chart, SENSU, `${SENSU}-bin`, bin);
  const secret = Secret.fromSecretName(chart, `${SENSU}-secret-ref`, SENSU_SECRET);
  // The admin user `sensu-backend start` initializes the store with on its first start, and sensuctl logs in as.
  // Required, unlike the other secrets: a backend without it stays uninitialized, so the pod waits, naming the Secret.
  const admin = {
    SENSU_BACKEND_CLUSTER_ADMIN_USERNAME: EnvValue.fromSecretValue({ secret, key: 'SENSU_BACKEND_CLUSTER_ADMIN_USERNAME' }),
    SENSU_BACKEND_CLUSTER_ADMIN_PASSWORD: EnvValue.fromSecretValue({ secret, key: 'SENSU_BACKEND_CLUSTER_ADMIN_PASSWORD' }),
  };
  const claim = volumeClaim(chart, ctx, SENSU, `${SENSU_BACKEND}-data`, ctx.deploy.storage.sensu);

  const backend: ContainerProps = {
    name: SENSU_BACKEND,
    image: ctx.deploy.images.sensu,
    args: ['sensu-backend', 'start', '--state-dir', `${STATE_DIR}/sensu-backend`, '--cache-dir', `${CACHE_DIR}/sensu-backend`, '--log-level', 'warn'],
    // secrets.yml's Secrets use Sensu's `env` provider: the backend reads each from its environment, set here from its Secret key.
    envVariables: { ...admin, ...secretEnvValues(chart, sensuEnvSecrets(resourceFiles.get('secrets.yml'), ctx.secrets)) },
    ports: [
      { name: 'api', number: SENSU_PORTS.api },
      { name: 'agent', number: SENSU_PORTS.agent },
      { name: 'ui', number: SENSU_PORTS.ui },
    ],
    resources: resources(250, 512, 2000, 2048),
    securityContext: unprivileged(NOBODY, NOBODY),
    // etcd recovers its store before /health answers.
    startup: Probe.fromHttpGet('/health', { port: SENSU_PORTS.api, periodSeconds: secs(10), failureThreshold: 30, timeoutSeconds: secs(5) }),
    liveness: Probe.fromHttpGet('/health', { port: SENSU_PORTS.api, periodSeconds: secs(15), timeoutSeconds: secs(5), failureThreshold: 4 }),
    readiness: Probe.fromHttpGet('/health', { port: SENSU_PORTS.api, periodSeconds: secs(5), timeoutSeconds: secs(5), failureThreshold: 3 }),
    volumeMounts: [
      { path: STATE_DIR, volume: Volume.fromPersistentVolumeClaim(chart, `${SENSU_BACKEND}-data-volume`, claim, { name: 'data' }) },
      { path: CACHE_DIR, volume: Volume.fromEmptyDir(chart, `${SENSU_BACKEND}-cache-volume`, 'cache') },
    ],
  };
  const applier: ContainerProps = {
    name: 'apply-resources',
    image: ctx.deploy.images.sensu,
    command: ['/bin/sh', '-c', applyScript(applyOrder(resourceFiles.keys()))],
    envVariables: { ...admin, SENSU_NAMESPACE: EnvValue.fromValue(sensuBackend.lma.backends.sensu.namespace), HOME: EnvValue.fromValue('/tmp') },
    resources: resources(10, 32, 200, 128),
    securityContext: unprivileged(NOBODY, NOBODY),
    volumeMounts: [
      { path: RESOURCES_DIR, volume: Volume.fromConfigMap(chart, `${SENSU}-resources-volume`, resourcesCm, { name: 'resources' }), readOnly: true },
      // sensuctl keeps its login under $HOME.
      { path: '/tmp', volume: Volume.fromEmptyDir(chart, `${SENSU}-tmp-volume`, 'tmp') },
    ],
  };

  centralDeployment(chart, {
    component: SENSU,
    name: SENSU_BACKEND,
    configs: new Map([...resourceFiles].map(([k, v]) => [`${SENSU}/${k}`, v])),
    securityContext: podSecurity(NOBODY, NOBODY),
    containers: [backend, applier],
  });
  centralService(chart, SENSU, SENSU_BACKEND, [
    { name: 'api', port: SENSU_PORTS.api },
    { name: 'agent', port: SENSU_PORTS.agent },
    { name: 'ui', port: SENSU_PORTS.ui },
  ]);
}
