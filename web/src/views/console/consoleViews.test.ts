import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import { SESSION_MARKER_KEY, resetSession, signIn } from '@/lib/session'
import { resetLookups } from '@/lib/lookups'
import { apiError, flush, makeI18n, makeRouter, stubFetch } from '@/test/helpers'
import { consumerMe, shareApp, stewardMe } from '@/test/fixtures'
import type { Me } from '@/api/types'

const Root = defineComponent({ render: () => h(RouterView) })
const mounted: { unmount: () => void }[] = []
afterEach(() => {
  while (mounted.length) mounted.pop()!.unmount()
})

async function app(path: string, locale: 'zh-CN' | 'en' = 'zh-CN') {
  const router = makeRouter(true)
  await router.push(path)
  await router.isReady()
  const w = mount(Root, { global: { plugins: [makeI18n(locale), router, ElementPlus] } })
  mounted.push(w)
  await flush(15)
  return { w, router }
}

async function as(me: Me) {
  stubFetch(() => [200, me])
  await signIn(me.user.username, 'pw')
}

beforeEach(() => {
  resetSession()
  resetLookups()
  stubFetch(() => [200, { total_count: 0, results: [] }])
})

describe('route guards', () => {
  it('sends signed-out visitors of a console to the login page, remembering where they went', async () => {
    const { router, w } = await app('/console/department?tab=apply')
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query.redirect).toBe('/console/department?tab=apply')
    expect(w.find('[data-testid="login-form"]').exists()).toBe(true)
  })

  it('/console opens the console of the user’s role', async () => {
    await as(stewardMe)
    stubFetch(() => [200, { total_count: 0, results: [] }])
    const { router } = await app('/console')
    expect(router.currentRoute.value.path).toBe('/console/department')
  })

  it('a console of another role shows "no permission"', async () => {
    await as(consumerMe)
    stubFetch(() => [200, { total_count: 0, results: [] }])
    const { w } = await app('/console/auditor')
    expect(w.get('[data-testid="console-forbidden"]').text()).toContain('无权访问')
    expect(w.get('[data-testid="console-forbidden"]').text()).toContain('审计人员')
    expect(w.find('[data-console="auditor"]').exists()).toBe(false)
    const en = await app('/console/authority', 'en')
    expect(en.w.get('[data-testid="console-forbidden"]').text()).toContain('No permission')
  })
})

describe('session expiry', () => {
  it('a console whose session ended goes to the login page, which says so', async () => {
    await as(stewardMe)
    stubFetch((u) =>
      u.pathname.startsWith('/api/v1/share-applications')
        ? [401, apiError('auth.session_invalid', 'Your session has ended.', '会话已失效。')]
        : [200, { total_count: 0, results: [] }],
    )
    const { router, w } = await app('/console/department')
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'))
    expect(router.currentRoute.value.query.redirect).toBe('/console/department')
    await flush()
    expect(w.text()).toContain('登录已失效，请重新登录。')
    expect(localStorage.getItem(SESSION_MARKER_KEY)).toBeNull()
  })
})

describe('LoginView', () => {
  it('shows the API message in Chinese when the password is wrong', async () => {
    const { w } = await app('/login')
    stubFetch(() => [
      401,
      apiError('auth.invalid_credentials', 'Wrong username or password.', '用户名或密码错误。'),
    ])
    await w.get('[data-testid="login-submit"]').trigger('submit')
    expect(w.get('[role="alert"]').text()).toContain('请输入用户名和密码')
    await w.get('[data-testid="login-username"]').setValue('consumer')
    await w.get('[data-testid="login-password"]').setValue('wrong-password')
    await w.get('form').trigger('submit')
    await flush()
    expect(w.get('[data-testid="login-error"]').text()).toContain('用户名或密码错误。')
    expect((w.get('[data-testid="login-password"]').element as HTMLInputElement).value).toBe('')
    expect(localStorage.getItem(SESSION_MARKER_KEY)).toBeNull()
  })

  it('shows the English message in the English UI', async () => {
    const { w } = await app('/login', 'en')
    stubFetch(() => [429, apiError('auth.throttled', 'Too many attempts.', '尝试次数过多。')])
    await w.get('[data-testid="login-username"]').setValue('consumer')
    await w.get('[data-testid="login-password"]').setValue('x')
    await w.get('form').trigger('submit')
    await flush()
    expect(w.get('[data-testid="login-error"]').text()).toContain('Too many attempts.')
  })

  it('goes to ?redirect= after sign-in, but never to another site', async () => {
    stubFetch((u) =>
      u.pathname === '/api/v1/auth/login'
        ? [200, consumerMe]
        : [200, { total_count: 0, results: [] }],
    )
    const first = await app('/login?redirect=/developers?x=1')
    await first.w.get('[data-testid="login-username"]').setValue('consumer')
    await first.w.get('[data-testid="login-password"]').setValue('pw')
    await first.w.get('form').trigger('submit')
    await vi.waitFor(() => expect(first.router.currentRoute.value.fullPath).toBe('/developers?x=1'))
    expect(localStorage.getItem(SESSION_MARKER_KEY)).toBe('1')

    resetSession()
    stubFetch((u) =>
      u.pathname === '/api/v1/auth/login'
        ? [200, consumerMe]
        : [200, { total_count: 0, results: [] }],
    )
    const evil = await app('/login?redirect=//evil.example/x')
    await evil.w.get('[data-testid="login-username"]').setValue('consumer')
    await evil.w.get('[data-testid="login-password"]').setValue('pw')
    await evil.w.get('form').trigger('submit')
    await vi.waitFor(() => expect(evil.router.currentRoute.value.path).toBe('/console/department'))
  })
})

describe('DepartmentConsole', () => {
  it('a steward sees the applications to decide first, with a count, and approves one', async () => {
    await as(stewardMe)
    const { requests } = stubFetch((u, req) => {
      if (req.method === 'POST')
        return [200, { ...shareApp, state: { code: 'approved', zh: '已批准', en: 'approved' } }]
      if (u.pathname === '/api/v1/share-applications' && u.searchParams.get('view') === 'received')
        return [200, { total_count: 1, results: [shareApp] }]
      return [200, { total_count: 0, results: [] }]
    })
    const { w } = await app('/console/department')
    expect(w.get('[data-testid="console-user"]').text()).toContain('公安厅数据管理员')
    expect(w.get('.gs-badge').text()).toBe('1')
    const row = w.get(`tr[data-id="${shareApp.id}"]`)
    expect(row.text()).toContain('已超期')
    // Consumers' apply tab is not there for a steward-only user.
    expect(w.text()).not.toContain('申请共享')
    await row.get('[data-action="approve"]').trigger('click')
    await flush(10)
    ;(document.body.querySelector('[data-testid="approve-confirm"]') as HTMLElement).click()
    await flush(10)
    const post = requests.find((r) => r.method === 'POST')!
    expect(post.url.pathname).toBe(`/api/v1/share-applications/${shareApp.id}/approve`)
    expect(post.body).toEqual({ term_days: 365 })
  })
})
