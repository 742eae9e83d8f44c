import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { ApiError } from '@/api/client'
import type { Me, ResourceDetail, ResourceField } from '@/api/types'
import { resetSession, signIn } from '@/lib/session'
import { resetLookups } from '@/lib/lookups'
import { bytesToBase64, leafHash, nodeHash } from '@/lib/merkle'
import { apiError, flush, makeI18n, makeRouter, stubFetch } from '@/test/helpers'
import {
  citizenMe,
  consumerMe,
  flightsDetail,
  flightsSummary,
  openApp,
  shareApp,
  stewardMe,
} from '@/test/fixtures'
import ShareApplicationsTable from './ShareApplicationsTable.vue'
import ApproveDialog from './ApproveDialog.vue'
import ShareApplyForm from './ShareApplyForm.vue'
import OpenApplyForm from './OpenApplyForm.vue'
import AuditLog from './AuditLog.vue'
import UsageDashboard from './UsageDashboard.vue'
import GrantsTable from './GrantsTable.vue'
import ApplyButtons from '@/components/dataset/ApplyButtons.vue'
import UserMenu from '@/components/UserMenu.vue'

function plugins(locale: 'zh-CN' | 'en' = 'zh-CN') {
  return [makeI18n(locale), makeRouter(), ElementPlus]
}

async function as(me: Me) {
  stubFetch(() => [200, me])
  await signIn(me.user.username, 'pw')
}

beforeEach(() => {
  resetSession()
  resetLookups()
  document.body.innerHTML = ''
  stubFetch(() => [200, { total_count: 0, results: [] }]) // organisation names and the like
})
afterEach(() => {
  vi.useRealTimers()
})

const field = (name: string, level: string, type = 'string'): ResourceField => ({
  name,
  title_zh: `字段${name}`,
  title_en: `Field ${name}`,
  type,
  description_zh: '',
  description_en: '',
  unit: '',
  level: { code: level, zh: level, en: level },
  semantic: '',
  available: false,
})
const registry: ResourceDetail = {
  ...flightsDetail,
  id: 'population-registry',
  title: { zh: '人口基础信息', en: 'Population registry' },
  provider: { id: 'public-security', name_zh: '省公安厅', name_en: 'Public Security' },
  share: { code: 'conditional', zh: '有条件共享', en: 'Conditional sharing', basis: '' },
  open: { code: 'not_open', zh: '不予开放', en: 'Not open', condition: '' },
  fields: [
    field('resident_id', 'L4'),
    field('name', 'L4'),
    field('county_code', 'L2'),
    field('address', 'L4'),
    field('secret_core', 'core'),
  ],
}

describe('ShareApplicationsTable', () => {
  const approved = {
    ...shareApp,
    id: 'sa_approved',
    state: { code: 'approved', zh: '已批准', en: 'approved' },
  }

  it('offers approve/reject to the provider steward only where a decision is due, with deadlines', async () => {
    const w = mount(ShareApplicationsTable, {
      props: { items: [shareApp, approved], mode: 'received', canDecide: true, caption: 'c' },
      global: { plugins: plugins() },
    })
    const pending = w.get(`tr[data-id="${shareApp.id}"]`)
    expect(pending.find('[data-action="approve"]').exists()).toBe(true)
    expect(pending.find('[data-action="reject"]').exists()).toBe(true)
    expect(pending.text()).toContain('已超期') // reply_due in 2000
    expect(pending.text()).toContain('合规检查通过')
    expect(w.get('tr[data-id="sa_approved"]').find('[data-action]').exists()).toBe(false)
    await pending.get('[data-action="approve"]').trigger('click')
    expect(w.emitted('approve')?.[0]).toEqual([shareApp])
    // The details row: scenario, fields, row scope.
    await pending.get('button.gs-linkish').trigger('click')
    expect(w.text()).toContain('最低生活保障资格核查')
    expect(w.text()).toContain('county_code: 33')
  })

  it('shows no decisions to consumers; the applicant may withdraw what is in progress', () => {
    const received = mount(ShareApplicationsTable, {
      props: { items: [shareApp], mode: 'received', canDecide: false, caption: 'c' },
      global: { plugins: plugins() },
    })
    expect(received.find('[data-action]').exists()).toBe(false)
    const applied = mount(ShareApplicationsTable, {
      props: { items: [shareApp, approved], mode: 'applied', canWithdraw: true, caption: 'c' },
      global: { plugins: plugins('en') },
    })
    expect(applied.findAll('[data-action="withdraw"]')).toHaveLength(1)
    expect(applied.text()).toContain('compliance checked')
  })
})

