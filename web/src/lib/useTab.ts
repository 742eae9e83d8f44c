import { computed, type WritableComputedRef } from 'vue'
import { useRoute, useRouter } from 'vue-router'

/** A tab kept in the URL as ?tab= (the first tab is the default and leaves the URL clean). */
export function useTab<T extends string>(tabs: () => readonly T[]): WritableComputedRef<T> {
  const route = useRoute()
  const router = useRouter()
  return computed<T>({
    get() {
      const list = tabs()
      const q = String(route.query.tab ?? '')
      return (list as readonly string[]).includes(q) ? (q as T) : (list[0] as T)
    },
    set(v) {
      const first = tabs()[0]
      void router.replace({ query: { ...route.query, tab: v === first ? undefined : v } })
    },
  })
}
