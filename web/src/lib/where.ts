// Column filters of the preview table → the `where` clause of a records query.
import {
  dateLiteral,
  ident,
  isIsoDate,
  isNumberLiteral,
  nextDay,
  text,
  timestampLiteral,
} from './odsql'

export type FilterKind = 'text' | 'range' | 'dateRange' | 'boolean'

export interface ColumnFilter {
  /** text: contains; range: numbers from..to; dateRange: dates from..to (inclusive); boolean: true/false */
  kind: FilterKind
  value?: string
  from?: string
  to?: string
}

export type ColumnFilters = Record<string, ColumnFilter | undefined>

/** The filter kind a column of the given catalog type gets. */
export function filterKindFor(type: string): FilterKind {
  switch (type) {
    case 'integer':
    case 'number':
      return 'range'
    case 'date':
    case 'datetime':
      return 'dateRange'
    case 'boolean':
      return 'boolean'
    default:
      return 'text'
  }
}

export interface WhereResult {
  where: string
  /** Names of columns whose filter input could not be used (e.g. "abc" in a number range). */
  invalid: string[]
}

/** One column's condition, or '' when the filter is empty; throws RangeError on bad input. */
export function conditionFor(name: string, type: string, f: ColumnFilter): string {
  const col = ident(name)
  switch (f.kind) {
    case 'text': {
      const v = (f.value ?? '').trim()
      if (!v) return ''
      // Contains; case-insensitive for Latin letters (codes such as "SFO" typed as "sfo").
      if (/[A-Za-z]/.test(v)) return `lower(${col}) LIKE ${text('%' + v.toLowerCase() + '%')}`
      return `${col} LIKE ${text('%' + v + '%')}`
    }
    case 'boolean': {
      if (f.value === 'true' || f.value === 'false') return `${col} = ${f.value}`
      return ''
    }
    case 'range': {
      const parts: string[] = []
      const from = (f.from ?? '').trim()
      const to = (f.to ?? '').trim()
      if (from && !isNumberLiteral(from)) throw new RangeError(name)
      if (to && !isNumberLiteral(to)) throw new RangeError(name)
      if (from) parts.push(`${col} >= ${from}`)
      if (to) parts.push(`${col} <= ${to}`)
      return parts.join(' AND ')
    }
    case 'dateRange': {
      const parts: string[] = []
      const from = (f.from ?? '').trim()
      const to = (f.to ?? '').trim()
      if (from && !isIsoDate(from)) throw new RangeError(name)
      if (to && !isIsoDate(to)) throw new RangeError(name)
      if (type === 'datetime') {
        if (from) parts.push(`${col} >= ${timestampLiteral(from)}`)
        if (to) parts.push(`${col} < ${timestampLiteral(nextDay(to))}`)
      } else {
        if (from) parts.push(`${col} >= ${dateLiteral(from)}`)
        if (to) parts.push(`${col} <= ${dateLiteral(to)}`)
      }
      return parts.join(' AND ')
    }
  }
}

/** ANDs the conditions of every non-empty filter, in the order of `columns`. */
export function buildWhere(
  columns: { name: string; type: string }[],
  filters: ColumnFilters,
): WhereResult {
  const conditions: string[] = []
  const invalid: string[] = []
  for (const c of columns) {
    const f = filters[c.name]
    if (!f) continue
    try {
      const cond = conditionFor(c.name, c.type, f)
      if (cond) conditions.push(cond)
    } catch {
      invalid.push(c.name)
    }
  }
  return { where: conditions.join(' AND '), invalid }
}

export function isFilterActive(f: ColumnFilter | undefined): boolean {
  if (!f) return false
  return Boolean((f.value ?? '').trim() || (f.from ?? '').trim() || (f.to ?? '').trim())
}
