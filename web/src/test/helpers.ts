// Test helpers: a fetch stub at the network boundary and an app-like mount context.
import { vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { createAppI18n, type Locale } from '@/i18n'
import { routes } from '@/router'

export interface Recorded {
  url: string
}

/** Replaces global fetch: `handler(url)` returns [status, body]; calls are recorded. */
export function stubFetch(handler: (url: URL) => [number, unknown] | Promise<[number, unknown]>) {
  const calls: URL[] = []
  const fn = vi.fn(async (input: RequestInfo | URL) => {
    const url = new URL(String(input), 'http://portal.test')
    calls.push(url)
    const [status, body] = await handler(url)
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    })
  })
  vi.stubGlobal('fetch', fn)
  return { calls, fn }
}

export function makeI18n(locale: Locale = 'zh-CN') {
  return createAppI18n(locale)
}

export function makeRouter() {
  return createRouter({ history: createMemoryHistory(), routes })
}

export async function flush(times = 5) {
  for (let i = 0; i < times; i++) await new Promise((r) => setTimeout(r, 0))
}
