/**
 * A typed builder of InfluxQL targets, the part the Grafana foundation SDK
 * lacks (it has builders for Prometheus, Elasticsearch, ... but not InfluxDB).
 * It builds the raw-query form of Grafana's InfluxDB datasource target
 * (`rawQuery: true`, the query text as written), so the query in the model is
 * the query Grafana runs, with Grafana's macros ($timeFilter, $__interval,
 * template variables) left for Grafana to substitute.
 */
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import type { DataSourceRef } from '@grafana/grafana-foundation-sdk/common';

export type InfluxResultFormat = 'time_series' | 'table' | 'logs';

/** Grafana's InfluxDB (InfluxQL) target, as the datasource plugin stores it. */
export interface InfluxqlDataquery extends cog.Dataquery {
  refId: string;
  datasource?: DataSourceRef;
  query: string;
  rawQuery: true;
  resultFormat: InfluxResultFormat;
  /** Legend text; `$tag_<key>` inserts a tag's value. */
  alias?: string;
  hide?: boolean;
}

export class InfluxqlQueryBuilder implements cog.Builder<InfluxqlDataquery> {
  private readonly internal: InfluxqlDataquery;

  constructor(query: string) {
    this.internal = { refId: 'A', query, rawQuery: true, resultFormat: 'time_series', _implementsDataqueryVariant: () => {} };
  }

  build(): InfluxqlDataquery {
    return this.internal;
  }

  refId(refId: string): this {
    this.internal.refId = refId;
    return this;
  }

  datasource(datasource: DataSourceRef): this {
    this.internal.datasource = datasource;
    return this;
  }

  resultFormat(format: InfluxResultFormat): this {
    this.internal.resultFormat = format;
    return this;
  }

  alias(alias: string): this {
    this.internal.alias = alias;
    return this;
  }
}
