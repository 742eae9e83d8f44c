// Shapes of the Gongshu /api/v1 responses the portal reads (src/api/*.cpp on the server side).

export interface Bilingual {
  zh: string
  en: string
}

export interface Term extends Bilingual {
  code: string
}

export interface ProviderRef {
  id: string
  name_zh: string
  name_en: string
}

export interface ResourceSummary {
  id: string
  title: Bilingual
  description: Bilingual
  provider: ProviderRef
  subject: Term
  update_cycle: Term
  industry: string
  region: string
  tags: string[]
  license: string
  share: Term & { basis: string }
  open: Term & { condition: string }
  level: Term
  status: string
  format: string
  row_count: number
  field_count: number
  version: number
  created_at: string | null
  updated_at: string | null
  published_at: string | null
}

export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime' | 'time'

export interface ResourceField {
  name: string
  title_zh: string
  title_en: string
  type: FieldType | string
  description_zh: string
  description_en: string
  unit: string
  level: Term
  semantic: string
  available: boolean
}

/** Quality profile of a version: produced by the ingest module; rendered generically. */
export type QualityProfile = Record<string, unknown>

export interface ResourceVersion {
  version: number
  row_count: number
  byte_size: number
  checksum: string
  source_format: string
  source_name: string
  source_encoding: string
  note: string
  published_at: string | null
  quality: QualityProfile | null
}

export type ExportFormat = 'csv' | 'json' | 'ndjson' | 'parquet'

export interface ResourceDetail extends ResourceSummary {
  fields: ResourceField[]
  current_version: ResourceVersion | null
  links: {
    self: string
    records: string
    versions: string
    exports: Record<ExportFormat, string>
  }
}

export interface FacetBucket {
  value: string
  label_zh: string
  label_en: string
  count: number
}

export const FACET_NAMES = [
  'subject',
  'provider',
  'format',
  'open',
  'level',
  'update_cycle',
] as const
export type FacetName = (typeof FACET_NAMES)[number]

export interface SearchResponse {
  total_count: number
  limit: number
  offset: number
  results: ResourceSummary[]
  facets?: Partial<Record<FacetName, FacetBucket[]>>
}

export interface VersionsResponse {
  resource_id: string
  results: ResourceVersion[]
}

export interface RecordsResponse {
  total_count?: number
  limit: number
  offset: number
  fields: { name: string; type: string }[]
  results: Record<string, unknown>[]
  next_cursor?: string
}

export interface CatalogStats {
  resources: number
  open_resources: number
  providers: number
  records: number
  subjects: (Term & { count: number })[]
}

export interface Organisation {
  id: string
  name_zh: string
  name_en: string
  kind: string
  region: string
  parent_id: string
}

export interface Vocabularies {
  subjects: Term[]
  update_cycles: Term[]
  levels: Term[]
  share: Term[]
  open: Term[]
}

export interface ApiErrorBody {
  error: { code: string; message: string; message_zh: string; request_id?: string }
}