describe('ApproveDialog', () => {
  it('narrows the fields and term and sends only what changed', async () => {
    stubFetch(() => [200, registry])
    const action = vi.fn().mockResolvedValue({})
    const w = mount(ApproveDialog, {
      props: { kind: 'share', application: shareApp, action, modelValue: false },
      global: { plugins: plugins() },
      attachTo: document.body,
    })
    await w.setProps({ modelValue: true })
    await vi.waitFor(() =>
      expect(document.body.querySelector('.el-dialog')?.textContent).toContain('字段address'),
    )
    const dialog = document.body.querySelector('.el-dialog')!
    expect(dialog.textContent).toContain('批准共享申请')
    expect(dialog.textContent).toContain('字段address (address)')
    const address = dialog.querySelector<HTMLInputElement>('[data-field="address"] input')!
    address.click()
    await flush()
    ;(dialog.querySelector('[data-testid="approve-confirm"]') as HTMLElement).click()
    await flush()
    expect(action).toHaveBeenCalledWith({
      fields: ['resident_id', 'name', 'county_code'],
      term_days: 365,
    })
    expect(w.emitted('done')).toHaveLength(1)
    w.unmount()
  })

  it('keeps the dialog open with the API message when the approval is refused', async () => {
    stubFetch(() => [200, registry])
    const action = vi
      .fn()
      .mockRejectedValue(
        new ApiError(422, 'share.row_scope_wider', 'Wider than requested.', '行范围超出申请范围。'),
      )
    const w = mount(ApproveDialog, {
      props: { kind: 'share', application: shareApp, action, modelValue: false },
      global: { plugins: plugins() },
      attachTo: document.body,
    })
    await w.setProps({ modelValue: true })
    await flush(10)
    ;(document.body.querySelector('[data-testid="approve-confirm"]') as HTMLElement).click()
    await flush()
    expect(document.body.querySelector('[role="alert"]')?.textContent).toContain(
      '行范围超出申请范围。',
    )
    expect(w.emitted('done')).toBeUndefined()
    w.unmount()
  })
})

