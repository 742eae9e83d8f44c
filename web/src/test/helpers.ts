// Test helpers: a fetch stub at the network boundary and an app-like mount context.
import { vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { createAppI18n, type Locale } from '@/i18n'
import { installGuards, routes } from '@/router'

export interface Recorded {
  url: URL
  method: string
  /** The parsed JSON body of a write, if any. */
  body: unknown
}

/**
 * Replaces global fetch: `handler(url, request)` returns [status, body] (status 204: no body);
 * calls are recorded (`calls`: URLs; `requests`: with method and JSON body).
 */
export function stubFetch(
  handler: (url: URL, req: Recorded) => [number, unknown] | Promise<[number, unknown]>,
) {
  const calls: URL[] = []
  const requests: Recorded[] = []
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://portal.test')
    calls.push(url)
    const req: Recorded = {
      url,
      method: init?.method ?? 'GET',
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    }
    requests.push(req)
    const [status, body] = await handler(url, req)
    if (status === 204) return new Response(null, { status })
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    })
  })
  vi.stubGlobal('fetch', fn)
  return { calls, requests, fn }
}

/** An API error body as the server sends it. */
export function apiError(code: string, message: string, messageZh: string) {
  return { error: { code, message, message_zh: messageZh, request_id: 'req-t' } }
}

export function makeI18n(locale: Locale = 'zh-CN') {
  return createAppI18n(locale)
}

export function makeRouter(guards = false) {
  const router = createRouter({ history: createMemoryHistory(), routes })
  if (guards) installGuards(router)
  return router
}

export async function flush(times = 5) {
  for (let i = 0; i < times; i++) await new Promise((r) => setTimeout(r, 0))
}
