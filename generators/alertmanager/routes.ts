/**
 * The routing tree of alertmanager.yml, keyed on the labels lmac's alerts carry
 * (generators/prometheus/alert-rules.ts): `alerting="enabled"` alerts go to a
 * receiver without configs (StackLight's no-op handler: an event, no
 * notification); an alert with `handler="X"` goes to receiver X; everything
 * else (no handler label, or one no handler defines) falls back to the
 * receiver of the `default` handler.
 */

/**
 * The receiver of alerts without notification. Its name is outside the handler
 * name pattern (`^[a-z0-9][a-z0-9_-]*$`), so no handler can take it.
 */
export const NULL_RECEIVER = '_null';

/**
 * One notification per alarm or cluster per domain: `alertname` is the alarm's
 * or cluster's name; `cluster` (on cluster alerts, from lma_gse_status) keeps
 * two clusters apart whose names differ only where alert names replace
 * characters; `environment` is the domain. A node alarm firing on several
 * hosts is one notification listing them (each alert keeps its `hostname`).
 */
export const GROUP_BY = ['environment', 'cluster', 'alertname'];

export interface Route {
  receiver: string;
  matchers?: string[];
  group_by?: string[];
  routes?: Route[];
}

/** A matcher `label="value"`, with the value quoted as Alertmanager reads it. */
function eq(label: string, value: string): string {
  return `${label}=${JSON.stringify(value)}`;
}

export function rootRoute(handlerNames: readonly string[], hasDefault: boolean): Route {
  return {
    receiver: hasDefault ? 'default' : NULL_RECEIVER,
    group_by: GROUP_BY,
    routes: [
      { receiver: NULL_RECEIVER, matchers: [eq('alerting', 'enabled')] },
      ...[...handlerNames].sort().map((h) => ({ receiver: h, matchers: [eq('handler', h)] })),
    ],
  };
}
