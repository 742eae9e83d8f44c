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

// ---- signed-in use: identity, workflows, audit (src/api/identity_routes.cpp,
// workflow_routes.cpp, audit_routes.cpp) ----------------------------------------------------------

export interface RoleRef {
  code: string
  zh: string
  en: string
}

export interface OrganisationBrief {
  id: string
  name_zh?: string
  name_en?: string
  kind?: string
  kind_zh?: string
  kind_en?: string
}

/** GET /api/v1/auth/me and the body of POST /api/v1/auth/login. */
export interface Me {
  user: { id: string; username: string; display_name: string }
  display_name: string
  organisation: OrganisationBrief
  roles: RoleRef[]
  auth: 'session' | 'token'
  resource_scope: string[]
  last_login_at: string | null
}

export interface StateLabel {
  code: string
  zh: string
  en: string
}

export interface RowScope {
  field: string
  prefixes: string[]
}

export interface HistoryStep {
  from: string
  to: string
  actor_id: string
  actor_org: string
  reason: string
  at: string | null
  audit_index: number
}

export interface ListResponse<T> {
  total_count: number
  results: T[]
}

export interface ShareApplication {
  id: string
  resource_id: string
  provider_org: string
  applicant_org: string
  applicant_id: string
  purposes: string[]
  scenario: string
  fields: string[]
  row_scope: RowScope | null
  term_days: number
  state: StateLabel
  compliance_due: string | null
  reply_due: string | null
  escalated_at: string | null
  reviewer_id: string
  reason: string
  grant_id: string
  created_at: string | null
  updated_at: string | null
  history?: HistoryStep[]
}

export interface ShareRequestBody {
  resource_id: string
  purposes: string[]
  scenario: string
  fields?: string[]
  row_scope?: RowScope
  term_days?: number
}

export interface ShareApprovalBody {
  fields?: string[]
  row_scope?: RowScope
  term_days?: number
  reason?: string
}

export interface OpenApplication {
  id: string
  resource_id: string
  provider_org: string
  applicant_org: string
  applicant_id: string
  individual: boolean
  purposes: string[]
  scenario: string
  security_measures: string
  fields: string[]
  term_days: number
  agreement: { version: string; sha256: string }
  state: StateLabel
  reviewer_id: string
  reason: string
  grant_id: string
  created_at: string | null
  updated_at: string | null
  history?: HistoryStep[]
}

export interface OpenRequestBody {
  resource_id: string
  purposes: string[]
  scenario: string
  security_measures: string
  fields?: string[]
  term_days?: number
  agreement_version: string
  agreement_sha256: string
  agreement_accepted: boolean
}

export interface OpenApprovalBody {
  fields?: string[]
  term_days?: number
  reason?: string
}

export interface Agreement {
  version: string
  sha256: string
  text: string
}

export interface Grant {
  id: string
  kind: 'share' | 'open' | string
  resource_id: string
  provider_org: string
  grantee_org: string
  grantee_user: string
  application_id: string
  fields: string[]
  row_scope: RowScope | null
  purposes: string[]
  state: StateLabel
  valid_from: string | null
  valid_until: string | null
  report_due: string | null
  reports: number
  report_overdue: boolean
  created_by: string
  reason: string
  created_at: string | null
  updated_at: string | null
}

export interface Authorization {
  id: string
  agency_org: string
  operator_org: string
  mode: 'whole' | 'domain' | 'scenario' | string
  resource_ids: string[]
  domains: string[]
  scenario: string
  actions: string[]
  purposes: string[]
  valid_from: string | null
  valid_until: string | null
  conditions: string
  security_duties: string
  agreement_sha256: string
  state: StateLabel
  created_by: string
  approved_by: string
  reason: string
  created_at: string | null
  updated_at: string | null
  history?: HistoryStep[]
}

export interface Registration {
  id: string
  kind: { code: string; zh: string }
  resource_id: string
  provider_org: string
  applicant_id: string
  description: string
  content: Record<string, unknown>
  state: StateLabel
  reviewer_id: string
  reason: string
  notice_until: string | null
  registration_code: string
  registration_code_display: string
  created_at: string | null
  updated_at: string | null
}

export interface UserRecord {
  id: string
  username: string
  display_name: string
  organisation_id: string
  organisation: OrganisationBrief
  roles: RoleRef[]
  status: 'active' | 'disabled' | string
  created_at: string | null
  updated_at: string | null
  last_login_at: string | null
}

export interface OrganisationRecord extends Organisation {
  kind_zh: string
  kind_en: string
  admin_level: string
  admin_level_zh: string
  status: 'active' | 'disabled' | string
}

export type UsageBy = 'day' | 'resource' | 'organisation'

export interface UsageCounts {
  calls: number
  rows: number
  denials: number
  masked: number
  errors: number
  downloads: number
}

export interface UsageRow extends UsageCounts {
  day?: string
  resource_id?: string
  title_zh?: string
  title_en?: string
  organisation_id?: string
}

export interface UsageStats {
  by: UsageBy
  from: string | null
  to: string | null
  results: UsageRow[]
  total: UsageCounts
  log_size: number
}

export interface Checkpoint {
  origin: string
  size: number
  root: string
  root_hex: string
  hash: string
  log_key: string
  note: string
  signatures: { name: string; key_id: string; kind: string; timestamp?: number }[]
}

export interface AuditEvent {
  version: number
  time: string
  time_micros: number
  request_id: string
  decision_id: string
  principal_id: string
  organisation_id: string
  channel: string
  action: string
  resource_id: string
  resource_version: string
  fields: string[]
  masks: string[]
  purpose: string
  grant_id: string
  decision: string
  rows_returned: number
  response_hash: string | null
  admin: { kind: string; object_id: string; before_hash: string; after_hash: string } | null
}

export interface AuditEntry {
  index: number
  leaf: string
  leaf_hash: string
  entry: AuditEvent
}

export interface AuditEntriesPage {
  start: number
  end: number
  tree_size: number
  next: number | null
  scope: 'all' | 'organisation'
  entries: AuditEntry[]
  hidden: number
}

export interface InclusionProof {
  index: number
  size: number
  leaf_hash: string
  hashes: string[]
  root: string
  checkpoint: string | null
}

export interface RegistryEntry {
  code: string
  code_display: string
  resource_id: string
  title_zh: string
  provider_org: string
  state: string
  revision: number
  registered_at: string | null
  updated_at: string | null
}

export type RegistrationKind = 'initial' | 'change' | 'correction' | 'cancellation'