describe('ShareApplyForm', () => {
  it('lists conditional shares of other departments, validates, and submits the application', async () => {
    const summary = { ...flightsSummary, ...registry }
    const own = { ...summary, id: 'own', provider: { ...summary.provider, id: 'civil-affairs' } }
    const open = { ...flightsSummary, id: 'flights' }
    const { requests } = stubFetch((u, req) => {
      if (u.pathname === '/api/v1/resources')
        return [200, { total_count: 3, limit: 100, offset: 0, results: [summary, own, open] }]
      if (u.pathname === '/api/v1/resources/population-registry') return [200, registry]
      if (req.method === 'POST') return [201, { ...shareApp, id: 'sa_new' }]
      return [404, apiError('x', 'x', 'x')]
    })
    const w = mount(ShareApplyForm, {
      props: { me: consumerMe, initialResource: 'population-registry' },
      global: { plugins: plugins() },
    })
    await vi.waitFor(() =>
      expect(w.findAll('[data-testid="apply-fields"] input:checked')).toHaveLength(4),
    )
    // Core fields are never offered; every other field starts selected.
    expect(w.find('[data-field="secret_core"]').exists()).toBe(false)
    expect(w.findAll('[data-testid="apply-fields"] input:checked')).toHaveLength(4)
    await w.get('form').trigger('submit')
    expect(w.get('.gs-problems').text()).toContain('请填写至少一个用途代码')
    expect(w.get('.gs-problems').text()).toContain('请填写应用场景')

    await w.get('[data-testid="apply-purposes"]').setValue('subsistence-allowance, 不合法')
    await w.get('form').trigger('submit')
    expect(w.get('.gs-problems').text()).toContain('不合法')

    await w.get('[data-testid="apply-purposes"]').setValue('subsistence-allowance，audit')
    await w.get('[data-testid="apply-scenario"]').setValue('低保资格核查')
    await w.get('[data-field="address"] input').setValue(false)
    await w.get('form').trigger('submit')
    await flush()
    const post = requests.find((r) => r.method === 'POST')!
    expect(post.url.pathname).toBe('/api/v1/share-applications')
    expect(post.body).toEqual({
      resource_id: 'population-registry',
      purposes: ['subsistence-allowance', 'audit'],
      scenario: '低保资格核查',
      fields: ['resident_id', 'name', 'county_code'],
      term_days: 365,
    })
    expect(w.get('[data-testid="apply-result"]').text()).toContain('共享申请 sa_new 已提交')
    expect(w.emitted('submitted')).toHaveLength(1)
  })

  it('shows the API refusal in the UI language', async () => {
    stubFetch((u, req) => {
      if (u.pathname === '/api/v1/resources')
        return [
          200,
          { total_count: 1, limit: 100, offset: 0, results: [{ ...flightsSummary, ...registry }] },
        ]
      if (req.method === 'POST')
        return [
          409,
          apiError('share.duplicate', 'Already in progress.', '贵部门已有办理中的共享申请。'),
        ]
      return [200, registry]
    })
    const w = mount(ShareApplyForm, {
      props: { me: consumerMe, initialResource: 'population-registry' },
      global: { plugins: plugins('en') },
    })
    await vi.waitFor(() => expect(w.find('[data-field="name"]').exists()).toBe(true))
    await w.get('[data-testid="apply-purposes"]').setValue('x')
    await w.get('[data-testid="apply-scenario"]').setValue('y')
    await w.get('form').trigger('submit')
    await vi.waitFor(() =>
      expect(w.get('[data-testid="apply-error"]').text()).toContain('Already in progress.'),
    )
  })
})

describe('OpenApplyForm', () => {
  const birds: ResourceDetail = {
    ...flightsDetail,
    id: 'bird-strikes',
    open: {
      code: 'conditional',
      zh: '有条件开放',
      en: 'Conditionally open',
      condition: '须签署协议',
    },
    fields: [field('airport', 'L1'), field('cost', 'L3', 'number'), field('pilot', 'L4')],
  }
  it('offers level 1–3 fields, requires the agreement, and sends its version and hash', async () => {
    const { requests } = stubFetch((u, req) => {
      if (u.pathname === '/api/v1/resources')
        return [200, { total_count: 1, limit: 100, offset: 0, results: [birds] }]
      if (u.pathname === '/api/v1/open-applications/agreement')
        return [
          200,
          { version: '2026-01', sha256: 'cd'.repeat(32), text: '公共数据开放利用协议正文' },
        ]
      if (req.method === 'POST') return [201, openApp]
      return [200, birds]
    })
    const w = mount(OpenApplyForm, {
      props: { initialResource: 'bird-strikes' },
      global: { plugins: plugins() },
    })
    await vi.waitFor(() => {
      expect(w.findAll('[data-testid="apply-fields"] input:checked')).toHaveLength(2)
      expect(w.find('[data-testid="agreement-text"]').exists()).toBe(true)
    })
    expect(
      requests.find((r) => r.url.pathname === '/api/v1/resources')!.url.searchParams.getAll('open'),
    ).toEqual(['conditional'])
    expect(w.find('[data-field="pilot"]').exists()).toBe(false)
    expect(w.findAll('[data-testid="apply-fields"] input:checked')).toHaveLength(2)
    expect(w.get('[data-testid="agreement-text"]').text()).toContain('公共数据开放利用协议正文')
    await w.get('[data-testid="apply-purposes"]').setValue('bird-safety')
    await w.get('[data-testid="apply-scenario"]').setValue('鸟击研究')
    await w.get('[data-testid="apply-measures"]').setValue('加密存储')
    await w.get('form').trigger('submit')
    expect(w.get('.gs-problems').text()).toContain('请阅读并勾选同意开放利用协议')
    expect(requests.some((r) => r.method === 'POST')).toBe(false)
    await w.get('[data-testid="apply-accept"] input').setValue(true)
    await w.get('form').trigger('submit')
    await flush()
    expect(requests.find((r) => r.method === 'POST')!.body).toEqual({
      resource_id: 'bird-strikes',
      purposes: ['bird-safety'],
      scenario: '鸟击研究',
      security_measures: '加密存储',
      fields: ['airport', 'cost'],
      term_days: 365,
      agreement_version: '2026-01',
      agreement_sha256: 'cd'.repeat(32),
      agreement_accepted: true,
    })
    expect(w.get('[data-testid="apply-result"]').text()).toContain(openApp.id)
  })
})

