/**
 * StackLight statuses on dashboards: the codes lma_afd_status and
 * lma_gse_status carry (docs/alarms.md) shown as StackLight's short names,
 * each with its colour.
 */
import { MappingType, type ValueMapping } from '@grafana/grafana-foundation-sdk/dashboard';
import { SEVERITIES, STATUS_CODE, STATUS_SHORT } from '../../src/alarms/status.js';
import type { Severity } from '../../src/model/lma-types.js';

export const STATUS_COLOR: Readonly<Record<Severity, string>> = { okay: 'green', warning: 'yellow', unknown: 'purple', critical: 'red', down: 'dark-red' };

export function statusMappings(): ValueMapping[] {
  const options: Record<string, { text: string; color: string; index: number }> = {};
  for (const s of SEVERITIES) options[String(STATUS_CODE[s])] = { text: STATUS_SHORT[s], color: STATUS_COLOR[s], index: STATUS_CODE[s] };
  return [{ type: MappingType.ValueToText, options }];
}
