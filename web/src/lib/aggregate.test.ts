import { describe, expect, it } from 'vitest'
import { aggregateName, aggregatesFor, buildGroupedQuery, orderBy } from './aggregate'
import { chartClauses, toPoints } from './chartQuery'

describe('buildGroupedQuery', () => {
  it('groups by fields and orders by the first aggregate, descending, by default', () => {
    const q = buildGroupedQuery(
      [{ field: 'origin' }],
      [{ fn: 'count' }, { fn: 'avg', field: 'delay' }],
    )
    expect(q).toEqual({
      select: 'origin, count(*) as count, avg(delay) as avg_delay',
      group_by: 'origin',
      order_by: 'count desc',
      columns: ['origin', 'count', 'avg_delay'],
    })
  })

  it('truncates dates in group_by with an alias and selects the alias', () => {
    const q = buildGroupedQuery(
      [{ field: 'date', unit: 'month' }],
      [{ fn: 'sum', field: 'distance' }],
      {
        column: 'date_month',
        descending: false,
      },
    )
    expect(q.group_by).toBe("date_trunc('month', date) as date_month")
    expect(q.select).toBe('date_month, sum(distance) as sum_distance')
    expect(q.order_by).toBe('date_month')
  })

  it('defaults to count(*) without aggregates and drops duplicates', () => {
    expect(buildGroupedQuery([{ field: 'a' }], []).select).toBe('a, count(*) as count')
    expect(buildGroupedQuery([], [{ fn: 'count' }, { fn: 'count' }]).select).toBe(
      'count(*) as count',
    )
  })

  it('ignores a sort on a column the query does not produce', () => {
    expect(
      buildGroupedQuery([{ field: 'a' }], [{ fn: 'count' }], { column: 'zzz', descending: false })
        .order_by,
    ).toBe('count desc')
  })

  it('names aggregates uniquely and quotes odd names', () => {
    expect(aggregateName({ fn: 'max', field: '最高气温' })).toBe('max_最高气温')
    expect(buildGroupedQuery([], [{ fn: 'max', field: 'a b' }]).select).toBe(
      'max(`a b`) as `max_a b`',
    )
    expect(aggregateName({ fn: 'count', field: 'x' })).toBe('count')
  })

  it('offers aggregates by type', () => {
    expect(aggregatesFor('integer')).toContain('sum')
    expect(aggregatesFor('string')).toEqual(['count_distinct'])
    expect(aggregatesFor('date')).toContain('min')
  })

  it('builds a plain order_by', () => {
    expect(orderBy({ column: 'delay', descending: true })).toBe('delay desc')
    expect(orderBy(undefined)).toBe('')
  })
})

describe('chart queries', () => {
  it('bar charts keep the top N by the metric', () => {
    expect(
      chartClauses({
        type: 'bar',
        dimension: { field: 'origin' },
        metric: { fn: 'count' },
        topN: 10,
      }),
    ).toEqual({
      select: 'origin, count(*) as count',
      group_by: 'origin',
      order_by: 'count desc',
      limit: 10,
    })
  })
  it('line charts run along the key', () => {
    const c = chartClauses({
      type: 'line',
      dimension: { field: 'date', unit: 'month' },
      metric: { fn: 'avg', field: 'delay' },
      topN: 10,
    })
    expect(c.order_by).toBe('date_month')
    expect(c.limit).toBe(1000)
  })
  it('maps fetch every region', () => {
    expect(
      chartClauses({
        type: 'map',
        dimension: { field: 'province_code' },
        metric: { fn: 'count' },
        topN: 10,
      }).limit,
    ).toBe(10000)
  })
  it('converts rows to points with readable date keys', () => {
    const pts = toPoints(
      {
        type: 'line',
        dimension: { field: 'date', unit: 'month' },
        metric: { fn: 'count' },
        topN: 0,
      },
      [
        { date_month: '2001-01-01', count: 5 },
        { date_month: null, count: '2' },
      ],
    )
    expect(pts).toEqual([
      { name: '2001-01', value: 5 },
      { name: '∅', value: 2 },
    ])
  })
})
