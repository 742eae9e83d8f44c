// The catalog search state lives in the URL query (shareable, back/forward works):
//   /datasets?q=航班&subject=transport,economy&open=unconditional&sort=newest&page=2&size=20
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import { SEARCH_SORTS, type SearchParams, type SearchSort } from '@/api/client'
import { FACET_NAMES, type FacetName } from '@/api/types'

export const PAGE_SIZES = [10, 20, 50, 100] as const
export const DEFAULT_PAGE_SIZE = 20

export interface CatalogState {
  q: string
  filters: Record<FacetName, string[]>
  sort: SearchSort
  page: number
  size: number
}

function first(v: LocationQuery[string]): string {
  if (Array.isArray(v)) return v[0] ?? ''
  return v ?? ''
}

function list(v: LocationQuery[string]): string[] {
  const raw = Array.isArray(v) ? v : v ? [v] : []
  const out: string[] = []
  for (const item of raw) {
    for (const part of (item ?? '').split(',')) {
      const t = part.trim()
      if (t && !out.includes(t)) out.push(t)
    }
  }
  return out
}

function positiveInt(v: string, fallback: number): number {
  const n = Number.parseInt(v, 10)
  return Number.isFinite(n) && n > 0 ? n : fallback
}

export function emptyFilters(): Record<FacetName, string[]> {
  return Object.fromEntries(FACET_NAMES.map((f) => [f, [] as string[]])) as Record<
    FacetName,
    string[]
  >
}

export function parseCatalogQuery(query: LocationQuery): CatalogState {
  const filters = emptyFilters()
  for (const f of FACET_NAMES) filters[f] = list(query[f])
  const sortRaw = first(query.sort)
  const sort = (SEARCH_SORTS as readonly string[]).includes(sortRaw)
    ? (sortRaw as SearchSort)
    : 'relevance'
  const sizeRaw = positiveInt(first(query.size), DEFAULT_PAGE_SIZE)
  const size = (PAGE_SIZES as readonly number[]).includes(sizeRaw) ? sizeRaw : DEFAULT_PAGE_SIZE
  return {
    q: first(query.q).trim(),
    filters,
    sort,
    page: positiveInt(first(query.page), 1),
    size,
  }
}

/** The URL query for a state; defaults are left out so URLs stay short. */
export function catalogQueryFor(s: CatalogState): LocationQueryRaw {
  const out: LocationQueryRaw = {}
  if (s.q) out.q = s.q
  for (const f of FACET_NAMES) if (s.filters[f]?.length) out[f] = s.filters[f].join(',')
  if (s.sort !== 'relevance') out.sort = s.sort
  if (s.page > 1) out.page = String(s.page)
  if (s.size !== DEFAULT_PAGE_SIZE) out.size = String(s.size)
  return out
}

export function toSearchParams(s: CatalogState): SearchParams {
  const filters: Partial<Record<FacetName, string[]>> = {}
  for (const f of FACET_NAMES) if (s.filters[f]?.length) filters[f] = [...s.filters[f]]
  return { q: s.q, filters, sort: s.sort, limit: s.size, offset: (s.page - 1) * s.size }
}

/** Toggles one facet value; any filter change goes back to page 1. */
export function toggleFacet(s: CatalogState, facet: FacetName, value: string): CatalogState {
  const current = s.filters[facet] ?? []
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value]
  return { ...s, filters: { ...s.filters, [facet]: next }, page: 1 }
}

export function activeFilterCount(s: CatalogState): number {
  return FACET_NAMES.reduce((n, f) => n + (s.filters[f]?.length ?? 0), 0)
}