describe('AuditLog', () => {
  // A real three-entry tree: root = H(1 ‖ H(1 ‖ l0 ‖ l1) ‖ l2).
  async function tree() {
    const leaves = ['entry-0', 'entry-1', 'entry-2'].map((s) => new TextEncoder().encode(s))
    const lh = await Promise.all(leaves.map(leafHash))
    const left = await nodeHash(lh[0]!, lh[1]!)
    const root = await nodeHash(left, lh[2]!)
    return { leaves, lh, left, root }
  }
  const event = (i: number) => ({
    version: 1,
    time: '2026-01-01T00:00:00Z',
    time_micros: 0,
    request_id: '',
    decision_id: '',
    principal_id: `u_${i}`,
    organisation_id: 'civil-affairs',
    channel: 'share',
    action: 'records.read',
    resource_id: 'population-registry',
    resource_version: '1',
    fields: [],
    masks: [],
    purpose: '',
    grant_id: '',
    decision: i === 1 ? 'deny' : 'allow',
    rows_returned: i,
    response_hash: null,
    admin: null,
  })

  async function mountLog(tamper: boolean) {
    const { leaves, lh, left, root } = await tree()
    const b64 = bytesToBase64
    const note = `gongshu/test\n3\n${b64(root)}\n\n— gongshu/test AAAAAA==\n`
    const proofs: Record<number, string[]> = {
      0: [b64(lh[1]!), b64(lh[2]!)],
      1: [b64(lh[0]!), b64(lh[2]!)],
      2: [b64(tamper ? lh[0]! : left)],
    }
    const { calls } = stubFetch((u) => {
      switch (u.pathname) {
        case '/api/v1/audit/checkpoint':
          return [
            200,
            {
              origin: 'gongshu/test',
              size: 3,
              root: b64(root),
              root_hex: 'ab',
              hash: 'sha256',
              log_key: 'gongshu/test+01020304+AQ==',
              note,
              signatures: [{ name: 'gongshu/test', key_id: '01020304', kind: 'log' }],
            },
          ]
        case '/api/v1/audit/entries': {
          const start = Number(u.searchParams.get('start'))
          const end = Number(u.searchParams.get('end'))
          const entries = [0, 1, 2]
            .filter((i) => i >= start && i < end)
            .map((i) => ({
              index: i,
              leaf: b64(leaves[i]!),
              leaf_hash: b64(lh[i]!),
              entry: event(i),
            }))
          return [200, { start, end, tree_size: 3, next: null, scope: 'all', entries, hidden: 0 }]
        }
        case '/api/v1/audit/proof/inclusion': {
          const i = Number(u.searchParams.get('index'))
          return [
            200,
            {
              index: i,
              size: 3,
              leaf_hash: b64(lh[i]!),
              hashes: proofs[i],
              root: b64(root),
              checkpoint: note,
            },
          ]
        }
        default:
          return [200, { results: [] }]
      }
    })
    const w = mount(AuditLog, { global: { plugins: plugins() } })
    await vi.waitFor(() => {
      expect(w.findAll('[data-testid="audit-entries"] tbody tr[data-index]')).toHaveLength(3)
      expect(w.find('[data-testid="checkpoint-size"]').exists()).toBe(true)
    })
    return { w, calls }
  }

  it('shows the checkpoint and the newest entries first, and verifies an entry in the browser', async () => {
    const { w, calls } = await mountLog(false)
    expect(w.get('[data-testid="checkpoint-size"]').text()).toBe('3')
    const rows = w.findAll('[data-testid="audit-entries"] tbody tr[data-index]')
    expect(rows.map((r) => r.attributes('data-index'))).toEqual(['2', '1', '0'])
    expect(rows[1]!.text()).toContain('拒绝')
    await rows[1]!.get('[data-action="verify"]').trigger('click')
    await vi.waitFor(() =>
      expect(w.get('tr[data-index="1"] [data-testid="verified"]').text()).toBe('已验证'),
    )
    expect(
      calls.some(
        (c) => c.pathname === '/api/v1/audit/proof/inclusion' && c.search === '?index=1&size=3',
      ),
    ).toBe(true)
    await w.get('tr[data-index="2"] [data-action="verify"]').trigger('click')
    await vi.waitFor(() =>
      expect(w.find('tr[data-index="2"] [data-testid="verified"]').exists()).toBe(true),
    )
  })

  it('reports a proof that does not lead to the signed root', async () => {
    const { w } = await mountLog(true)
    await w.get('tr[data-index="2"] [data-action="verify"]').trigger('click')
    await vi.waitFor(() =>
      expect(w.get('tr[data-index="2"] [data-testid="verify-failed"]').text()).toContain(
        '验证失败',
      ),
    )
    expect(w.find('tr[data-index="2"] [data-testid="verified"]').exists()).toBe(false)
  })
})

