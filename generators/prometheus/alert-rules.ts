/**
 * Alerting rules for alerting-enabled alarms and clusters: an alert while the
 * status is not OKAY, labelled for routing (severity, handler, environment,
 * nagios_host) and annotated with StackLight's readable message.
 */
import type { AlarmGroup, ResolvedAlarm, ResolvedCluster, ResolvedRule } from '../../src/alarms/resolve.js';
import { STATUS_CODE, STATUS_SHORT, SEVERITIES } from '../../src/alarms/status.js';
import type { AlertingRule, RuleGroup } from './afd-rules.js';
import { num, selector } from './promql.js';

/** Model text inside an alert template is text, never template code. */
export function templateText(s: string): string {
  return s.replace(/\{\{/g, '{{ "{{" }}');
}

/** A Go template mapping the status code ($value) to a name. */
function statusTemplate(name: (s: (typeof SEVERITIES)[number]) => string): string {
  const branches = SEVERITIES.filter((s) => s !== 'okay').map((s, i) => `{{ ${i === 0 ? 'if' : 'else if'} eq $value ${STATUS_CODE[s].toFixed(1)} }}${name(s)}`);
  return `${branches.join('')}{{ else }}${name('okay')}{{ end }}`;
}

/** A valid alert name: a-z, 0-9 and _ (model names may hold `-` or start with a digit). */
export function alertName(name: string): string {
  const s = name.replace(/[^a-zA-Z0-9_]/g, '_');
  return /^[0-9]/.test(s) ? `_${s}` : s;
}

/** StackLight's notation of a rule: `max(hdd_errors_rate[device="sda"])>0`. */
export function ruleText(r: ResolvedRule): string {
  const fields = Object.keys(r.field).sort().map((k) => `${k}="${r.field[k]}"`);
  const metric = r.value ? `${r.metric}.${r.value}` : r.metric;
  return `${r.function}(${metric}${fields.length ? `[${fields.join(',')}]` : ''})${r.relational_operator}${num(r.threshold)}`;
}

function routing(alerting: ResolvedAlarm['alerting'], handler: string): Record<string, string> {
  // `enabled`: an event with no notification; `enabled_with_notification`: to the handler.
  return alerting === 'enabled_with_notification' ? { alerting, handler } : { alerting };
}

/**
 * The alert of an alarm, over all its definitions. An alarm defined
 * differently on some nodes names, in its message, the rules that node
 * really evaluates: a template branch per definition (one alert rule, as two
 * with the same name and labels would be duplicates).
 */
export function alarmAlert(defs: readonly AlarmGroup[], environment: string): AlertingRule {
  const a = defs[0].alarm;
  const where = a.scope === 'node' ? ', host={{ $labels.hostname }}' : '';
  const rulesOf = (x: ResolvedAlarm): string => templateText(x.triggers.flatMap((t) => t.rules.map(ruleText)).join(' | '));
  const rules =
    defs.length === 1
      ? rulesOf(a)
      : defs.map((g, i) => `{{ ${i === 0 ? 'if' : 'else if'} eq $labels.hostname ${g.hosts.map((h) => JSON.stringify(h)).join(' ')} }}${rulesOf(g.alarm)}`).join('') + '{{ end }}';
  return {
    alert: alertName(a.name),
    expr: `${selector('lma_afd_status', [{ label: 'alarm', op: '=', value: a.name }, { label: 'environment', op: '=', value: environment }])} != ${STATUS_CODE.okay}`,
    labels: {
      severity: statusTemplate((s) => s),
      environment,
      ...routing(a.alerting, a.handler),
      nagios_host: a.dimension.nagios_host ?? (a.scope === 'node' ? '{{ $labels.hostname }}' : '00-clusters'),
    },
    annotations: {
      summary: `${templateText(a.name)} is ${statusTemplate((s) => STATUS_SHORT[s])}${a.scope === 'node' ? ' on {{ $labels.hostname }}' : ''}`,
      description: templateText(`${a.description || a.name} (`) + statusTemplate((s) => STATUS_SHORT[s]) + `, rule='${rules}'` + `${where})`,
    },
  };
}

export function clusterAlert(c: ResolvedCluster, environment: string): AlertingRule {
  return {
    alert: alertName(c.name),
    expr: `${selector('lma_gse_status', [{ label: 'cluster', op: '=', value: c.name }, { label: 'environment', op: '=', value: environment }])} != ${STATUS_CODE.okay}`,
    labels: { severity: statusTemplate((s) => s), environment, ...routing(c.alerting, c.handler), nagios_host: c.dimension.nagios_host ?? '00-clusters' },
    annotations: {
      summary: `${templateText(c.name)} is ${statusTemplate((s) => STATUS_SHORT[s])}`,
      description: templateText(`${c.description || c.name} (`) + statusTemplate((s) => STATUS_SHORT[s]) + templateText(`, policy=${c.policy}, members=${c.members.map((m) => m.name).join(',')})`),
    },
  };
}

/** Alerts of the alarms (definitions sorted by alarm name) and of the clusters. */
export function alertsGroup(alarms: readonly AlarmGroup[], clusters: readonly ResolvedCluster[], environment: string): RuleGroup {
  const rules: AlertingRule[] = [];
  const byName = new Map<string, AlarmGroup[]>();
  for (const g of alarms) byName.set(g.alarm.name, [...(byName.get(g.alarm.name) ?? []), g]);
  for (const defs of byName.values()) if (defs[0].alarm.alerting !== 'disabled') rules.push(alarmAlert(defs, environment));
  for (const c of clusters) if (c.alerting !== 'disabled') rules.push(clusterAlert(c, environment));
  return { name: 'lma:alerts', rules };
}
