/**
 * The envelope of a Sensu Go resource as `sensuctl create -f` reads it:
 * `type`, `api_version`, `metadata: {name, namespace}`, `spec`
 * (https://docs.sensu.io/sensu-go/latest/sensuctl/create-manage-resources/).
 */
import { toYamlInOrder } from '../../src/util/serialize.js';

export interface SensuResource {
  type: 'Handler' | 'EventFilter' | 'CheckConfig' | 'Secret';
  api_version: 'core/v2' | 'secrets/v1';
  metadata: { name: string; namespace: string; annotations?: Record<string, string> };
  spec: Record<string, unknown>;
}

/** Names lmac gives its own Sensu resources; the model may not take them. */
export const NOOP_HANDLER = 'lma_noop';
export const DELIVERY_CHECK = 'lma_alerts';
export const STATE_CHANGE_FILTER = 'lma_state_change';

export function resource(type: SensuResource['type'], name: string, namespace: string, spec: Record<string, unknown>, annotations?: Record<string, string>): SensuResource {
  const metadata: SensuResource['metadata'] = { name, namespace };
  if (annotations && Object.keys(annotations).length > 0) metadata.annotations = annotations;
  return { type, api_version: type === 'Secret' ? 'secrets/v1' : 'core/v2', metadata, spec };
}

/** One YAML document per resource, in the given (sorted) order. */
export function resourcesFile(header: string, resources: readonly SensuResource[]): string {
  return header + resources.map((r) => '---\n' + toYamlInOrder(r)).join('');
}
