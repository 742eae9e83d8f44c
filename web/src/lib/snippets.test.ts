import { describe, expect, it } from 'vitest'
import { curlSnippet, fullUrl, javascriptSnippet, pythonSnippet, shellQuote } from './snippets'

const url = 'http://127.0.0.1:8080/api/v1/resources/flights/records'
const params = {
  where: "origin = 'SFO' AND delay > 60",
  order_by: 'delay desc',
  limit: 20,
  offset: undefined,
}

describe('snippets', () => {
  it('quotes for the shell, including single quotes', () => {
    expect(shellQuote("a'b")).toBe(`'a'\\''b'`)
  })

  it('curl sends every param with --data-urlencode and skips empty ones', () => {
    const s = curlSnippet(url, params)
    expect(s).toBe(
      [
        `curl -G '${url}'`,
        `  --data-urlencode 'where=origin = '\\''SFO'\\'' AND delay > 60'`,
        `  --data-urlencode 'order_by=delay desc'`,
        `  --data-urlencode 'limit=20'`,
      ].join(' \\\n'),
    )
    expect(s).not.toContain('offset')
  })

  it('curl without params is a plain GET', () => {
    expect(curlSnippet(url, {})).toBe(`curl '${url}'`)
  })

  it('Python uses requests with a params dict', () => {
    const s = pythonSnippet(url, params)
    expect(s).toContain('import requests')
    expect(s).toContain(`    "where": "origin = 'SFO' AND delay > 60",`)
    expect(s).toContain(`    "limit": "20",`)
    expect(s).toContain('requests.get(url, params=params, timeout=60)')
  })

  it('JavaScript uses fetch with URLSearchParams', () => {
    const s = javascriptSnippet(url, { where: 'name LIKE "%北京%"' })
    expect(s).toContain('where: "name LIKE \\"%北京%\\"",')
    expect(s).toContain(`await fetch("${url}" + '?' + params)`)
  })

  it('the three snippets and the URL request the same parameters', () => {
    const u = new URL(fullUrl(url, params))
    expect(u.searchParams.get('where')).toBe(params.where)
    expect(u.searchParams.get('order_by')).toBe('delay desc')
    expect(u.searchParams.get('limit')).toBe('20')
    expect(u.searchParams.has('offset')).toBe(false)
  })
})
