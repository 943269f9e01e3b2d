/**
 * Every output generator, in one explicit list (no discovery by name). A
 * generator's output lands in out/<cluster>/<generator name>/.
 */
import type { Generator } from '../src/build/generator.js';
import { alarmsGenerator } from './alarms/index.js';
import { alertmanagerGenerator } from './alertmanager/index.js';
import { collectorsGenerator, remoteCollectorGenerator } from './collectors/index.js';
import { inventoryGenerator } from './inventory/index.js';
import { kubernetesGenerator } from './kubernetes/index.js';
import { grafanaGenerator } from './grafana/index.js';
import { nagiosGenerator } from './nagios/index.js';
import { prometheusGenerator } from './prometheus/index.js';
import { sensuGenerator } from './sensu/index.js';

export const GENERATORS: readonly Generator[] = [
  inventoryGenerator,
  collectorsGenerator,
  remoteCollectorGenerator,
  alarmsGenerator,
  prometheusGenerator,
  alertmanagerGenerator,
  grafanaGenerator,
  sensuGenerator,
  nagiosGenerator,
  kubernetesGenerator,
];
