/**
 * alarms: out/<cluster>/alarms/afd.json and gse.json, the alarms and alarm
 * clusters as lmac resolved them (enabled triggers in order, normalized rules,
 * policies as data, cluster levels): target-neutral, for review and for other
 * rule engines. docs/alarms.md describes both files.
 */
import type { Generator } from '../../src/build/generator.js';
import { STATUS_CODE } from '../../src/alarms/status.js';
import { toJson } from '../../src/util/serialize.js';

export const alarmsGenerator: Generator = {
  name: 'alarms',
  description: 'resolved alarms (AFD) and alarm clusters (GSE) as JSON',
  generate(cluster) {
    const a = cluster.alarms;
    return [
      { path: 'alarms/afd.json', content: toJson({ environment: a.environment, status_codes: STATUS_CODE, nodes: a.nodes, remote: a.remote }) },
      { path: 'alarms/gse.json', content: toJson({ environment: a.environment, status_codes: STATUS_CODE, clusters: a.clusters }) },
    ];
  },
};
