import { describe, expect, it } from 'vitest'
import { ApiError, api, apiUrl, searchParamsToQuery, toQueryString } from './client'
import { stubFetch } from '@/test/helpers'

describe('toQueryString', () => {
  it('leaves out empty values and repeats array keys', () => {
    expect(
      toQueryString({ q: '航班', subject: ['transport', 'economy'], empty: '', none: undefined }),
    ).toBe('?q=%E8%88%AA%E7%8F%AD&subject=transport&subject=economy')
    expect(toQueryString({})).toBe('')
  })
  it('encodes query-language text safely', () => {
    expect(apiUrl('/x', { where: "origin = 'SFO' AND delay > 10" })).toBe(
      '/x?where=origin+%3D+%27SFO%27+AND+delay+%3E+10',
    )
  })
})

describe('searchParamsToQuery', () => {
  it('drops defaults (relevance sort, offset 0) and keeps facet filters', () => {
    expect(
      searchParamsToQuery({
        q: ' 航班 ',
        sort: 'relevance',
        limit: 20,
        offset: 0,
        filters: { open: ['unconditional'], level: [] },
      }),
    ).toEqual({
      q: '航班',
      sort: undefined,
      limit: 20,
      offset: undefined,
      facets: undefined,
      open: ['unconditional'],
    })
  })
})

describe('getJson', () => {
  it('returns the parsed body on success', async () => {
    const { calls } = stubFetch(() => [200, { total_count: 0, limit: 20, offset: 0, results: [] }])
    const r = await api.search({ q: '航班', filters: { subject: ['transport'] }, sort: 'newest' })
    expect(r.total_count).toBe(0)
    expect(calls[0]!.pathname).toBe('/api/v1/resources')
    expect(calls[0]!.searchParams.get('q')).toBe('航班')
    expect(calls[0]!.searchParams.getAll('subject')).toEqual(['transport'])
    expect(calls[0]!.searchParams.get('sort')).toBe('newest')
  })

  it('turns the standard error body into an ApiError with both messages', async () => {
    stubFetch(() => [
      404,
      {
        error: {
          code: 'resource.not_found',
          message: "No resource with id 'x'.",
          message_zh: '数据资源“x”不存在。',
          request_id: 'r1',
        },
      },
    ])
    const err = await api.resource('x').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    const e = err as ApiError
    expect(e.status).toBe(404)
    expect(e.code).toBe('resource.not_found')
    expect(e.requestId).toBe('r1')
    expect(e.localized('zh-CN')).toBe('数据资源“x”不存在。')
    expect(e.localized('en')).toBe("No resource with id 'x'.")
  })

  it('handles a non-JSON error body', async () => {
    stubFetch(() => [502, 'Bad gateway'])
    const e = (await api.stats().catch((x: unknown) => x)) as ApiError
    expect(e.code).toBe('http.502')
    expect(e.localized('zh-CN')).toContain('502')
  })

  it('maps a network failure to code "network"', async () => {
    stubFetch(() => {
      throw new TypeError('Failed to fetch')
    })
    const e = (await api.stats().catch((x: unknown) => x)) as ApiError
    expect(e).toBeInstanceOf(ApiError)
    expect(e.code).toBe('network')
  })

  it('escapes resource ids in paths', async () => {
    const { calls } = stubFetch(() => [200, { resource_id: 'a/b', results: [] }])
    await api.versions('a/b')
    expect(calls[0]!.pathname).toBe('/api/v1/resources/a%2Fb/versions')
  })
})
