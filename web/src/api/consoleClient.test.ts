import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError, consoleApi, setUnauthorizedHandler } from './client'
import { apiError, stubFetch } from '@/test/helpers'
import { consumerMe, shareApp } from '@/test/fixtures'

afterEach(() => setUnauthorizedHandler(null))

describe('sign-in', () => {
  it('posts the credentials as JSON and returns the user', async () => {
    const { requests } = stubFetch(() => [200, consumerMe])
    const me = await consoleApi.login('consumer', 'secret-password')
    expect(me.organisation.id).toBe('civil-affairs')
    expect(requests[0]!.method).toBe('POST')
    expect(requests[0]!.url.pathname).toBe('/api/v1/auth/login')
    expect(requests[0]!.body).toEqual({ username: 'consumer', password: 'secret-password' })
    const init = vi.mocked(fetch).mock.calls[0]![1]!
    expect(init.credentials).toBe('same-origin')
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json')
  })

  it('carries the bilingual error of a failed sign-in', async () => {
    stubFetch(() => [
      401,
      apiError('auth.invalid_credentials', 'Wrong username or password.', '用户名或密码错误。'),
    ])
    const handler = vi.fn()
    setUnauthorizedHandler(handler)
    const e = (await consoleApi.login('x', 'y').catch((x: unknown) => x)) as ApiError
    expect(e).toBeInstanceOf(ApiError)
    expect(e.localized('zh-CN')).toBe('用户名或密码错误。')
    expect(e.localized('en')).toBe('Wrong username or password.')
    expect(handler).not.toHaveBeenCalled() // a wrong password is not a lost session
  })

  it('logout resolves on 204', async () => {
    const { requests } = stubFetch(() => [204, null])
    await expect(consoleApi.logout()).resolves.toBeUndefined()
    expect(requests[0]!.method).toBe('POST')
    expect(requests[0]!.url.pathname).toBe('/api/v1/auth/logout')
  })

  it('a stale session cookie is reported and the read retried once, anonymously', async () => {
    let n = 0
    const { calls } = stubFetch(() =>
      n++ === 0
        ? [401, apiError('auth.session_invalid', 'Session expired.', '会话已失效。')]
        : [200, { total_count: 0, results: [] }],
    )
    const handler = vi.fn()
    setUnauthorizedHandler(handler)
    const r = await consoleApi.grants('held')
    expect(r.total_count).toBe(0)
    expect(calls).toHaveLength(2)
    expect(handler).toHaveBeenCalledTimes(1)
  })

  it('a console call without a session reports auth.required', async () => {
    stubFetch(() => [401, apiError('auth.required', 'Sign in.', '请先登录后再办理。')])
    const handler = vi.fn()
    setUnauthorizedHandler(handler)
    await expect(consoleApi.shareApplications('applied')).rejects.toBeInstanceOf(ApiError)
    expect(handler).toHaveBeenCalledTimes(1)
  })
})

describe('workflow calls', () => {
  it('lists applications with view and state, leaving empty ones out', async () => {
    const { calls } = stubFetch(() => [200, { total_count: 1, results: [shareApp] }])
    await consoleApi.shareApplications('received')
    await consoleApi.shareApplications('applied', 'approved')
    await consoleApi.openApplications('applied')
    expect(calls[0]!.pathname).toBe('/api/v1/share-applications')
    expect(Object.fromEntries(calls[0]!.searchParams)).toEqual({ view: 'received' })
    expect(Object.fromEntries(calls[1]!.searchParams)).toEqual({
      view: 'applied',
      state: 'approved',
    })
    expect(calls[2]!.pathname).toBe('/api/v1/open-applications')
  })

  it('submits, approves with a narrower scope, rejects with a reason, withdraws', async () => {
    const { requests } = stubFetch(() => [200, shareApp])
    await consoleApi.submitShare({
      resource_id: 'population-registry',
      purposes: ['p1'],
      scenario: 's',
      fields: ['name'],
      term_days: 30,
    })
    await consoleApi.approveShare('sa_1', {
      fields: ['name'],
      row_scope: { field: 'county_code', prefixes: ['3301'] },
      term_days: 10,
    })
    await consoleApi.rejectShare('sa_1', '不符合最小必要原则')
    await consoleApi.withdrawShare('sa/2')
    expect(requests.map((r) => [r.method, r.url.pathname])).toEqual([
      ['POST', '/api/v1/share-applications'],
      ['POST', '/api/v1/share-applications/sa_1/approve'],
      ['POST', '/api/v1/share-applications/sa_1/reject'],
      ['POST', '/api/v1/share-applications/sa%2F2/withdraw'],
    ])
    expect(requests[1]!.body).toEqual({
      fields: ['name'],
      row_scope: { field: 'county_code', prefixes: ['3301'] },
      term_days: 10,
    })
    expect(requests[2]!.body).toEqual({ reason: '不符合最小必要原则' })
  })

  it('open applications carry the agreement; grants and authorizations move by verb', async () => {
    const { requests } = stubFetch(() => [200, {}])
    await consoleApi.submitOpen({
      resource_id: 'bird-strikes',
      purposes: ['x'],
      scenario: 's',
      security_measures: 'm',
      agreement_version: '2026-01',
      agreement_sha256: 'ab',
      agreement_accepted: true,
    })
    await consoleApi.moveGrant('gr_1', 'suspend', '核查')
    await consoleApi.moveGrant('gr_1', 'resume', '')
    await consoleApi.moveAuthorization('au_1', 'terminate', '违约')
    await consoleApi.decideRegistration('reg_1', 'approve', '')
    await consoleApi.submitRegistration({ kind: 'change', resource_id: 'r' })
    expect(requests[0]!.body).toMatchObject({
      agreement_accepted: true,
      agreement_version: '2026-01',
    })
    expect(requests.slice(1).map((r) => [r.url.pathname, r.body])).toEqual([
      ['/api/v1/grants/gr_1/suspend', { reason: '核查' }],
      ['/api/v1/grants/gr_1/resume', {}],
      ['/api/v1/authorizations/au_1/terminate', { reason: '违约' }],
      ['/api/v1/registrations/reg_1/approve', {}],
      ['/api/v1/registrations', { kind: 'change', resource_id: 'r' }],
    ])
  })
})

describe('audit and statistics calls', () => {
  it('asks for the JSON checkpoint, entry ranges from 0, proofs of a size, usage by key', async () => {
    const { calls } = stubFetch(() => [200, {}])
    await consoleApi.checkpoint()
    await consoleApi.auditEntries(0, 20)
    await consoleApi.inclusionProof(5, 114)
    await consoleApi.usage('day', '2026-01-01')
    await consoleApi.usage('organisation')
    expect(calls.map((c) => c.pathname + c.search)).toEqual([
      '/api/v1/audit/checkpoint?format=json',
      '/api/v1/audit/entries?start=0&end=20',
      '/api/v1/audit/proof/inclusion?index=5&size=114',
      '/api/v1/stats/usage?by=day&from=2026-01-01',
      '/api/v1/stats/usage?by=organisation',
    ])
  })
})
