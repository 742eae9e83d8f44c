import { beforeEach, describe, expect, it } from 'vitest'
import { api } from '@/api/client'
import {
  SESSION_MARKER_KEY,
  ensureSession,
  resetSession,
  signIn,
  signOut,
  useSession,
} from './session'
import { apiError, stubFetch } from '@/test/helpers'
import { consumerMe } from '@/test/fixtures'

beforeEach(() => resetSession())

describe('session', () => {
  it('asks nothing when no sign-in is remembered (an anonymous /auth/me would be a 401)', async () => {
    const { calls } = stubFetch(() => [200, consumerMe])
    await ensureSession()
    expect(calls).toHaveLength(0)
    expect(useSession().me).toBeNull()
    expect(useSession().loaded).toBe(true)
  })

  it('loads the user once when a sign-in is remembered', async () => {
    localStorage.setItem(SESSION_MARKER_KEY, '1')
    const { calls } = stubFetch(() => [200, consumerMe])
    await Promise.all([ensureSession(), ensureSession()])
    await ensureSession()
    expect(calls.map((c) => c.pathname)).toEqual(['/api/v1/auth/me'])
    expect(useSession().me?.user.username).toBe('consumer')
  })

  it('forgets a remembered sign-in the server no longer knows', async () => {
    localStorage.setItem(SESSION_MARKER_KEY, '1')
    stubFetch(() => [401, apiError('auth.session_invalid', 'Session expired.', '会话已失效。')])
    await ensureSession()
    expect(useSession().me).toBeNull()
    expect(localStorage.getItem(SESSION_MARKER_KEY)).toBeNull()
  })

  it('signs in and out; sign-out clears the page even when the server call fails', async () => {
    stubFetch((u) => (u.pathname.endsWith('/login') ? [200, consumerMe] : [500, 'boom']))
    await signIn('consumer', 'pw')
    expect(useSession().me?.display_name).toBe('民政厅数据使用人员')
    expect(localStorage.getItem(SESSION_MARKER_KEY)).toBe('1')
    await signOut()
    expect(useSession().me).toBeNull()
    expect(useSession().expired).toBe(false)
    expect(localStorage.getItem(SESSION_MARKER_KEY)).toBeNull()
  })

  it('a 401 on any call while signed in ends the session as expired', async () => {
    stubFetch((u) =>
      u.pathname.endsWith('/login')
        ? [200, consumerMe]
        : [401, apiError('auth.session_invalid', 'Session expired.', '会话已失效。')],
    )
    await signIn('consumer', 'pw')
    await api.stats().catch(() => undefined)
    expect(useSession().me).toBeNull()
    expect(useSession().expired).toBe(true)
  })
})
