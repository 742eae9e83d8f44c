import { describe, expect, it } from 'vitest'
import {
  activeFilterCount,
  catalogQueryFor,
  parseCatalogQuery,
  toSearchParams,
  toggleFacet,
} from './catalogState'

describe('catalog URL state', () => {
  it('parses comma-separated and repeated facet values, ignoring junk', () => {
    const s = parseCatalogQuery({
      q: ' 航班 ',
      subject: 'transport,economy',
      provider: ['civil-aviation', 'meteorology'],
      sort: 'bogus',
      page: '-3',
      size: '7',
    })
    expect(s.q).toBe('航班')
    expect(s.filters.subject).toEqual(['transport', 'economy'])
    expect(s.filters.provider).toEqual(['civil-aviation', 'meteorology'])
    expect(s.sort).toBe('relevance')
    expect(s.page).toBe(1)
    expect(s.size).toBe(20)
  })

  it('round-trips through the URL with defaults left out', () => {
    const s = parseCatalogQuery({
      q: '气象',
      open: 'unconditional',
      sort: 'newest',
      page: '3',
      size: '50',
    })
    const q = catalogQueryFor(s)
    expect(q).toEqual({ q: '气象', open: 'unconditional', sort: 'newest', page: '3', size: '50' })
    expect(parseCatalogQuery(q as Record<string, string>)).toEqual(s)
    expect(catalogQueryFor(parseCatalogQuery({}))).toEqual({})
  })

  it('maps to API search params with offset from the page', () => {
    const s = parseCatalogQuery({ subject: 'transport', page: '3', size: '10', sort: 'rows' })
    expect(toSearchParams(s)).toEqual({
      q: '',
      filters: { subject: ['transport'] },
      sort: 'rows',
      limit: 10,
      offset: 20,
    })
  })

  it('toggling a facet adds or removes the value and goes back to page 1', () => {
    const s = parseCatalogQuery({ subject: 'transport', page: '4' })
    const added = toggleFacet(s, 'subject', 'economy')
    expect(added.filters.subject).toEqual(['transport', 'economy'])
    expect(added.page).toBe(1)
    const removed = toggleFacet(added, 'subject', 'transport')
    expect(removed.filters.subject).toEqual(['economy'])
    expect(activeFilterCount(removed)).toBe(1)
    expect(s.filters.subject).toEqual(['transport'])
  })
})
