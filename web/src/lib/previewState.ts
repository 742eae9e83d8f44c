// State of the dataset preview (rows or group mode, column filters, sort, page) and the records /
// export query parameters it stands for. Downloads, API snippets and charts reuse the same query.
import { reactive } from 'vue'
import { buildWhere, type ColumnFilters } from './where'
import { buildGroupedQuery, orderBy, type Aggregate, type GroupKey, type Sort } from './aggregate'

export type PreviewMode = 'rows' | 'group'

export interface PreviewState {
  mode: PreviewMode
  filters: ColumnFilters
  sort?: Sort
  page: number
  size: number
  /** The group configuration being edited. */
  groupKeys: GroupKey[]
  aggregates: Aggregate[]
  /** The group configuration last run (the one the table shows). */
  applied: { keys: GroupKey[]; aggregates: Aggregate[] } | null
}

export const PREVIEW_PAGE_SIZES = [10, 20, 50, 100] as const

export function createPreviewState(): PreviewState {
  return reactive<PreviewState>({
    mode: 'rows',
    filters: {},
    sort: undefined,
    page: 1,
    size: 20,
    groupKeys: [],
    aggregates: [{ fn: 'count' }],
    applied: null,
  })
}

export interface QueryClauses {
  select?: string
  where?: string
  group_by?: string
  order_by?: string
}

export interface PreviewQuery {
  clauses: QueryClauses
  /** Output columns of a grouped query, in order ([] in rows mode: the server decides). */
  columns: string[]
  invalid: string[]
}

/** The clauses (select/where/group_by/order_by) of what the preview shows. */
export function previewQuery(
  state: PreviewState,
  fields: { name: string; type: string }[],
): PreviewQuery {
  const { where, invalid } = buildWhere(fields, state.filters)
  if (
    state.mode === 'group' &&
    state.applied &&
    state.applied.keys.length + state.applied.aggregates.length > 0
  ) {
    const g = buildGroupedQuery(state.applied.keys, state.applied.aggregates, state.sort)
    return {
      clauses: {
        select: g.select,
        where: where || undefined,
        group_by: g.group_by || undefined,
        order_by: g.order_by,
      },
      columns: g.columns,
      invalid,
    }
  }
  return {
    clauses: { where: where || undefined, order_by: orderBy(state.sort) || undefined },
    columns: [],
    invalid,
  }
}

/** Parameters of the records request for the current page. */
export function recordsParams(
  state: PreviewState,
  fields: { name: string; type: string }[],
): Record<string, string | number | undefined> {
  const q = previewQuery(state, fields)
  return {
    ...q.clauses,
    limit: state.size,
    offset: (state.page - 1) * state.size || undefined,
    include_total: 'true',
  }
}

/** Parameters of an export of the whole filtered (and grouped) result. */
export function exportParams(
  state: PreviewState,
  fields: { name: string; type: string }[],
  withFilters: boolean,
): Record<string, string | undefined> {
  if (!withFilters) return {}
  return { ...previewQuery(state, fields).clauses }
}
