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
}

export const PREVIEW_CONTEXT: InjectionKey<PreviewContext> = Symbol('preview-context')
