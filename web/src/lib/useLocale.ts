import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { LOCALES, persistLocale, type Locale } from '@/i18n'
import type { Bilingual } from '@/api/types'

/** The UI language and helpers to pick the matching half of bilingual API values. */
export function useLocale() {
  const { locale } = useI18n()
  const isZh = computed(() => locale.value.startsWith('zh'))
  function setLocale(l: Locale) {
    if (!(LOCALES as readonly string[]).includes(l)) return
    locale.value = l
    persistLocale(l)
  }
  /** The value in the UI language, falling back to the other one when empty. */
  function pick(b: Bilingual | null | undefined): string {
    if (!b) return ''
    return isZh.value ? b.zh || b.en : b.en || b.zh
  }
  function pickPair(zh: string | undefined, en: string | undefined): string {
    return isZh.value ? zh || en || '' : en || zh || ''
  }
  return { locale, isZh, setLocale, pick, pickPair }
}