describe('UsageDashboard', () => {
  it('shows totals and per-day, per-resource and per-organisation tables', async () => {
    const counts = { calls: 12, rows: 3400, denials: 2, masked: 1, errors: 0, downloads: 1 }
    const { calls } = stubFetch((u) => {
      const by = u.searchParams.get('by')
      const results =
        by === 'day'
          ? [{ day: '2026-01-02', ...counts }]
          : by === 'resource'
            ? [{ resource_id: 'flights', title_zh: '航班运行记录', title_en: 'Flights', ...counts }]
            : by === 'organisation'
              ? [{ organisation_id: '', ...counts }]
              : []
      return [200, { by, from: null, to: null, results, total: counts, log_size: 99 }]
    })
    const w = mount(UsageDashboard, {
      props: { byOrganisation: true },
      global: { plugins: plugins(), stubs: { EChart: true } },
    })
    await vi.waitFor(() => expect(w.findAll('e-chart-stub')).toHaveLength(3))
    expect(
      calls
        .filter((c) => c.pathname === '/api/v1/stats/usage')
        .map((c) => c.searchParams.get('by'))
        .sort(),
    ).toEqual(['day', 'organisation', 'resource'])
    expect(w.get('[data-total="rows"]').text()).toContain('3,400')
    expect(w.findAll('e-chart-stub')).toHaveLength(3)
    expect(w.text()).toContain('2026-01-02')
    expect(w.text()).toContain('航班运行记录')
    expect(w.text()).toContain('匿名用户')
  })
})

