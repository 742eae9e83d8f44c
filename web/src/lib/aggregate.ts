// Group/aggregate mode of the preview and the chart builder → select, group_by and order_by.
import { ident } from './odsql'

export const AGGREGATE_FUNCTIONS = ['count', 'count_distinct', 'sum', 'avg', 'min', 'max'] as const
export type AggregateFunction = (typeof AGGREGATE_FUNCTIONS)[number]

export const DATE_UNITS = ['year', 'quarter', 'month', 'week', 'day', 'hour'] as const
export type DateUnit = (typeof DATE_UNITS)[number]

export interface GroupKey {
  field: string
  /** For date/datetime fields: truncate to this unit before grouping. */
  unit?: DateUnit
}

export interface Aggregate {
  fn: AggregateFunction
  /** Ignored for count (which counts rows). */
  field?: string
}

/** Output column name of a group key. */
export function groupKeyName(k: GroupKey): string {
  return k.unit ? `${k.field}_${k.unit}` : k.field
}

export function groupKeyExpr(k: GroupKey): string {
  return k.unit ? `date_trunc('${k.unit}', ${ident(k.field)})` : ident(k.field)
}

/** Output column name of an aggregate: count, sum_distance, avg_delay… */
export function aggregateName(a: Aggregate): string {
  if (a.fn === 'count' || !a.field) return 'count'
  return `${a.fn}_${a.field}` // quoted with ident() where written
}

export function aggregateExpr(a: Aggregate): string {
  if (a.fn === 'count' || !a.field) return 'count(*)'
  return `${a.fn}(${ident(a.field)})`
}

/** Which aggregate functions make sense for a field of this type. */
export function aggregatesFor(type: string): AggregateFunction[] {
  if (type === 'integer' || type === 'number') return ['sum', 'avg', 'min', 'max', 'count_distinct']
  if (type === 'date' || type === 'datetime' || type === 'time')
    return ['min', 'max', 'count_distinct']
  return ['count_distinct']
}

export interface GroupedQuery {
  select: string
  group_by: string
  order_by: string
  columns: string[]
}

export interface Sort {
  column: string
  descending: boolean
}

/** Builds the clauses of an aggregate query; without a sort it orders by the first aggregate, descending. */
export function buildGroupedQuery(
  keys: GroupKey[],
  aggregates: Aggregate[],
  sort?: Sort,
): GroupedQuery {
  const aggs: Aggregate[] = aggregates.length ? dedupe(aggregates) : [{ fn: 'count' }]
  const items: string[] = []
  const columns: string[] = []
  for (const k of keys) {
    const name = groupKeyName(k)
    items.push(ident(name))
    columns.push(name)
  }
  for (const a of aggs) {
    const name = aggregateName(a)
    items.push(`${aggregateExpr(a)} as ${ident(name)}`)
    columns.push(name)
  }
  const s =
    sort && columns.includes(sort.column)
      ? sort
      : { column: aggregateName(aggs[0]!), descending: true }
  return {
    select: items.join(', '),
    // A truncated date key is named in group_by (`expr as alias`) and selected by its alias.
    group_by: keys
      .map((k) => (k.unit ? `${groupKeyExpr(k)} as ${ident(groupKeyName(k))}` : groupKeyExpr(k)))
      .join(', '),
    order_by: `${ident(s.column)}${s.descending ? ' desc' : ''}`,
    columns,
  }
}

function dedupe(aggs: Aggregate[]): Aggregate[] {
  const seen = new Set<string>()
  return aggs.filter((a) => {
    const n = aggregateName(a)
    if (seen.has(n)) return false
    seen.add(n)
    return true
  })
}

/** order_by for a plain (non-grouped) sort. */
export function orderBy(sort: Sort | undefined): string {
  return sort ? `${ident(sort.column)}${sort.descending ? ' desc' : ''}` : ''
}
