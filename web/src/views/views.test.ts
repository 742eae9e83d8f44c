import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { defineComponent, h, provide, computed } from 'vue'
import CatalogView from './CatalogView.vue'
import PreviewTable from '@/components/dataset/PreviewTable.vue'
import AccessPanel from '@/components/dataset/AccessPanel.vue'
import { PREVIEW_CONTEXT } from '@/lib/previewContext'
import { createPreviewState } from '@/lib/previewState'
import { flush, makeI18n, makeRouter, stubFetch } from '@/test/helpers'
import { flightsDetail, searchResponse } from '@/test/fixtures'

describe('CatalogView', () => {
  it('reads its state from the URL, asks the API and writes facet clicks back to the URL', async () => {
    const { calls } = stubFetch(() => [200, searchResponse])
    const router = makeRouter()
    await router.push('/datasets?q=航班&subject=transport&page=2')
    const w = mount(CatalogView, { global: { plugins: [makeI18n(), router, ElementPlus] } })
    await flush()
    const api = calls.find((c) => c.pathname === '/api/v1/resources')!
    expect(api.searchParams.get('q')).toBe('航班')
    expect(api.searchParams.getAll('subject')).toEqual(['transport'])
    expect(api.searchParams.get('offset')).toBe('20')
    expect(w.get('[data-testid="result-count"]').text()).toContain('共 1 个数据资源')
    expect(w.text()).toContain('航班运行记录')

    await w.get('[data-facet="provider"] [data-value="civil-aviation"] input').setValue(true)
    await flush()
    expect(router.currentRoute.value.query).toEqual({
      q: '航班',
      subject: 'transport',
      provider: 'civil-aviation',
    })
    const last = calls[calls.length - 1]!
    expect(last.searchParams.getAll('provider')).toEqual(['civil-aviation'])
    expect(last.searchParams.get('offset')).toBeNull()
  })

  it('shows the API error in Chinese', async () => {
    stubFetch(() => [
      400,
      { error: { code: 'search.bad_sort', message: 'Unknown sort', message_zh: '未知的排序方式' } },
    ])
    const router = makeRouter()
    await router.push('/datasets')
    const w = mount(CatalogView, { global: { plugins: [makeI18n(), router, ElementPlus] } })
    await flush()
    expect(w.get('[role="alert"]').text()).toContain('未知的排序方式')
  })
})

function withContext(component: object, state = createPreviewState()) {
  return defineComponent({
    setup() {
      provide(PREVIEW_CONTEXT, {
        resource: computed(() => flightsDetail),
        state,
        fields: computed(() =>
          flightsDetail.fields
            .filter((f) => f.available)
            .map((f) => ({ name: f.name, type: f.type, title: f.title_zh })),
        ),
      })
      return () => h(component)
    },
  })
}

const recordsBody = {
  total_count: 2,
  limit: 20,
  offset: 0,
  fields: [
    { name: 'date', type: 'datetime' },
    { name: 'delay', type: 'integer' },
    { name: 'origin', type: 'string' },
  ],
  results: [
    { date: '2001-01-01T08:00:00', delay: 75, origin: 'SFO' },
    { date: '2001-01-02T09:00:00', delay: 61, origin: 'SFO' },
  ],
}

describe('PreviewTable', () => {
  it('pages on the server and turns column filters and header clicks into where / order_by', async () => {
    const { calls } = stubFetch(() => [200, recordsBody])
    const state = createPreviewState()
    const w = mount(withContext(PreviewTable, state), {
      global: { plugins: [makeI18n(), makeRouter(), ElementPlus] },
    })
    await flush(10)
    await new Promise((r) => setTimeout(r, 150))
    expect(calls[0]!.pathname).toBe('/api/v1/resources/flights/records')
    expect(calls[0]!.searchParams.get('include_total')).toBe('true')
    expect(w.get('[data-testid="preview-total"]').text()).toContain('共 2 条记录')
    expect(w.findAll('tbody tr')).toHaveLength(2)

    const origin = w.get('[data-filter="origin"] input')
    await origin.setValue('sfo')
    await origin.trigger('change')
    const delayMin = w.findAll('[data-filter="delay"] input')[0]!
    await delayMin.setValue('60')
    await delayMin.trigger('change')
    await w.get('[data-column="delay"] button').trigger('click')
    await w.get('[data-column="delay"] button').trigger('click')
    await new Promise((r) => setTimeout(r, 200))
    await flush()
    const last = calls[calls.length - 1]!
    expect(last.searchParams.get('where')).toBe("delay >= 60 AND lower(origin) LIKE '%sfo%'")
    expect(last.searchParams.get('order_by')).toBe('delay desc')
    expect(w.get('[data-column="delay"]').attributes('aria-sort')).toBe('descending')
  })
})

describe('AccessPanel', () => {
  it('offers every export format with the current filter, and snippets of the on-screen query', async () => {
    const state = createPreviewState()
    state.filters = { origin: { kind: 'text', value: '北京' } }
    const w = mount(withContext(AccessPanel, state), {
      global: { plugins: [makeI18n(), makeRouter(), ElementPlus] },
    })
    await flush()
    for (const f of ['csv', 'json', 'ndjson', 'parquet'])
      expect(w.find(`[data-format="${f}"]`).exists()).toBe(true)
    const url = new URL(w.get('[data-testid="request-url"]').attributes('href')!)
    expect(url.pathname).toBe('/api/v1/resources/flights/records')
    expect(url.searchParams.get('where')).toBe("origin LIKE '%北京%'")
    expect(w.get('[data-snippet="curl"]').text()).toContain(
      "--data-urlencode 'where=origin LIKE '\\''%北京%'\\'''",
    )
  })
})
