// Thin client for the Gongshu /api/v1 endpoints. Errors become ApiError carrying the server's
// bilingual message; network failures become ApiError with code "network".
import type {
  Agreement,
  ApiErrorBody,
  AuditEntriesPage,
  Authorization,
  CatalogStats,
  Checkpoint,
  FacetName,
  Grant,
  InclusionProof,
  ListResponse,
  Me,
  OpenApplication,
  OpenApprovalBody,
  OpenRequestBody,
  Organisation,
  OrganisationRecord,
  RecordsResponse,
  Registration,
  RegistrationKind,
  RegistryEntry,
  ResourceDetail,
  SearchResponse,
  ShareApplication,
  ShareApprovalBody,
  ShareRequestBody,
  UsageBy,
  UsageStats,
  UserRecord,
  Vocabularies,
  VersionsResponse,
} from './types'

export type QueryValue = string | number | boolean | undefined | null | readonly string[]
export type QueryParams = Record<string, QueryValue>

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly messageZh: string
  readonly requestId: string

  constructor(status: number, code: string, message: string, messageZh: string, requestId = '') {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.messageZh = messageZh
    this.requestId = requestId
  }

  /** The message in the UI language ("zh-CN" shows message_zh). */
  localized(locale: string): string {
    return locale.startsWith('zh') ? this.messageZh || this.message : this.message || this.messageZh
  }
}

/** Encodes params as a query string; arrays repeat the key, empty values are left out. */
export function toQueryString(params: QueryParams): string {
  const sp = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue
    if (Array.isArray(value)) {
      for (const v of value) if (v !== '') sp.append(key, v)
    } else {
      sp.append(key, String(value))
    }
  }
  const s = sp.toString()
  return s ? `?${s}` : ''
}

export function apiUrl(path: string, params: QueryParams = {}): string {
  return path + toQueryString(params)
}

/** Turns a non-2xx response into an ApiError, reading the standard error body when present. */
export async function errorFromResponse(res: Response): Promise<ApiError> {
  let body: Partial<ApiErrorBody> | null = null
  try {
    body = (await res.json()) as Partial<ApiErrorBody>
  } catch {
    body = null
  }
  const e = body?.error
  if (e && typeof e.code === 'string') {
    return new ApiError(
      res.status,
      e.code,
      e.message ?? '',
      e.message_zh ?? '',
      e.request_id ?? res.headers.get('x-request-id') ?? '',
    )
  }
  return new ApiError(
    res.status,
    `http.${res.status}`,
    `The server answered HTTP ${res.status}.`,
    `服务器返回 HTTP ${res.status}。`,
    res.headers.get('x-request-id') ?? '',
  )
}

export function networkError(cause: unknown): ApiError {
  const detail = cause instanceof Error ? cause.message : String(cause)
  return new ApiError(
    0,
    'network',
    `The platform could not be reached (${detail}).`,
    `无法连接平台服务（${detail}）。`,
  )
}

/** Error codes meaning "this browser is not (or no longer) signed in". */
export const SIGNED_OUT_CODES = ['auth.session_invalid', 'auth.required'] as const

let unauthorizedHandler: ((err: ApiError) => void) | null = null

/** Called with every 401 whose code says the session is gone (the session store signs out). */
export function setUnauthorizedHandler(fn: ((err: ApiError) => void) | null): void {
  unauthorizedHandler = fn
}

function noticeUnauthorized(err: ApiError): void {
  if (err.status === 401 && (SIGNED_OUT_CODES as readonly string[]).includes(err.code))
    unauthorizedHandler?.(err)
}

async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, init)
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err
    throw networkError(err)
  }
}

export async function getJson<T>(
  path: string,
  params: QueryParams = {},
  signal?: AbortSignal,
): Promise<T> {
  const init: RequestInit = { headers: { Accept: 'application/json' }, signal }
  let res = await send(apiUrl(path, params), init)
  if (res.status === 401) {
    const err = await errorFromResponse(res)
    noticeUnauthorized(err)
    // A stale session cookie answers 401 once and is cleared by the server: ask again anonymously.
    if (err.code !== 'auth.session_invalid') throw err
    res = await send(apiUrl(path, params), init)
  }
  if (!res.ok) {
    const err = await errorFromResponse(res)
    noticeUnauthorized(err)
    throw err
  }
  return (await res.json()) as T
}

