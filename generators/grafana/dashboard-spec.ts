/**
 * The typed view every dashboard is built from: the model's dashboards, the
 * LMA overview and the node health dashboard all become a DashboardSpec
 * (rows and panels already in display order), and one builder turns a spec
 * into Grafana JSON (build-dashboard.ts).
 */
import type { ValueMapping } from '@grafana/grafana-foundation-sdk/dashboard';
import type { Panel as ModelPanel } from '../../src/model/lma-types.js';
import type { DatasourceKind } from './datasources.js';

export type PanelType = ModelPanel['type'];

export interface PanelSpec {
  title: string;
  type: PanelType;
  /** Null for a text panel (no query). */
  datasource: DatasourceKind | null;
  /** The query, or the content of a text panel. */
  expr: string;
  legend: string;
  unit: string;
  width: number;
  height: number;
  description: string;
  /** Value mappings (status panels map codes to OKAY/WARN/...). */
  mappings?: ValueMapping[];
  /** Threshold steps, lowest first: [colour, from] (the first step's `from` is ignored). */
  thresholds?: [string, number][];
}

export interface RowSpec {
  title: string;
  collapsed: boolean;
  panels: PanelSpec[];
}

export interface VariableSpec {
  /** The datasource the environment and hostname variables query. */
  datasource: DatasourceKind;
  /** The domain's environment, the variable's current value. */
  environment: string;
  /** Whether several hosts can be chosen (panels then match `hostname=~"$hostname"`). */
  multiHost: boolean;
}

export interface DashboardSpec {
  uid: string;
  title: string;
  description: string;
  tags: string[];
  refresh: string;
  timeFrom: string;
  variables: VariableSpec | null;
  rows: RowSpec[];
}
