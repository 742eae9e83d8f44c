// Provinces of China for the map: GB/T 2260 code prefix, the short name used by the bundled
// GeoJSON (echarts 4 map/json/china.json, e.g. "广东"), the full name (e.g. "广东省") and English.

export interface Province {
  prefix: string
  short: string
  full: string
  en: string
}

export const PROVINCES: Province[] = [
  { prefix: '11', short: '北京', full: '北京市', en: 'Beijing' },
  { prefix: '12', short: '天津', full: '天津市', en: 'Tianjin' },
  { prefix: '13', short: '河北', full: '河北省', en: 'Hebei' },
  { prefix: '14', short: '山西', full: '山西省', en: 'Shanxi' },
  { prefix: '15', short: '内蒙古', full: '内蒙古自治区', en: 'Inner Mongolia' },
  { prefix: '21', short: '辽宁', full: '辽宁省', en: 'Liaoning' },
  { prefix: '22', short: '吉林', full: '吉林省', en: 'Jilin' },
  { prefix: '23', short: '黑龙江', full: '黑龙江省', en: 'Heilongjiang' },
  { prefix: '31', short: '上海', full: '上海市', en: 'Shanghai' },
  { prefix: '32', short: '江苏', full: '江苏省', en: 'Jiangsu' },
  { prefix: '33', short: '浙江', full: '浙江省', en: 'Zhejiang' },
  { prefix: '34', short: '安徽', full: '安徽省', en: 'Anhui' },
  { prefix: '35', short: '福建', full: '福建省', en: 'Fujian' },
  { prefix: '36', short: '江西', full: '江西省', en: 'Jiangxi' },
  { prefix: '37', short: '山东', full: '山东省', en: 'Shandong' },
  { prefix: '41', short: '河南', full: '河南省', en: 'Henan' },
  { prefix: '42', short: '湖北', full: '湖北省', en: 'Hubei' },
  { prefix: '43', short: '湖南', full: '湖南省', en: 'Hunan' },
  { prefix: '44', short: '广东', full: '广东省', en: 'Guangdong' },
  { prefix: '45', short: '广西', full: '广西壮族自治区', en: 'Guangxi' },
  { prefix: '46', short: '海南', full: '海南省', en: 'Hainan' },
  { prefix: '50', short: '重庆', full: '重庆市', en: 'Chongqing' },
  { prefix: '51', short: '四川', full: '四川省', en: 'Sichuan' },
  { prefix: '52', short: '贵州', full: '贵州省', en: 'Guizhou' },
  { prefix: '53', short: '云南', full: '云南省', en: 'Yunnan' },
  { prefix: '54', short: '西藏', full: '西藏自治区', en: 'Tibet' },
  { prefix: '61', short: '陕西', full: '陕西省', en: 'Shaanxi' },
  { prefix: '62', short: '甘肃', full: '甘肃省', en: 'Gansu' },
  { prefix: '63', short: '青海', full: '青海省', en: 'Qinghai' },
  { prefix: '64', short: '宁夏', full: '宁夏回族自治区', en: 'Ningxia' },
  { prefix: '65', short: '新疆', full: '新疆维吾尔自治区', en: 'Xinjiang' },
  { prefix: '71', short: '台湾', full: '台湾省', en: 'Taiwan' },
  { prefix: '81', short: '香港', full: '香港特别行政区', en: 'Hong Kong' },
  { prefix: '82', short: '澳门', full: '澳门特别行政区', en: 'Macao' },
]

const byPrefix = new Map(PROVINCES.map((p) => [p.prefix, p]))
const byShort = new Map(PROVINCES.map((p) => [p.short, p]))

/** The province of a value: a 2-, 6-, 9- or 12-digit division code, a full or short name. */
export function provinceOf(value: unknown): Province | undefined {
  if (value === null || value === undefined) return undefined
  const s = String(value).trim()
  if (/^\d{2,12}$/.test(s)) return byPrefix.get(s.slice(0, 2))
  return byShort.get(normalizeProvinceName(s))
}

/** "广东省" / "广西壮族自治区" / "香港特别行政区" / "北京市" → the GeoJSON's short form. */
export function normalizeProvinceName(name: string): string {
  const s = name.trim()
  if (byShort.has(s)) return s
  for (const p of PROVINCES) if (p.full === s) return p.short
  const stripped = s
    .replace(/(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|省|市)$/, '')
    .trim()
  return byShort.has(stripped) ? stripped : s
}

export interface RegionValue {
  name: string
  value: number
}

/** Sums values per province (GeoJSON short names); rows whose region matches no province are counted apart. */
export function rollUpByProvince(rows: { region: unknown; value: number }[]): {
  data: RegionValue[]
  unmatched: number
} {
  const sums = new Map<string, number>()
  let unmatched = 0
  for (const r of rows) {
    const p = provinceOf(r.region)
    if (!p) {
      unmatched++
      continue
    }
    sums.set(p.short, (sums.get(p.short) ?? 0) + (Number.isFinite(r.value) ? r.value : 0))
  }
  return { data: [...sums].map(([name, value]) => ({ name, value })), unmatched }
}

/** Share of sample values that name or code a province (for choosing the map's region field). */
export function provinceMatchRatio(values: unknown[]): number {
  const present = values.filter((v) => v !== null && v !== undefined && String(v).trim() !== '')
  if (!present.length) return 0
  return present.filter((v) => provinceOf(v)).length / present.length
}

export function provinceLabel(short: string, locale: string): string {
  const p = byShort.get(short)
  if (!p) return short
  return locale.startsWith('zh') ? p.full : p.en
}
