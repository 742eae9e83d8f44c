import { describe, expect, it } from 'vitest'
import { isRatioKey, normaliseProfile } from './quality'

describe('normaliseProfile', () => {
  it('handles a null profile', () => {
    expect(normaliseProfile(null)).toEqual({ summary: [], fields: [], columns: [], other: [] })
  })

  it('splits summary scalars, per-field arrays and other structures', () => {
    const p = normaliseProfile({
      row_count: 100,
      completeness: 0.98,
      checks: { duplicates: 0 },
      fields: [
        {
          name: 'delay',
          type: 'integer',
          nulls: 10,
          distinct: 50,
          min: -5,
          max: 300,
          invalid: { count: 2 },
        },
        { name: 'origin', type: 'string', null_count: 0, distinct_count: 20 },
      ],
      histogram: [1, 2, 3],
    })
    expect(p.summary).toEqual([
      ['row_count', 100],
      ['completeness', 0.98],
      ['checks.duplicates', 0],
    ])
    expect(p.fields[0]).toEqual({
      name: 'delay',
      values: {
        type: 'integer',
        null_count: 10,
        distinct_count: 50,
        min: -5,
        max: 300,
        invalid_count: 2,
        null_rate: 0.1,
      },
    })
    expect(p.columns.slice(0, 7)).toEqual([
      'type',
      'null_rate',
      'null_count',
      'distinct_count',
      'min',
      'max',
      'invalid_count',
    ])
    expect(p.other).toEqual([['histogram', [1, 2, 3]]])
  })

  it('accepts fields keyed by name', () => {
    const p = normaliseProfile({ rows: 10, fields: { a: { null_rate: 0.5 } } })
    expect(p.summary).toEqual([['row_count', 10]])
    expect(p.fields).toEqual([{ name: 'a', values: { null_rate: 0.5 } }])
  })

  it('knows which keys are ratios', () => {
    expect(isRatioKey('null_rate')).toBe(true)
    expect(isRatioKey('completeness')).toBe(true)
    expect(isRatioKey('null_count')).toBe(false)
  })
})