describe('GrantsTable', () => {
  const grant = {
    id: 'gr_1',
    kind: 'open',
    resource_id: 'bird-strikes',
    provider_org: 'civil-aviation',
    grantee_org: 'public',
    grantee_user: 'u_citizen',
    application_id: 'oa_1',
    fields: ['airport'],
    row_scope: null,
    purposes: ['bird-safety'],
    state: { code: 'active', zh: '有效', en: 'active' },
    valid_from: '2026-01-01T00:00:00Z',
    valid_until: '2027-01-01T00:00:00Z',
    report_due: '2026-04-01T00:00:00Z',
    reports: 0,
    report_overdue: false,
    created_by: 'u_s',
    reason: '',
    created_at: null,
    updated_at: null,
  }
  it('lets providers suspend and revoke, and holders of open grants report', async () => {
    const provided = mount(GrantsTable, {
      props: { items: [grant], view: 'provided', canManage: true, caption: 'c' },
      global: { plugins: plugins() },
    })
    expect(provided.findAll('[data-action]').map((b) => b.attributes('data-action'))).toEqual([
      'suspend',
      'revoke',
    ])
    const held = mount(GrantsTable, {
      props: { items: [grant], view: 'held', canReport: true, caption: 'c' },
      global: { plugins: plugins() },
    })
    expect(held.findAll('[data-action]').map((b) => b.attributes('data-action'))).toEqual([
      'report',
    ])
    await held.get('[data-action="report"]').trigger('click')
    expect(held.emitted('report')).toHaveLength(1)
  })
})

describe('ApplyButtons', () => {
  const shareable = { ...flightsSummary, ...registry }
  const openable = {
    ...flightsSummary,
    id: 'bird-strikes',
    open: { code: 'conditional', zh: '有条件开放', en: 'Conditionally open', condition: '' },
  }
  it('shows nothing to anonymous visitors', () => {
    const w = mount(ApplyButtons, {
      props: { resource: shareable },
      global: { plugins: plugins() },
    })
    expect(w.find('a').exists()).toBe(false)
  })
  it('offers conditional sharing to department consumers, conditional opening to the public', async () => {
    await as(consumerMe)
    const share = mount(ApplyButtons, {
      props: { resource: shareable },
      global: { plugins: plugins() },
    })
    expect(share.get('[data-testid="apply-share"]').attributes('href')).toBe(
      '/console/department?tab=apply&resource=population-registry',
    )
    expect(share.find('[data-testid="apply-open"]').exists()).toBe(false)
    const none = mount(ApplyButtons, {
      props: { resource: openable },
      global: { plugins: plugins() },
    })
    expect(none.find('a').exists()).toBe(false)

    resetSession()
    await as(citizenMe)
    const open = mount(ApplyButtons, {
      props: { resource: openable },
      global: { plugins: plugins() },
    })
    expect(open.get('[data-testid="apply-open"]').text()).toBe('申请开放数据')
    await as(stewardMe)
    const steward = mount(ApplyButtons, {
      props: { resource: shareable },
      global: { plugins: plugins() },
    })
    expect(steward.find('a').exists()).toBe(false)
  })
})

describe('UserMenu', () => {
  it('offers 登录 (returning to the page) when signed out, the user’s name when signed in', async () => {
    const router = makeRouter()
    await router.push('/datasets?q=航班')
    const out = mount(UserMenu, { global: { plugins: [makeI18n(), router, ElementPlus] } })
    const link = out.get('[data-testid="login-link"]')
    expect(link.text()).toBe('登录')
    const target = router.resolve(link.attributes('href')!)
    expect(target.name).toBe('login')
    expect(target.query.redirect).toBe('/datasets?q=航班')
    await as(stewardMe)
    await flush()
    expect(out.find('[data-testid="login-link"]').exists()).toBe(false)
    expect(out.get('[data-testid="user-button"]').text()).toContain('公安厅数据管理员')
    expect(out.get('[data-testid="user-button"]').attributes('aria-label')).toBe(
      '公安厅数据管理员 的账户菜单',
    )
  })
})
