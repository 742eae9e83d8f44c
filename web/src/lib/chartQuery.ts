// The grouped records query behind a chart, and the rows → series conversion.
import {
  buildGroupedQuery,
  groupKeyName,
  aggregateName,
  type Aggregate,
  type GroupKey,
} from './aggregate'
import { ident } from './odsql'

export type ChartType = 'bar' | 'line' | 'pie' | 'map'

export interface ChartSpec {
  type: ChartType
  dimension: GroupKey
  metric: Aggregate
  topN: number
}

/** Clauses (without where) of the chart's query: bar/pie keep the top N, line runs along the key. */
export function chartClauses(spec: ChartSpec): {
  select: string
  group_by: string
  order_by: string
  limit: number
} {
  const keyName = groupKeyName(spec.dimension)
  if (spec.type === 'line') {
    const g = buildGroupedQuery([spec.dimension], [spec.metric], {
      column: keyName,
      descending: false,
    })
    return { select: g.select, group_by: g.group_by, order_by: ident(keyName), limit: 1000 }
  }
  const g = buildGroupedQuery([spec.dimension], [spec.metric])
  const limit = spec.type === 'map' ? 10000 : spec.topN
  return { select: g.select, group_by: g.group_by, order_by: g.order_by, limit }
}

export interface ChartPoint {
  name: string
  value: number
}

export function toPoints(spec: ChartSpec, rows: Record<string, unknown>[]): ChartPoint[] {
  const key = groupKeyName(spec.dimension)
  const metric = aggregateName(spec.metric)
  return rows.map((r) => ({
    name: r[key] === null || r[key] === undefined ? '∅' : formatKey(r[key], spec.dimension.unit),
    value: Number(r[metric] ?? 0),
  }))
}

function formatKey(v: unknown, unit: GroupKey['unit']): string {
  const s = String(v)
  if (!unit) return s
  // date_trunc results: keep the meaningful part of the ISO date.
  if (unit === 'year') return s.slice(0, 4)
  if (unit === 'month' || unit === 'quarter') return s.slice(0, 7)
  if (unit === 'hour') return s.slice(0, 13).replace('T', ' ')
  return s.slice(0, 10)
}
