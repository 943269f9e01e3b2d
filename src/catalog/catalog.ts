/**
 * The catalogue of the shipped model library (`lmac catalog`): every service
 * of models/service/<svc>/ with its classes, inputs, metrics, triggers (with
 * thresholds and the reason for them), alarms, alarm clusters, dashboards and
 * Sensu checks, and the system classes that compose them. Pure: it reads the
 * class files' parsed `parameters.lma` as written (before any merge), which
 * is what the library ships; a node's merged view is `lmac explain`.
 */

/** One class file of the library, parsed. */
export interface LibraryClass {
  /** Class name (`service.nova.controller`). */
  name: string;
  /** Path relative to the repository root (`models/service/nova/controller.yml`). */
  file: string;
  /** The first line of the file's `# class <name>: ...` header, after the colon. */
  summary: string;
  applications: string[];
  classes: string[];
  /** parameters.lma as written, or {} */
  lma: Record<string, unknown>;
}

export interface CatalogRule {
  metric: string;
  function: string;
  operator: string;
  threshold: unknown;
  window: unknown;
  periods: unknown;
  field: Record<string, unknown>;
  /** The rule as one line: `avg(cpu_usage_idle) <= 5 over 120 s`. */
  text: string;
}

export interface CatalogTrigger {
  name: string;
  severity: string;
  description: string;
  logical_operator: string;
  no_data_policy: string;
  rules: CatalogRule[];
}

export interface CatalogAlarm {
  name: string;
  scope: string;
  dimension: Record<string, unknown>;
  triggers: string[];
}

export interface CatalogCluster {
  name: string;
  description: string;
  policy: string;
  group_by: string;
  members: string[];
  alerting: string;
  dimension: Record<string, unknown>;
}

export interface CatalogDashboard {
  name: string;
  title: string;
  description: string;
  datasource: string;
  panels: number;
}

export interface CatalogMetric {
  name: string;
  type: string;
  unit: string;
  description: string;
  /** The input or log producing it, or '' for a derived metric. */
  source: string;
  derived: string;
}

export interface CatalogInput {
  name: string;
  plugin: string;
  scope: string;
  /** What a prometheus input scrapes (src/collectors/exporters/), or empty. */
  exporter: string;
}

export interface CatalogCheck {
  name: string;
  command: string;
  description: string;
}

export interface ServiceEntry {
  service: string;
  classes: { name: string; file: string; summary: string }[];
  inputs: CatalogInput[];
  logs: string[];
  metrics: CatalogMetric[];
  triggers: CatalogTrigger[];
  alarms: CatalogAlarm[];
  clusters: CatalogCluster[];
  dashboards: CatalogDashboard[];
  checks: CatalogCheck[];
}

export interface SystemEntry {
  name: string;
  file: string;
  summary: string;
  classes: string[];
  clusters: CatalogCluster[];
}

export interface Catalog {
  services: number;
  triggers: number;
  alarms: number;
  clusters: number;
  dashboards: number;
  checks: number;
  /** Alarm clusters by policy. */
  policies: Record<string, number>;
  library: ServiceEntry[];
  system: SystemEntry[];
}

type Dict = Record<string, unknown>;

function dict(v: unknown): Dict {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Dict) : {};
}

function text(v: unknown, fallback = ''): string {
  if (v === undefined || v === null) return fallback;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.map((x) => text(x)) : [];
}

