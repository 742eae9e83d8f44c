import type { ComputedRef, InjectionKey } from 'vue'
import type { ResourceDetail } from '@/api/types'
import type { PreviewState } from './previewState'

export interface PreviewField {
  name: string
  type: string
  title: string
}

/** Shared by the preview, chart and access tabs of a dataset page. */
export interface PreviewContext {
  resource: ComputedRef<ResourceDetail>
  state: PreviewState
  /** Fields whose values the caller may see (the only ones a query may name). */
  fields: ComputedRef<PreviewField[]>
  /**
   * The records/export `channel` parameter: "open" for signed-in users, whose default channel
   * (share for departments, operation for operators) would need a grant — the page shows what the
   * open channel releases (the fields marked available). Anonymous callers send none.
   */
  channel?: ComputedRef<string | undefined>
}

export const PREVIEW_CONTEXT: InjectionKey<PreviewContext> = Symbol('preview-context')
