/**
 * kubernetes: out/<cluster>/kubernetes/, the manifests that deploy the
 * domain's LMA stack, synthesized in-process with cdk8s and cdk8s-plus-27
 * (no cdk8s CLI). Each component builder adds its objects to one chart;
 * manifests.ts writes them as files with a kustomization. Components are
 * listed here, in one explicit list.
 */
import { App, Chart } from 'cdk8s';
import { Namespace } from 'cdk8s-plus-27';
import type { Generator } from '../../src/build/generator.js';
import { lmaNodes } from '../../src/model/node-model.js';
import { addAlertmanager } from './alertmanager.js';
import { addCollectors } from './collectors.js';
import { componentLabels, type Component, type KubeContext } from './context.js';
import { addGrafana } from './grafana.js';
import { manifestFiles, type KubeObject } from './manifests.js';
import { addPrometheus } from './prometheus.js';
import { addRemoteCollector } from './remote-collector.js';
import { domainSecretSources } from './secrets.js';
import { addSensu } from './sensu.js';

const COMPONENTS: readonly Component[] = [addCollectors, addRemoteCollector, addPrometheus, addAlertmanager, addGrafana, addSensu];

export const kubernetesGenerator: Generator = {
  name: 'kubernetes',
  description: 'Kubernetes manifests of the LMA stack (cdk8s), with a kustomization',
  generate(cluster, gctx) {
    const nodes = lmaNodes(cluster.nodes);
    if (nodes.length === 0) return [];
    const deploy = nodes[0].lma.deploy;
    const secrets = domainSecretSources(nodes, gctx.report);
    const ctx: KubeContext = { cluster, nodes, files: gctx.previous, deploy, namespace: deploy.namespace, environment: nodes[0].lma.environment, secrets, report: gctx.report };
    // Names are set on every object: no hashes, so names and selectors stay stable.
    const app = new App();
    const chart = new Chart(app, cluster.name, { namespace: ctx.namespace, disableResourceNameHashes: true });
    new Namespace(chart, 'namespace', { metadata: { name: ctx.namespace, labels: componentLabels('namespace') } });
    for (const add of COMPONENTS) add(chart, ctx);
    return manifestFiles(chart.toJson() as KubeObject[]);
  },
};
