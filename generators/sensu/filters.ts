/**
 * Event filters of StackLight's notification rule: notify when an alarm or
 * cluster turns non-OK, when its status changes, and when it recovers; not on
 * every repeated result (the delivery check reports each status every interval).
 */
import { resource, STATE_CHANGE_FILTER, type SensuResource } from './resource.js';

/** Filters built into Sensu Go (https://docs.sensu.io/sensu-go/latest/observability-pipeline/observe-filter/filters/#built-in-filters). */
export const BUILTIN_FILTERS = ['has_metrics', 'is_incident', 'not_silenced'] as const;

/** Filters of a pipe, tcp or udp handler that names none. */
export const DEFAULT_FILTERS = ['is_incident', 'not_silenced', STATE_CHANGE_FILTER] as const;

export function filterResources(namespace: string): SensuResource[] {
  return [
    // `occurrences` counts the events in a row with the same status, so 1 is a change.
    resource('EventFilter', STATE_CHANGE_FILTER, namespace, { action: 'allow', expressions: ['event.check.occurrences == 1'] }, { description: 'only the first event of each status (a status change)' }),
  ];
}

export function knownFilter(name: string): boolean {
  return name === STATE_CHANGE_FILTER || (BUILTIN_FILTERS as readonly string[]).includes(name);
}
