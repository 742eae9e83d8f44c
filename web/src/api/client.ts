// Thin client for the Gongshu /api/v1 endpoints. Errors become ApiError carrying the server's
// bilingual message; network failures become ApiError with code "network".
import type {
  ApiErrorBody,
  CatalogStats,
  FacetName,
  Organisation,
  RecordsResponse,
  ResourceDetail,
  SearchResponse,
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

export async function getJson<T>(
  path: string,
  params: QueryParams = {},
  signal?: AbortSignal,
): Promise<T> {
  let res: Response
  try {
    res = await fetch(apiUrl(path, params), { headers: { Accept: 'application/json' }, signal })
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err
    throw networkError(err)
  }
  if (!res.ok) throw await errorFromResponse(res)
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
}
