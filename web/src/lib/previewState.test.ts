import { describe, expect, it } from 'vitest'
import { createPreviewState, exportParams, recordsParams } from './previewState'

const fields = [
  { name: 'delay', type: 'integer' },
  { name: 'origin', type: 'string' },
]

describe('preview query', () => {
  it('rows mode: where from the column filters, sort, paging and total', () => {
    const s = createPreviewState()
    s.filters = { delay: { kind: 'range', from: '60' } }
    s.sort = { column: 'delay', descending: true }
    s.page = 3
    s.size = 50
    expect(recordsParams(s, fields)).toEqual({
      where: 'delay >= 60',
      order_by: 'delay desc',
      limit: 50,
      offset: 100,
      include_total: 'true',
    })
  })

  it('group mode shows rows until a grouping is run, then the grouped query', () => {
    const s = createPreviewState()
    s.mode = 'group'
    s.groupKeys = [{ field: 'origin' }]
    expect(recordsParams(s, fields).group_by).toBeUndefined()
    s.applied = {
      keys: [{ field: 'origin' }],
      aggregates: [{ fn: 'count' }, { fn: 'avg', field: 'delay' }],
    }
    s.filters = { origin: { kind: 'text', value: 'S' } }
    const p = recordsParams(s, fields)
    expect(p.select).toBe('origin, count(*) as count, avg(delay) as avg_delay')
    expect(p.group_by).toBe('origin')
    expect(p.where).toBe("lower(origin) LIKE '%s%'")
    expect(p.order_by).toBe('count desc')
  })

  it('exports carry the clauses (no paging) only when asked', () => {
    const s = createPreviewState()
    s.filters = { delay: { kind: 'range', to: '0' } }
    s.page = 5
    expect(exportParams(s, fields, true)).toEqual({ where: 'delay <= 0', order_by: undefined })
    expect(exportParams(s, fields, false)).toEqual({})
  })
})

import { formatCell } from './format'
describe('formatCell', () => {
  it('rounds fractions for display and keeps integers and text', () => {
    expect(formatCell(103.84444444444445, 'en')).toBe('103.8444')
    expect(formatCell(1688, 'en')).toBe('1688')
    expect(formatCell(null)).toBe('')
    expect(formatCell({ a: 1 })).toBe('{"a":1}')
  })
})
