import { onBeforeUnmount, ref, shallowRef, type Ref, type ShallowRef } from 'vue'
import { isAbort } from '@/api/client'

export interface RequestState<T> {
  data: ShallowRef<T | null>
  error: Ref<unknown>
  loading: Ref<boolean>
  run: () => Promise<void>
}

/** Runs an API call with loading/error state; a new run aborts the previous one. */
export function useRequest<T>(fn: (signal: AbortSignal) => Promise<T>): RequestState<T> {
  const data = shallowRef<T | null>(null)
  const error = ref<unknown>(null)
  const loading = ref(false)
  let controller: AbortController | null = null
  async function run() {
    controller?.abort()
    const c = new AbortController()
    controller = c
    loading.value = true
    error.value = null
    try {
      const result = await fn(c.signal)
      if (controller === c) data.value = result
    } catch (err) {
      if (isAbort(err) || controller !== c) return
      error.value = err
    } finally {
      if (controller === c) loading.value = false
    }
  }
  onBeforeUnmount(() => controller?.abort())
  return { data, error, loading, run }
}
