// Normalises a version's quality profile (written by the ingest module) for display. The profile's
// exact shape may grow; anything not recognised is still shown, generically.

export type Scalar = string | number | boolean | null

export interface FieldProfile {
  name: string
  values: Record<string, Scalar>
}

export interface NormalisedProfile {
  summary: [string, Scalar][]
  fields: FieldProfile[]
  /** Columns of the per-field table, known ones first. */
  columns: string[]
  other: [string, unknown][]
}

const KNOWN_FIELD_ORDER = [
  'type',
  'null_rate',
  'null_count',
  'distinct_count',
  'min',
  'max',
  'invalid_count',
  'invalid_rate',
]

/** Canonical key names for the synonyms a profile may use. */
const SYNONYMS: Record<string, string> = {
  nulls: 'null_count',
  null: 'null_count',
  nullcount: 'null_count',
  null_ratio: 'null_rate',
  distinct: 'distinct_count',
  distinct_values: 'distinct_count',
  unique_count: 'distinct_count',
  invalid: 'invalid_count',
  invalid_values: 'invalid_count',
  invalid_ratio: 'invalid_rate',
  minimum: 'min',
  maximum: 'max',
  rows: 'row_count',
  count: 'row_count',
}

export function canonicalKey(key: string): string {
  const k = key.toLowerCase()
  return SYNONYMS[k] ?? k
}

function isScalar(v: unknown): v is Scalar {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v)
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function fieldValues(
  obj: Record<string, unknown>,
  rowCount: number | undefined,
): Record<string, Scalar> {
  const out: Record<string, Scalar> = {}
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'name' || k === 'field') continue
    if (isScalar(v)) out[canonicalKey(k)] = v
    else if (isRecord(v)) {
      // e.g. {"invalid": {"count": 3}} or {"range": {"min": 1, "max": 9}}
      for (const [k2, v2] of Object.entries(v))
        if (isScalar(v2)) out[canonicalKey(`${k}_${k2}`.replace(/_count_count$/, '_count'))] = v2
    }
  }
  if (out.null_rate === undefined && typeof out.null_count === 'number' && rowCount) {
    out.null_rate = out.null_count / rowCount
  }
  return out
}

export function normaliseProfile(
  profile: Record<string, unknown> | null | undefined,
): NormalisedProfile {
  const result: NormalisedProfile = { summary: [], fields: [], columns: [], other: [] }
  if (!profile) return result
  const rowCountRaw = profile.row_count ?? profile.rows
  const rowCount = typeof rowCountRaw === 'number' ? rowCountRaw : undefined
  for (const [key, value] of Object.entries(profile)) {
    if (key === 'fields' || key === 'columns') {
      if (Array.isArray(value)) {
        for (const item of value) {
          if (!isRecord(item)) continue
          const name = String(item.name ?? item.field ?? '')
          result.fields.push({ name, values: fieldValues(item, rowCount) })
        }
        continue
      }
      if (isRecord(value)) {
        for (const [name, item] of Object.entries(value)) {
          if (isRecord(item)) result.fields.push({ name, values: fieldValues(item, rowCount) })
        }
        continue
      }
    }
    if (isScalar(value)) result.summary.push([canonicalKey(key), value])
    else if (isRecord(value) && Object.values(value).every(isScalar)) {
      for (const [k2, v2] of Object.entries(value))
        result.summary.push([canonicalKey(`${key}.${k2}`), v2 as Scalar])
    } else result.other.push([key, value])
  }
  const seen = new Set<string>()
  for (const f of result.fields) for (const k of Object.keys(f.values)) seen.add(k)
  result.columns = [
    ...KNOWN_FIELD_ORDER.filter((k) => seen.has(k)),
    ...[...seen].filter((k) => !KNOWN_FIELD_ORDER.includes(k)).sort(),
  ]
  return result
}

/** Keys whose numbers are ratios in [0, 1] and read best as percentages. */
export function isRatioKey(key: string): boolean {
  return /(rate|ratio|completeness|validity|uniqueness|timeliness|score)$/.test(key)
}
