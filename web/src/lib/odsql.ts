// Building blocks of the records query language (an ODSQL subset, see docs/query-language.md):
// quoting of names and literals so that user input never changes the shape of a clause.

const RESERVED = new Set([
  'and',
  'or',
  'not',
  'in',
  'between',
  'is',
  'null',
  'like',
  'as',
  'asc',
  'desc',
  'true',
  'false',
])

/** A field name as an identifier; backquoted unless it is a plain, non-reserved name. */
export function ident(name: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !RESERVED.has(name.toLowerCase())) return name
  return '`' + name.replace(/`/g, '``') + '`'
}

/** A text literal in single quotes; quotes are doubled and backslashes escaped. */
export function text(value: string): string {
  return "'" + value.replace(/\\/g, '\\\\').replace(/'/g, "''") + "'"
}

export function dateLiteral(isoDate: string): string {
  return `date'${isoDate}'`
}

export function timestampLiteral(isoDate: string, time = '00:00:00'): string {
  return `timestamp'${isoDate}T${time}'`
}

/** True when the string is a finite decimal number the query language accepts. */
export function isNumberLiteral(s: string): boolean {
  return /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(s.trim())
}

export function numberLiteral(s: string): string {
  return s.trim()
}

export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false
  const d = new Date(s + 'T00:00:00Z')
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}

export function nextDay(isoDate: string): string {
  const d = new Date(isoDate + 'T00:00:00Z')
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}
