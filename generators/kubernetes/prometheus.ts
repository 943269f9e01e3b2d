/**
 * Prometheus on Kubernetes: the domain's rules and scrape config
 * (out/<cluster>/prometheus/) in ConfigMaps, one Prometheus pod with its TSDB
 * on a volume claim, and a Service on :9090.
 *
 * Layout in the container: prometheus.yml at /etc/prometheus/prometheus.yml;
 * its `rule_files` (rules/*.yml) and `file_sd_configs` (targets/*.json) are
 * relative to the config file's directory, so each subdirectory of
 * prometheus/ is a ConfigMap mounted at /etc/prometheus/<subdirectory>.
 * prometheus/tests/ holds promtool's unit tests: not deployed.
 */
import { ApiObject, JsonPatch, type Chart } from 'cdk8s';
import { Probe, Volume, type VolumeMount } from 'cdk8s-plus-27';
import { type KubeContext, filesUnder } from './context.js';
import { centralDeployment, centralService, configMap, configMapChunks, podSecurity, resources, secs, unprivileged, volumeClaim } from './workload.js';

export const PROMETHEUS = 'prometheus';
export const PROMETHEUS_PORT = 9090;
export const PROMETHEUS_CONFIG_DIR = '/etc/prometheus';
const DATA_DIR = '/prometheus';
/** Subdirectories of prometheus/ that the server reads (the rest, tests/, is for CI). */
const DEPLOYED_DIRS = ['rules', 'targets'] as const;
/** The image's user (USER nobody in its Dockerfile). */
const NOBODY = 65534;

export function addPrometheus(chart: Chart, ctx: KubeContext): void {
  const files = filesUnder(ctx.files, `${PROMETHEUS}/`);
  const config = files.get('prometheus.yml');
  if (config === undefined) return;
  const configs = new Map<string, string>([[`${PROMETHEUS}/prometheus.yml`, config]]);

  const main = configMap(chart, PROMETHEUS, `${PROMETHEUS}-config`, new Map([['prometheus.yml', config]]));
  const mainVolume = Volume.fromConfigMap(chart, `${PROMETHEUS}-config-volume`, main, { name: 'config' });
  const mounts: VolumeMount[] = [{ path: `${PROMETHEUS_CONFIG_DIR}/prometheus.yml`, volume: mainVolume, subPath: 'prometheus.yml', readOnly: true }];
  // A directory too large for one ConfigMap (a big library's rules) is several, projected into one volume.
  const projected: { dir: string; names: string[] }[] = [];
  for (const dir of DEPLOYED_DIRS) {
    const inDir = filesUnder(files, `${dir}/`);
    if (inDir.size === 0) continue;
    for (const [k, v] of inDir) configs.set(`${PROMETHEUS}/${dir}/${k}`, v);
    const chunks = configMapChunks(inDir);
    if (chunks.length === 1) {
      const cm = configMap(chart, PROMETHEUS, `${PROMETHEUS}-${dir}`, inDir);
      mounts.push({ path: `${PROMETHEUS_CONFIG_DIR}/${dir}`, volume: Volume.fromConfigMap(chart, `${PROMETHEUS}-${dir}-volume`, cm, { name: dir }), readOnly: true });
    } else {
      const names = chunks.map((chunk, i) => configMap(chart, PROMETHEUS, `${PROMETHEUS}-${dir}-${i + 1}`, chunk).name);
      projected.push({ dir, names });
    }
  }

  // A volume claim, not an emptyDir: every config change rolls the pod (the
  // checksum annotation), and an emptyDir would lose all samples each time.
  const claim = volumeClaim(chart, ctx, PROMETHEUS, `${PROMETHEUS}-data`, ctx.deploy.storage.prometheus);
  mounts.push({ path: DATA_DIR, volume: Volume.fromPersistentVolumeClaim(chart, `${PROMETHEUS}-data-volume`, claim, { name: 'data' }) });

  const retention = ctx.nodes[0].lma.backends.prometheus.retention;
  const deployment = centralDeployment(chart, {
    component: PROMETHEUS,
    name: PROMETHEUS,
    configs,
    securityContext: podSecurity(NOBODY, NOBODY),
    containers: [
      {
        name: PROMETHEUS,
        image: ctx.deploy.images.prometheus,
        args: [
          `--config.file=${PROMETHEUS_CONFIG_DIR}/prometheus.yml`,
          `--storage.tsdb.path=${DATA_DIR}`,
          `--storage.tsdb.retention.time=${retention}`,
          `--web.listen-address=:${PROMETHEUS_PORT}`,
        ],
        ports: [{ name: 'http', number: PROMETHEUS_PORT }],
        resources: resources(250, 1024, 2000, 4096),
        // Prometheus writes only to its TSDB volume.
        securityContext: unprivileged(NOBODY, NOBODY),
        // Replaying a large write-ahead log takes minutes: the startup probe holds the liveness probe off until then.
        startup: Probe.fromHttpGet('/-/ready', { port: PROMETHEUS_PORT, periodSeconds: secs(10), failureThreshold: 60, timeoutSeconds: secs(5) }),
        liveness: Probe.fromHttpGet('/-/healthy', { port: PROMETHEUS_PORT, periodSeconds: secs(15), timeoutSeconds: secs(5), failureThreshold: 4 }),
        readiness: Probe.fromHttpGet('/-/ready', { port: PROMETHEUS_PORT, periodSeconds: secs(5), timeoutSeconds: secs(5), failureThreshold: 3 }),
        volumeMounts: mounts,
      },
    ],
  });
  for (const { dir, names } of projected) {
    ApiObject.of(deployment).addJsonPatch(
      JsonPatch.add('/spec/template/spec/volumes/-', { name: dir, projected: { sources: names.map((name) => ({ configMap: { name } })) } }),
      JsonPatch.add('/spec/template/spec/containers/0/volumeMounts/-', { name: dir, mountPath: `${PROMETHEUS_CONFIG_DIR}/${dir}`, readOnly: true }),
    );
  }
  centralService(chart, PROMETHEUS, PROMETHEUS, [{ name: 'http', port: PROMETHEUS_PORT }]);
}
