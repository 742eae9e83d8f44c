import { describe, expect, it } from 'vitest'
import { buildWhere, conditionFor, filterKindFor } from './where'
import { ident, text } from './odsql'

const columns = [
  { name: 'date', type: 'datetime' },
  { name: 'delay', type: 'integer' },
  { name: 'origin', type: 'string' },
  { name: 'day', type: 'date' },
  { name: 'ok', type: 'boolean' },
]

describe('odsql quoting', () => {
  it('backquotes names that are not plain identifiers or are reserved', () => {
    expect(ident('origin')).toBe('origin')
    expect(ident('desc')).toBe('`desc`')
    expect(ident('省份')).toBe('`省份`')
    expect(ident('a`b')).toBe('`a``b`')
  })
  it('doubles quotes and escapes backslashes in text', () => {
    expect(text("O'Hare")).toBe("'O''Hare'")
    expect(text('a\\b')).toBe("'a\\\\b'")
  })
})

describe('filterKindFor', () => {
  it('maps catalog types to filter inputs', () => {
    expect(filterKindFor('string')).toBe('text')
    expect(filterKindFor('integer')).toBe('range')
    expect(filterKindFor('number')).toBe('range')
    expect(filterKindFor('date')).toBe('dateRange')
    expect(filterKindFor('datetime')).toBe('dateRange')
    expect(filterKindFor('boolean')).toBe('boolean')
  })
})

describe('buildWhere', () => {
  it('is empty without filters', () => {
    expect(buildWhere(columns, {})).toEqual({ where: '', invalid: [] })
  })

  it('builds contains, ranges and date ranges, ANDed in column order', () => {
    const r = buildWhere(columns, {
      origin: { kind: 'text', value: 'sfo' },
      delay: { kind: 'range', from: '60', to: '' },
      date: { kind: 'dateRange', from: '2001-01-01', to: '2001-01-31' },
    })
    expect(r.invalid).toEqual([])
    expect(r.where).toBe(
      "date >= timestamp'2001-01-01T00:00:00' AND date < timestamp'2001-02-01T00:00:00' AND delay >= 60 AND lower(origin) LIKE '%sfo%'",
    )
  })

  it('keeps Chinese text as typed and quotes it', () => {
    expect(conditionFor('name', 'string', { kind: 'text', value: "北京'" })).toBe(
      "name LIKE '%北京''%'",
    )
  })

  it('uses date literals for date fields, inclusive at both ends', () => {
    expect(
      conditionFor('day', 'date', { kind: 'dateRange', from: '2024-01-01', to: '2024-12-31' }),
    ).toBe("day >= date'2024-01-01' AND day <= date'2024-12-31'")
  })

  it('accepts negative and decimal numbers', () => {
    expect(conditionFor('delay', 'integer', { kind: 'range', from: '-10.5', to: '1e3' })).toBe(
      'delay >= -10.5 AND delay <= 1e3',
    )
  })

  it('reports (and ignores) invalid numbers and dates instead of sending them', () => {
    const r = buildWhere(columns, {
      delay: { kind: 'range', from: '1 OR 1=1' },
      day: { kind: 'dateRange', from: '2024-02-30' },
      origin: { kind: 'text', value: 'LAX' },
    })
    expect(r.invalid).toEqual(['delay', 'day'])
    expect(r.where).toBe("lower(origin) LIKE '%lax%'")
  })

  it('filters booleans only on true/false', () => {
    expect(conditionFor('ok', 'boolean', { kind: 'boolean', value: 'true' })).toBe('ok = true')
    expect(conditionFor('ok', 'boolean', { kind: 'boolean', value: '' })).toBe('')
  })
})