/** Items of a flat lma section that are not disabled, sorted by name. */
function items(lma: Dict, section: string): [string, Dict][] {
  return Object.entries(dict(lma[section]))
    .map(([k, v]): [string, Dict] => [k, dict(v)])
    .filter(([, v]) => v.enabled !== false)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function ruleText(r: Dict): string {
  const field = Object.entries(dict(r.field)).map(([k, v]) => `${k}${/^\s*(==|!=|=~|!~|<|>)/.test(text(v)) ? ' ' : '='}${text(v)}`);
  const groupBy = strings(r.group_by);
  const sel = field.length > 0 ? `{${field.join(', ')}}` : '';
  const window = r.window === undefined ? 10 : r.window;
  const periods = r.periods === undefined || r.periods === 0 ? '' : ` x ${text(r.periods)}`;
  const by = groupBy.length > 0 ? ` by ${groupBy.join(', ')}` : '';
  return `${text(r.function)}(${text(r.metric)}${sel})${by} ${text(r.relational_operator)} ${text(r.threshold)} over ${text(window)} s${periods}`;
}

function trigger(name: string, t: Dict): CatalogTrigger {
  return {
    name,
    severity: text(t.severity),
    description: text(t.description),
    logical_operator: text(t.logical_operator, 'or'),
    no_data_policy: text(t.no_data_policy, 'skip'),
    rules: (Array.isArray(t.rules) ? t.rules : []).map((x) => {
      const r = dict(x);
      return {
        metric: text(r.metric),
        function: text(r.function),
        operator: text(r.relational_operator),
        threshold: r.threshold ?? null,
        window: r.window ?? null,
        periods: r.periods ?? null,
        field: dict(r.field),
        text: ruleText(r),
      };
    }),
  };
}

function cluster(name: string, c: Dict): CatalogCluster {
  return {
    name,
    description: text(c.description),
    policy: text(c.policy),
    group_by: text(c.group_by),
    members: strings(c.members),
    alerting: text(c.alerting, 'enabled_with_notification'),
    dimension: dict(c.dimension),
  };
}

function countPanels(d: Dict): number {
  let n = Object.keys(dict(d.panels)).length;
  for (const row of Object.values(dict(d.rows))) n += Object.keys(dict(dict(row).panels)).length;
  return n;
}

/** The service a library class belongs to: models/service/<svc>/... */
function serviceOf(c: LibraryClass): string | null {
  const m = /^service\.([^.]+)\./.exec(c.name);
  return m ? m[1] : null;
}

/**
 * Builds the catalogue. An item defined in several classes (a cluster shared by
 * two roles of a service) is listed and counted once, under the first class
 * in name order that defines it.
 */
export function buildCatalog(classes: readonly LibraryClass[]): Catalog {
  const sorted = [...classes].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const services = new Map<string, ServiceEntry>();
  const system: SystemEntry[] = [];
  const seen = new Map<string, Set<string>>();
  const first = (section: string, name: string): boolean => {
    const s = seen.get(section) ?? new Set<string>();
    seen.set(section, s);
    if (s.has(name)) return false;
    s.add(name);
    return true;
  };
  for (const c of sorted) {
    const svc = serviceOf(c);
    const clusters = items(c.lma, 'clusters').filter(([n]) => first('clusters', n)).map(([n, v]) => cluster(n, v));
    if (svc === null) {
      system.push({ name: c.name, file: c.file, summary: c.summary, classes: c.classes, clusters });
      continue;
    }
    const e =
      services.get(svc) ??
      ({ service: svc, classes: [], inputs: [], logs: [], metrics: [], triggers: [], alarms: [], clusters: [], dashboards: [], checks: [] } satisfies ServiceEntry);
    services.set(svc, e);
    e.classes.push({ name: c.name, file: c.file, summary: c.summary });
    e.clusters.push(...clusters);
    for (const [n, v] of items(c.lma, 'inputs')) if (first('inputs', n)) e.inputs.push({ name: n, plugin: text(v.plugin), scope: text(v.scope, 'node'), exporter: text(v.exporter) });
    for (const [n] of items(c.lma, 'logs')) if (first('logs', n)) e.logs.push(n);
    for (const [n, v] of items(c.lma, 'metrics')) {
      if (first('metrics', n)) e.metrics.push({ name: n, type: text(v.type), unit: text(v.unit), description: text(v.description), source: text(v.source), derived: text(v.derived) });
    }
    for (const [n, v] of items(c.lma, 'triggers')) if (first('triggers', n)) e.triggers.push(trigger(n, v));
    for (const [n, v] of items(c.lma, 'alarms')) {
      if (first('alarms', n)) e.alarms.push({ name: n, scope: text(v.scope, 'node'), dimension: dict(v.dimension), triggers: strings(v.triggers) });
    }
    for (const [n, v] of items(c.lma, 'dashboards')) {
      if (first('dashboards', n)) e.dashboards.push({ name: n, title: text(v.title, n), description: text(v.description), datasource: text(v.datasource, 'prometheus'), panels: countPanels(v) });
    }
    for (const [n, v] of items(c.lma, 'checks')) if (first('checks', n)) e.checks.push({ name: n, command: text(v.command), description: text(v.description) });
  }
  // A service directory with nothing in it yet (a stub class) is not a monitored service.
  const library = [...services.values()].filter((s) => s.inputs.length + s.logs.length + s.triggers.length + s.dashboards.length + s.checks.length > 0);
  const sum = (f: (s: ServiceEntry) => number): number => library.reduce((a, s) => a + f(s), 0);
  const allClusters = [...library.flatMap((s) => s.clusters), ...system.flatMap((s) => s.clusters)];
  const policies: Record<string, number> = {};
  for (const c of allClusters) policies[c.policy] = (policies[c.policy] ?? 0) + 1;
  return {
    services: library.length,
    triggers: sum((s) => s.triggers.length),
    alarms: sum((s) => s.alarms.length),
    clusters: allClusters.length,
    dashboards: sum((s) => s.dashboards.length),
    checks: sum((s) => s.checks.length),
    policies: Object.fromEntries(Object.entries(policies).sort(([a], [b]) => (a < b ? -1 : 1))),
    library,
    system,
  };
}
