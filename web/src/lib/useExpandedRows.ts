import { ref } from 'vue'

/** Which table rows have their detail row open, by row id. */
export function useExpandedRows() {
  const expanded = ref<Set<string>>(new Set())
  /** Opens or closes a row; returns true when it was opened. */
  function toggle(id: string): boolean {
    const s = new Set(expanded.value)
    const opened = !s.has(id)
    if (opened) s.add(id)
    else s.delete(id)
    expanded.value = s
    return opened
  }
  return { expanded, toggle }
}