/**
 * POST/PUT/PATCH/DELETE with a JSON body. The browser adds the same-origin Origin header the
 * server's CSRF check needs for cookie-authenticated writes. 204 answers resolve to undefined.
 */
export async function sendJson<T>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  const res = await send(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
    signal,
  })
  if (!res.ok) {
    const err = await errorFromResponse(res)
    noticeUnauthorized(err)
    throw err
  }
  if (res.status === 204) return undefined as T
  return (await res.json()) as T
}

export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError'
}

export const SEARCH_SORTS = ['relevance', 'newest', 'oldest', 'title', 'rows'] as const
export type SearchSort = (typeof SEARCH_SORTS)[number]

export interface SearchParams {
  q?: string
  filters?: Partial<Record<FacetName, string[]>>
  sort?: SearchSort
  limit?: number
  offset?: number
  facets?: boolean
}

export function searchParamsToQuery(p: SearchParams): QueryParams {
  const q: QueryParams = {
    q: p.q?.trim(),
    sort: p.sort && p.sort !== 'relevance' ? p.sort : undefined,
    limit: p.limit,
    offset: p.offset ? p.offset : undefined,
    facets: p.facets === false ? 'false' : undefined,
  }
  for (const [name, values] of Object.entries(p.filters ?? {})) {
    if (values && values.length) q[name] = values
  }
  return q
}

export const api = {
  search: (p: SearchParams, signal?: AbortSignal) =>
    getJson<SearchResponse>('/api/v1/resources', searchParamsToQuery(p), signal),
  resource: (id: string, signal?: AbortSignal) =>
    getJson<ResourceDetail>(`/api/v1/resources/${encodeURIComponent(id)}`, {}, signal),
  versions: (id: string, signal?: AbortSignal) =>
    getJson<VersionsResponse>(`/api/v1/resources/${encodeURIComponent(id)}/versions`, {}, signal),
  records: (id: string, params: QueryParams, signal?: AbortSignal) =>
    getJson<RecordsResponse>(`/api/v1/resources/${encodeURIComponent(id)}/records`, params, signal),
  stats: (signal?: AbortSignal) => getJson<CatalogStats>('/api/v1/stats/catalog', {}, signal),
  vocabularies: (signal?: AbortSignal) => getJson<Vocabularies>('/api/v1/vocabularies', {}, signal),
  organisations: (signal?: AbortSignal) =>
    getJson<{ results: Organisation[] }>('/api/v1/organisations', {}, signal),
  organisationRecords: (kind?: string, signal?: AbortSignal) =>
    getJson<{ results: OrganisationRecord[] }>('/api/v1/organisations', { kind }, signal),
}

const seg = encodeURIComponent

export type ApplicationView = 'all' | 'applied' | 'received'
export type GrantView = 'all' | 'held' | 'provided'
export type RegistrationVerb = 'approve' | 'reject' | 'withdraw'
export type GrantVerb = 'suspend' | 'resume' | 'revoke'
export type AuthorizationVerb = 'approve' | 'activate' | 'suspend' | 'resume' | 'terminate' | 'exit'

