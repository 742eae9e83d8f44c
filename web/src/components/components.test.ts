import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import StateBlock from './StateBlock.vue'
import FacetGroup from './FacetGroup.vue'
import DatasetCard from './DatasetCard.vue'
import LanguageSwitch from './LanguageSwitch.vue'
import { ApiError } from '@/api/client'
import { LOCALE_STORAGE_KEY } from '@/i18n'
import { makeI18n, makeRouter } from '@/test/helpers'
import { flightsSummary } from '@/test/fixtures'

function plugins(locale: 'zh-CN' | 'en' = 'zh-CN') {
  return [makeI18n(locale), makeRouter(), ElementPlus]
}

describe('StateBlock', () => {
  const err = new ApiError(
    400,
    'query.syntax',
    'Invalid where at character 3',
    'where 第 3 个字符处有误',
    'req-9',
  )

  it('shows the Chinese API message in the Chinese UI, with the request id and a retry', async () => {
    const w = mount(StateBlock, { props: { error: err }, global: { plugins: plugins('zh-CN') } })
    expect(w.text()).toContain('where 第 3 个字符处有误')
    expect(w.text()).toContain('req-9')
    expect(w.get('[role="alert"]')).toBeTruthy()
    await w.get('button').trigger('click')
    expect(w.emitted('retry')).toHaveLength(1)
  })

  it('shows the English message in the English UI', () => {
    const w = mount(StateBlock, { props: { error: err }, global: { plugins: plugins('en') } })
    expect(w.text()).toContain('Invalid where at character 3')
  })

  it('shows loading, empty, then the content', () => {
    const loading = mount(StateBlock, { props: { loading: true }, global: { plugins: plugins() } })
    expect(loading.get('[role="status"]').text()).toContain('正在加载')
    const empty = mount(StateBlock, {
      props: { empty: true, emptyText: '没有' },
      global: { plugins: plugins() },
    })
    expect(empty.text()).toContain('没有')
    const content = mount(StateBlock, {
      slots: { default: '<p>内容</p>' },
      global: { plugins: plugins() },
    })
    expect(content.text()).toBe('内容')
  })
})

describe('FacetGroup', () => {
  it('lists buckets with counts, keeps selected values and emits toggles', async () => {
    const w = mount(FacetGroup, {
      props: {
        name: 'subject',
        buckets: [{ value: 'transport', label_zh: '交通运输', label_en: 'Transport', count: 1234 }],
        selected: ['economy'],
      },
      global: { plugins: plugins() },
    })
    expect(w.get('h3').text()).toBe('主题分类')
    expect(w.text()).toContain('交通运输')
    expect(w.text()).toContain('1,234')
    expect(w.text()).toContain('economy')
    await w.get('[data-value="transport"] input').setValue(true)
    expect(w.emitted('toggle')?.[0]).toEqual(['transport'])
  })
})

describe('DatasetCard', () => {
  it('links to the dataset and shows bilingual values per locale', () => {
    const zh = mount(DatasetCard, {
      props: { resource: flightsSummary },
      global: { plugins: plugins('zh-CN') },
    })
    expect(zh.get('a').attributes('href')).toBe('/datasets/flights')
    expect(zh.text()).toContain('航班运行记录')
    expect(zh.text()).toContain('无条件开放')
    expect(zh.text()).toContain('3,000,000')
    const en = mount(DatasetCard, {
      props: { resource: flightsSummary },
      global: { plugins: plugins('en') },
    })
    expect(en.text()).toContain('Flight operations')
    expect(en.text()).toContain('Civil Aviation Administration')
  })
})

describe('LanguageSwitch', () => {
  it('switches the locale and remembers it', async () => {
    localStorage.removeItem(LOCALE_STORAGE_KEY)
    const i18n = makeI18n('zh-CN')
    const w = mount(LanguageSwitch, { global: { plugins: [i18n] } })
    const en = w.get('[data-locale="en"]')
    expect(en.attributes('aria-pressed')).toBe('false')
    await en.trigger('click')
    expect((i18n.global.locale as unknown as { value: string }).value).toBe('en')
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en')
    expect(document.documentElement.lang).toBe('en')
    expect(w.get('[data-locale="en"]').attributes('aria-pressed')).toBe('true')
  })
})
