import { describe, expect, it, vi } from 'vitest'
import { fetchWithProgress, filenameFromDisposition } from './download'
import { ApiError } from '@/api/client'

describe('filenameFromDisposition', () => {
  it('reads plain, quoted and RFC 5987 names', () => {
    expect(filenameFromDisposition('attachment; filename="flights-v1.csv"', 'x')).toBe(
      'flights-v1.csv',
    )
    expect(filenameFromDisposition('attachment; filename=a.json', 'x')).toBe('a.json')
    expect(
      filenameFromDisposition("attachment; filename*=UTF-8''%E8%88%AA%E7%8F%AD.csv", 'x'),
    ).toBe('航班.csv')
    expect(filenameFromDisposition(null, 'fallback.csv')).toBe('fallback.csv')
  })
})

describe('fetchWithProgress', () => {
  it('reports bytes as chunks arrive when the length is unknown', async () => {
    const enc = new TextEncoder()
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(enc.encode('a,b\n'))
        c.enqueue(enc.encode('1,2\n'))
        c.close()
      },
    })
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(body, {
            headers: {
              'content-disposition': 'attachment; filename="t.csv"',
              'content-type': 'text/csv',
            },
          }),
      ),
    )
    const seen: number[] = []
    const r = await fetchWithProgress('/x', 'f.csv', (p) => {
      seen.push(p.received)
      expect(p.total).toBeNull()
    })
    expect(r.filename).toBe('t.csv')
    expect(r.bytes).toBe(8)
    expect(seen).toEqual([0, 4, 8])
    expect(await r.blob.text()).toBe('a,b\n1,2\n')
  })

  it('throws the API error of a refused export', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(
            JSON.stringify({
              error: { code: 'policy.denied', message: 'Denied', message_zh: '拒绝' },
            }),
            { status: 403 },
          ),
      ),
    )
    const e = await fetchWithProgress('/x', 'f', () => {}).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(ApiError)
    expect((e as ApiError).localized('zh-CN')).toBe('拒绝')
  })
})
