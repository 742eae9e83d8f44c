import { describe, expect, it } from 'vitest'
import chinaGeoJson from 'echarts-china-map/map/json/china.json'
import {
  PROVINCES,
  normalizeProvinceName,
  provinceLabel,
  provinceMatchRatio,
  provinceOf,
  rollUpByProvince,
} from './divisions'

describe('provinces', () => {
  it('covers every region of the bundled GeoJSON, by short name and code', () => {
    const features = (chinaGeoJson as { features: { id: string; properties: { name: string } }[] })
      .features
    for (const f of features) {
      const p = provinceOf(f.properties.name)
      expect(p, f.properties.name).toBeDefined()
      expect(p!.prefix + '0000').toBe(f.id)
    }
    expect(PROVINCES).toHaveLength(34)
  })

  it('normalises full names to the GeoJSON short form', () => {
    expect(normalizeProvinceName('广东省')).toBe('广东')
    expect(normalizeProvinceName('广西壮族自治区')).toBe('广西')
    expect(normalizeProvinceName('新疆维吾尔自治区')).toBe('新疆')
    expect(normalizeProvinceName('香港特别行政区')).toBe('香港')
    expect(normalizeProvinceName('北京市')).toBe('北京')
    expect(normalizeProvinceName('内蒙古')).toBe('内蒙古')
  })

  it('reads 2- to 12-digit division codes by their first two digits', () => {
    expect(provinceOf('440000')?.short).toBe('广东')
    expect(provinceOf('440106')?.short).toBe('广东')
    expect(provinceOf('110101001001')?.short).toBe('北京')
    expect(provinceOf('99')).toBeUndefined()
    expect(provinceOf(null)).toBeUndefined()
  })

  it('rolls values up per province and counts the unmatched', () => {
    const r = rollUpByProvince([
      { region: '440100', value: 3 },
      { region: '440300', value: 2 },
      { region: '广东省', value: 1 },
      { region: '110000', value: 7 },
      { region: 'Atlantis', value: 9 },
    ])
    expect(r.data).toEqual([
      { name: '广东', value: 6 },
      { name: '北京', value: 7 },
    ])
    expect(r.unmatched).toBe(1)
  })

  it('measures how many values look like provinces', () => {
    expect(provinceMatchRatio(['广东省', '北京', 'x', null])).toBeCloseTo(2 / 3)
    expect(provinceMatchRatio([])).toBe(0)
  })

  it('labels provinces per locale', () => {
    expect(provinceLabel('广东', 'zh-CN')).toBe('广东省')
    expect(provinceLabel('广东', 'en')).toBe('Guangdong')
  })
})
