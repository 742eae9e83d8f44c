// Names for the ids workflow objects carry: organisations (GET /api/v1/organisations, public) and
// resource titles (the catalog as the signed-in user sees it). Loaded once per page and user.
import { reactive } from 'vue'
import { api } from '@/api/client'
import type { Bilingual, Organisation } from '@/api/types'
import { useLocale } from './useLocale'

const orgs = reactive(new Map<string, Organisation>())
let orgsLoading: Promise<void> | null = null

const titles = reactive(new Map<string, Bilingual>())
let titlesFor: string | null = null
let titlesLoading: Promise<void> | null = null

export function loadOrganisations(): Promise<void> {
  if (!orgsLoading) {
    orgsLoading = api
      .organisations()
      .then((r) => {
        for (const o of r.results) orgs.set(o.id, o)
      })
      .catch(() => {
        orgsLoading = null // names fall back to ids; try again next time
      })
  }
  return orgsLoading
}

/** Titles of every resource the user can discover (the catalog pages through, 100 at a time). */
export function loadResourceTitles(userId: string): Promise<void> {
  if (titlesFor !== userId) {
    titlesFor = userId
    titles.clear()
    titlesLoading = (async () => {
      try {
        for (let offset = 0; offset < 2000; offset += 100) {
          const page = await api.search({ limit: 100, offset, facets: false, sort: 'title' })
          for (const r of page.results) titles.set(r.id, r.title)
          if (offset + 100 >= page.total_count) break
        }
      } catch {
        titlesFor = null // ids are shown instead of titles
      }
    })()
  }
  return titlesLoading ?? Promise.resolve()
}

export function useLookups() {
  const { pick, pickPair } = useLocale()
  void loadOrganisations()
  function orgName(id: string | null | undefined): string {
    if (!id) return '—'
    const o = orgs.get(id)
    return o ? pickPair(o.name_zh, o.name_en) || id : id
  }
  function resourceTitle(id: string | null | undefined): string {
    if (!id) return '—'
    const t = titles.get(id)
    return t ? pick(t) || id : id
  }
  return { orgName, resourceTitle }
}

/** Tests. */
export function resetLookups(): void {
  orgs.clear()
  titles.clear()
  orgsLoading = null
  titlesLoading = null
  titlesFor = null
}
