/**
 * collectors: out/<cluster>/collectors/<node>/, the configs of each node's
 * collectors:
 *   telegraf.conf     the metric collector (metric_collector), or
 *   collectd.conf     with legacy_collector
 *   fluent-bit.conf, parsers.conf   the log collector (log_collector)
 * remote-collector: out/<cluster>/remote-collector/, once per domain:
 *   telegraf.conf        remote-scoped inputs (checks through VIPs)
 *   kafka-consumer.conf  with backends.kafka: metrics from Kafka to InfluxDB
 */
import { isDeepStrictEqual } from 'node:util';
import type { Artifact, Generator, GeneratorContext } from '../../src/build/generator.js';
import { Codes, error, warning } from '../../src/diagnostics/index.js';
import type { Input } from '../../src/model/lma-types.js';
import { lmaNodes, type LmaNode, type NodeModel } from '../../src/model/node-model.js';
import { locateValue } from '../../src/validate/locate.js';
import { collectdConf } from './collectd.js';
import { fluentBitConf } from './fluent-bit.js';
import { UnrepresentableValue } from './formats/errors.js';
import { nodeLabels, type CollectorNode } from './node.js';
import { kafkaConsumerConf, METRIC_COLLECTOR_LISTEN, REMOTE_COLLECTOR_LISTEN, telegrafConf } from './telegraf.js';


/** Runs one file's rendering; a value the format cannot hold is reported at its place in the model. */
function attempt(ctx: GeneratorContext, node: NodeModel, file: string, make: () => string, owner: (path: (string | number)[]) => NodeModel = () => node): string | null {
  try {
    return make();
  } catch (e) {
    if (!(e instanceof UnrepresentableValue)) throw e;
    const at = owner(e.path);
    const where = locateValue(at, e.path);
    ctx.report(error(e.code, `${file} of ${node.name}: ${e.message}`, where.location, where.related));
    return null;
  }
}

export function collectorNode(n: LmaNode): CollectorNode {
  return { name: n.name, lma: n.lma, labels: nodeLabels(n), model: n };
}

export const collectorsGenerator: Generator = {
  name: 'collectors',
  description: "each node's metric and log collector configs (Telegraf or collectd, Fluent Bit)",
  generate(cluster, ctx) {
    const out: Artifact[] = [];
    for (const n of lmaNodes(cluster.nodes)) {
      const node = collectorNode(n);
      const { roles, backends } = n.lma;
      if (roles.metric_collector && !roles.legacy_collector) {
        const inputs = Object.entries(n.lma.inputs)
          .filter(([, i]) => i.enabled && i.scope === 'node')
          .map(([name, input]) => ({ name, input, path: ['lma', 'inputs', name] }));
        const text = attempt(ctx, n, 'telegraf.conf', () => telegrafConf({ title: `the metric collector of ${n.name}`, tags: node.labels, inputs, backends, secrets: n.lma.secrets, listen: METRIC_COLLECTOR_LISTEN }));
        if (text !== null) out.push({ path: `collectors/${n.name}/telegraf.conf`, content: text });
      }
      if (roles.metric_collector && roles.legacy_collector) {
        const text = attempt(ctx, n, 'collectd.conf', () => {
          const c = collectdConf(node, backends);
          for (const u of c.unsupported) {
            const where = locateValue(n, ['lma', 'inputs', u.input]);
            ctx.report({ ...warning(Codes.INPUT_UNSUPPORTED, `input ${u.input} (${u.plugin}) of ${n.name} is not collected: ${u.reason} (legacy_collector)`, where.location), ...(where.related.length > 0 ? { related: where.related } : {}) });
          }
          return c.text;
        });
        if (text !== null) out.push({ path: `collectors/${n.name}/collectd.conf`, content: text });
      }
      if (roles.log_collector) {
        let parsers: string | null = null;
        const conf = attempt(ctx, n, 'fluent-bit.conf', () => {
          const f = fluentBitConf(node, backends);
          parsers = f['parsers.conf'];
          return f['fluent-bit.conf'];
        });
        if (conf !== null && parsers !== null) out.push({ path: `collectors/${n.name}/fluent-bit.conf`, content: conf }, { path: `collectors/${n.name}/parsers.conf`, content: parsers });
      }
    }
    return out;
  },
};

export const remoteCollectorGenerator: Generator = {
  name: 'remote-collector',
  description: "the domain's remote collector (checks through VIPs) and Kafka consumer",
  generate(cluster, ctx) {
    const nodes = lmaNodes(cluster.nodes);
    const host = nodes.find((n) => n.lma.roles.remote_collector);
    const out: Artifact[] = [];
    if (!host) return out;
    // Remote inputs come from every node's services; the same name must mean the same check.
    const inputs: { name: string; input: Input; path: (string | number)[]; node: LmaNode }[] = [];
    for (const n of nodes) {
      for (const [name, input] of Object.entries(n.lma.inputs)) {
        if (!input.enabled || input.scope !== 'remote') continue;
        const seen = inputs.find((x) => x.name === name);
        if (!seen) inputs.push({ name, input, path: ['lma', 'inputs', name], node: n });
        else if (!isDeepStrictEqual(seen.input, input)) {
          const where = locateValue(n, ['lma', 'inputs', name]);
          ctx.report(error(Codes.DOMAIN_CONFLICT, `remote input ${name} differs between nodes ${seen.node.name} and ${n.name}; the remote collector runs it once per domain`, where.location, where.related));
        }
      }
    }
    const labels = { environment: host.lma.environment, ...(host.lma.region ? { region: host.lma.region } : {}), ...(host.lma.availability_zone ? { availability_zone: host.lma.availability_zone } : {}) };
    const text = attempt(ctx, host, 'remote-collector/telegraf.conf', () => telegrafConf({ title: `the remote collector of ${cluster.name} (runs on ${host.name})`, tags: labels, inputs, backends: host.lma.backends, secrets: host.lma.secrets, listen: REMOTE_COLLECTOR_LISTEN }), (path) => inputs.find((x) => path[0] === 'lma' && path[1] === 'inputs' && path[2] === x.name)?.node ?? host);
    if (text !== null) out.push({ path: 'remote-collector/telegraf.conf', content: text });
    if (host.lma.backends.kafka.enabled) {
      const k = attempt(ctx, host, 'remote-collector/kafka-consumer.conf', () => kafkaConsumerConf(host.lma.backends, host.lma.secrets));
      if (k !== null) out.push({ path: 'remote-collector/kafka-consumer.conf', content: k });
    }
    return out;
  },
};
