/**
 * Pods get the service account's files and RBAC exactly when an input of
 * theirs authenticates as the pod (k8s-demo: the masters scrape the API
 * server's /metrics with the pod's token; the remote collector checks the API
 * server over TLS with the service account's CA).
 */
import { describe, expect, it } from 'vitest';
import { GENERATORS } from '../../generators/index.js';
import { buildCluster } from '../../src/build/pipeline.js';
import { ROOT } from '../helpers/tools.js';
import { kubeObjects, type KubeObj, type PodTemplate } from './k8s-objects.js';

const build = buildCluster(ROOT, 'k8s-demo', GENERATORS);
const objects: KubeObj[] = kubeObjects(build.files).map((o) => o.obj);
const pod = (kind: string, name: string): PodTemplate['spec'] | undefined =>
  (objects.find((o) => o.kind === kind && o.metadata.name === name) as { spec?: { template?: PodTemplate } } | undefined)?.spec?.template?.spec;

describe('GIVEN the k8s-demo domain', () => {
  it('THEN it builds without errors', () => {
    expect(build.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('WHEN a master scrapes the API server with the pod token THEN its Telegraf pod mounts the token and its ClusterRole grants GET /metrics', () => {
    expect(pod('DaemonSet', 'telegraf-ctl01')?.automountServiceAccountToken).toBe(true);
    const role = objects.find((o) => o.kind === 'ClusterRole' && o.metadata.name.endsWith('-telegraf')) as { rules?: Record<string, string[]>[] } | undefined;
    expect(role?.rules).toContainEqual({ nonResourceURLs: ['/metrics'], verbs: ['get'] });
  });

  // The kubelet authorizes GET /metrics on :10250 as the resource nodes/metrics, not as a non-resource URL
  // (Kubernetes docs, "Kubelet authentication/authorization": request path to subresource).
  it("WHEN a node scrapes its kubelet's /metrics with the pod token THEN the ClusterRole grants get on nodes/metrics", () => {
    const role = objects.find((o) => o.kind === 'ClusterRole' && o.metadata.name.endsWith('-telegraf')) as { rules?: Record<string, string[]>[] } | undefined;
    expect(role?.rules).toContainEqual({ apiGroups: [''], resources: ['nodes', 'nodes/metrics'], verbs: ['get'] });
  });

  it('WHEN the remote collector checks the API server with the service account CA THEN its pod mounts the service account files', () => {
    expect(pod('Deployment', 'remote-collector')?.automountServiceAccountToken).toBe(true);
  });

  it('WHEN a pod runs no input that names them THEN no token is mounted', () => {
    expect(pod('DaemonSet', 'fluent-bit-ctl01')?.automountServiceAccountToken).toBe(false);
    expect(pod('Deployment', 'grafana')?.automountServiceAccountToken).toBe(false);
  });
});