/** Sign-in, workflows (share, open, grants, authorizations, registrations) and the audit log. */
export const consoleApi = {
  login: (username: string, password: string) =>
    sendJson<Me>('POST', '/api/v1/auth/login', { username, password }),
  logout: () => sendJson<void>('POST', '/api/v1/auth/logout'),
  me: (signal?: AbortSignal) => getJson<Me>('/api/v1/auth/me', {}, signal),

  shareApplications: (view: ApplicationView, state?: string, signal?: AbortSignal) =>
    getJson<ListResponse<ShareApplication>>('/api/v1/share-applications', { view, state }, signal),
  shareApplication: (id: string, signal?: AbortSignal) =>
    getJson<ShareApplication>(`/api/v1/share-applications/${seg(id)}`, {}, signal),
  escalations: (signal?: AbortSignal) =>
    getJson<ListResponse<ShareApplication>>('/api/v1/share-applications/escalations', {}, signal),
  submitShare: (body: ShareRequestBody) =>
    sendJson<ShareApplication>('POST', '/api/v1/share-applications', body),
  approveShare: (id: string, body: ShareApprovalBody) =>
    sendJson<ShareApplication>('POST', `/api/v1/share-applications/${seg(id)}/approve`, body),
  rejectShare: (id: string, reason: string) =>
    sendJson<ShareApplication>('POST', `/api/v1/share-applications/${seg(id)}/reject`, { reason }),
  withdrawShare: (id: string) =>
    sendJson<ShareApplication>('POST', `/api/v1/share-applications/${seg(id)}/withdraw`, {}),

  grants: (view: GrantView, signal?: AbortSignal) =>
    getJson<ListResponse<Grant>>('/api/v1/grants', { view }, signal),
  moveGrant: (id: string, verb: GrantVerb, reason: string) =>
    sendJson<Grant>('POST', `/api/v1/grants/${seg(id)}/${verb}`, reason ? { reason } : {}),
  submitUsageReport: (id: string, body: string) =>
    sendJson<unknown>('POST', `/api/v1/grants/${seg(id)}/usage-reports`, { body }),

  agreement: (signal?: AbortSignal) =>
    getJson<Agreement>('/api/v1/open-applications/agreement', {}, signal),
  openApplications: (view: ApplicationView, state?: string, signal?: AbortSignal) =>
    getJson<ListResponse<OpenApplication>>('/api/v1/open-applications', { view, state }, signal),
  submitOpen: (body: OpenRequestBody) =>
    sendJson<OpenApplication>('POST', '/api/v1/open-applications', body),
  approveOpen: (id: string, body: OpenApprovalBody) =>
    sendJson<OpenApplication>('POST', `/api/v1/open-applications/${seg(id)}/approve`, body),
  rejectOpen: (id: string, reason: string) =>
    sendJson<OpenApplication>('POST', `/api/v1/open-applications/${seg(id)}/reject`, { reason }),
  withdrawOpen: (id: string) =>
    sendJson<OpenApplication>('POST', `/api/v1/open-applications/${seg(id)}/withdraw`, {}),

  authorizations: (state?: string, signal?: AbortSignal) =>
    getJson<ListResponse<Authorization>>('/api/v1/authorizations', { state }, signal),
  authorization: (id: string, signal?: AbortSignal) =>
    getJson<Authorization>(`/api/v1/authorizations/${seg(id)}`, {}, signal),
  moveAuthorization: (id: string, verb: AuthorizationVerb, reason: string) =>
    sendJson<Authorization>(
      'POST',
      `/api/v1/authorizations/${seg(id)}/${verb}`,
      reason ? { reason } : {},
    ),

  registrations: (state?: string, signal?: AbortSignal) =>
    getJson<ListResponse<Registration>>('/api/v1/registrations', { state }, signal),
  registry: (signal?: AbortSignal) =>
    getJson<ListResponse<RegistryEntry>>('/api/v1/registered-resources', {}, signal),
  submitRegistration: (body: {
    kind: RegistrationKind
    resource_id: string
    description?: string
  }) => sendJson<Registration>('POST', '/api/v1/registrations', body),
  decideRegistration: (id: string, verb: RegistrationVerb, reason: string) =>
    sendJson<Registration>(
      'POST',
      `/api/v1/registrations/${seg(id)}/${verb}`,
      reason ? { reason } : {},
    ),

  users: (signal?: AbortSignal) => getJson<ListResponse<UserRecord>>('/api/v1/users', {}, signal),

  usage: (by: UsageBy, from?: string, to?: string, signal?: AbortSignal) =>
    getJson<UsageStats>('/api/v1/stats/usage', { by, from, to }, signal),
  checkpoint: (signal?: AbortSignal) =>
    getJson<Checkpoint>('/api/v1/audit/checkpoint', { format: 'json' }, signal),
  auditEntries: (start: number, end: number, signal?: AbortSignal) =>
    getJson<AuditEntriesPage>('/api/v1/audit/entries', { start, end }, signal),
  inclusionProof: (index: number, size: number, signal?: AbortSignal) =>
    getJson<InclusionProof>('/api/v1/audit/proof/inclusion', { index, size }, signal),
}
