import type {
  Me,
  OpenApplication,
  ResourceDetail,
  ResourceSummary,
  SearchResponse,
  ShareApplication,
} from '@/api/types'

export const flightsSummary: ResourceSummary = {
  id: 'flights',
  title: { zh: '航班运行记录（300万条）', en: 'Flight operations (3 million records)' },
  description: { zh: '美国国内航班准点运行记录', en: 'US domestic on-time records' },
  provider: { id: 'civil-aviation', name_zh: '民航局', name_en: 'Civil Aviation Administration' },
  subject: { code: 'transport', zh: '交通运输', en: 'Transport' },
  update_cycle: { code: 'monthly', zh: '每月', en: 'Monthly' },
  industry: 'G',
  region: '100000',
  tags: ['航班', 'flights'],
  license: 'U.S. Government Works',
  share: { code: 'unconditional', zh: '无条件共享', en: 'Unconditional sharing', basis: '' },
  open: { code: 'unconditional', zh: '无条件开放', en: 'Unconditionally open', condition: '' },
  level: { code: 'L1', zh: '一般1级', en: 'General level 1' },
  status: 'published',
  format: 'parquet',
  row_count: 3000000,
  field_count: 5,
  version: 1,
  created_at: '2024-11-01T00:00:00Z',
  updated_at: '2024-11-02T00:00:00Z',
  published_at: '2024-11-02T00:00:00Z',
}

const L1 = { code: 'L1', zh: '一般1级', en: 'General level 1' }

export const flightsDetail: ResourceDetail = {
  ...flightsSummary,
  fields: [
    {
      name: 'date',
      title_zh: '计划起飞时间',
      title_en: 'Scheduled departure',
      type: 'datetime',
      description_zh: '',
      description_en: '',
      unit: '',
      level: L1,
      semantic: '',
      available: true,
    },
    {
      name: 'delay',
      title_zh: '到达延误',
      title_en: 'Arrival delay',
      type: 'integer',
      description_zh: '',
      description_en: '',
      unit: '分钟',
      level: L1,
      semantic: '',
      available: true,
    },
    {
      name: 'origin',
      title_zh: '出发机场',
      title_en: 'Origin airport',
      type: 'string',
      description_zh: '',
      description_en: '',
      unit: '',
      level: L1,
      semantic: '',
      available: true,
    },
    {
      name: 'secret',
      title_zh: '内部字段',
      title_en: 'Internal',
      type: 'string',
      description_zh: '',
      description_en: '',
      unit: '',
      level: { code: 'L3', zh: '一般3级', en: 'General level 3' },
      semantic: '',
      available: false,
    },
  ],
  current_version: {
    version: 1,
    row_count: 3000000,
    byte_size: 1024,
    checksum: 'abc',
    source_format: 'parquet',
    source_name: 'flights-3m.parquet',
    source_encoding: '',
    note: 'first',
    published_at: '2024-11-02T00:00:00Z',
    quality: {
      row_count: 3000000,
      fields: [{ name: 'delay', null_count: 30000, distinct_count: 900, min: -60, max: 1200 }],
    },
  },
  links: {
    self: '/api/v1/resources/flights',
    records: '/api/v1/resources/flights/records',
    versions: '/api/v1/resources/flights/versions',
    exports: {
      csv: '/api/v1/resources/flights/export.csv',
      json: '/api/v1/resources/flights/export.json',
      ndjson: '/api/v1/resources/flights/export.ndjson',
      parquet: '/api/v1/resources/flights/export.parquet',
    },
  },
}

export const searchResponse: SearchResponse = {
  total_count: 1,
  limit: 20,
  offset: 0,
  results: [flightsSummary],
  facets: {
    subject: [{ value: 'transport', label_zh: '交通运输', label_en: 'Transport', count: 4 }],
    provider: [
      {
        value: 'civil-aviation',
        label_zh: '民航局',
        label_en: 'Civil Aviation Administration',
        count: 3,
      },
    ],
    format: [{ value: 'parquet', label_zh: 'PARQUET', label_en: 'PARQUET', count: 2 }],
    open: [
      {
        value: 'unconditional',
        label_zh: '无条件开放',
        label_en: 'Unconditionally open',
        count: 20,
      },
    ],
    level: [],
    update_cycle: [],
  },
}

// ---- signed-in users and workflow objects ----------------------------------------------------
function me(
  username: string,
  display: string,
  org: { id: string; name_zh: string; name_en: string; kind: string },
  role: { code: string; zh: string; en: string },
): Me {
  return {
    user: { id: `u_${username}`, username, display_name: display },
    display_name: display,
    organisation: { ...org, kind_zh: '', kind_en: '' },
    roles: [role],
    auth: 'session',
    resource_scope: [],
    last_login_at: null,
  }
}

export const civilAffairs = {
  id: 'civil-affairs',
  name_zh: '省民政厅',
  name_en: 'Civil Affairs',
  kind: 'department',
}
export const publicSecurity = {
  id: 'public-security',
  name_zh: '省公安厅',
  name_en: 'Public Security',
  kind: 'department',
}

export const consumerMe = me('consumer', '民政厅数据使用人员', civilAffairs, {
  code: 'department_consumer',
  zh: '部门数据使用人员',
  en: 'Department data consumer',
})
export const stewardMe = me('steward', '公安厅数据管理员', publicSecurity, {
  code: 'department_steward',
  zh: '部门数据管理员',
  en: 'Department data steward',
})
export const citizenMe = me(
  'citizen',
  '社会公众用户',
  { id: 'public', name_zh: '社会公众', name_en: 'The public', kind: 'public' },
  { code: 'public_user', zh: '社会公众用户', en: 'Public user' },
)
export const auditorMe = me(
  'auditor',
  '审计人员',
  { id: 'data-bureau', name_zh: '省数据局', name_en: 'Data Bureau', kind: 'authority' },
  { code: 'auditor', zh: '审计人员', en: 'Auditor' },
)

export const shareApp: ShareApplication = {
  id: 'sa_0123456789abcdef',
  resource_id: 'population-registry',
  provider_org: 'public-security',
  applicant_org: 'civil-affairs',
  applicant_id: 'u_consumer',
  purposes: ['subsistence-allowance'],
  scenario: '最低生活保障资格核查',
  fields: ['resident_id', 'name', 'county_code', 'address'],
  row_scope: { field: 'county_code', prefixes: ['33'] },
  term_days: 365,
  state: { code: 'compliance_checked', zh: '合规检查通过', en: 'compliance checked' },
  compliance_due: '2026-01-02T16:00:00Z',
  reply_due: '2000-01-09T16:00:00Z',
  escalated_at: null,
  reviewer_id: '',
  reason: '自动合规检查通过',
  grant_id: '',
  created_at: '2026-01-01T02:00:00Z',
  updated_at: '2026-01-01T02:00:00Z',
}

export const openApp: OpenApplication = {
  id: 'oa_0123456789abcdef',
  resource_id: 'bird-strikes',
  provider_org: 'civil-aviation',
  applicant_org: 'public',
  applicant_id: 'u_citizen',
  individual: true,
  purposes: ['bird-safety'],
  scenario: '机场鸟击研究',
  security_measures: '加密存储',
  fields: ['airport'],
  term_days: 90,
  agreement: { version: '2026-01', sha256: 'ab'.repeat(32) },
  state: { code: 'submitted', zh: '已提交', en: 'submitted' },
  reviewer_id: '',
  reason: '',
  grant_id: '',
  created_at: '2026-01-01T02:00:00Z',
  updated_at: '2026-01-01T02:00:00Z',
}
