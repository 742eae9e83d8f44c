import { describe, expect, it } from 'vitest'
import {
  canApplyOpen,
  canApplyShare,
  consolePath,
  consolesFor,
  deadlineState,
  homeConsole,
  parsePurposes,
  stateTagType,
} from './consoles'
import { auditorMe, citizenMe, consumerMe, flightsSummary, stewardMe } from '@/test/fixtures'
import type { Me, ResourceSummary } from '@/api/types'

const conditional = (
  share: string,
  open: string,
  provider = 'public-security',
): ResourceSummary => ({
  ...flightsSummary,
  share: { ...flightsSummary.share, code: share },
  open: { ...flightsSummary.open, code: open },
  provider: { ...flightsSummary.provider, id: provider },
})

describe('consoles by role', () => {
  it('maps roles to consoles, in a fixed order', () => {
    expect(consolesFor(consumerMe)).toEqual(['department'])
    expect(consolesFor(auditorMe)).toEqual(['auditor'])
    expect(consolesFor(null)).toEqual([])
    const both: Me = { ...stewardMe, roles: [...auditorMe.roles, ...stewardMe.roles] }
    expect(consolesFor(both)).toEqual(['department', 'auditor'])
    expect(homeConsole(citizenMe)).toBe('public')
    expect(consolePath('operator')).toBe('/console/operator')
  })
})

describe('apply buttons', () => {
  it('conditional share: department consumers of another department only', () => {
    expect(canApplyShare(consumerMe, conditional('conditional', 'not_open'))).toBe(true)
    expect(canApplyShare(consumerMe, conditional('unconditional', 'unconditional'))).toBe(false)
    expect(canApplyShare(consumerMe, conditional('conditional', 'not_open', 'civil-affairs'))).toBe(
      false,
    )
    expect(canApplyShare(stewardMe, conditional('conditional', 'not_open', 'other'))).toBe(false)
    expect(canApplyShare(citizenMe, conditional('conditional', 'conditional'))).toBe(false)
    expect(canApplyShare(null, conditional('conditional', 'not_open'))).toBe(false)
  })

  it('conditional open: persons and enterprises only', () => {
    expect(canApplyOpen(citizenMe, conditional('unconditional', 'conditional'))).toBe(true)
    const enterprise: Me = {
      ...citizenMe,
      organisation: { ...citizenMe.organisation, kind: 'enterprise' },
    }
    expect(canApplyOpen(enterprise, conditional('unconditional', 'conditional'))).toBe(true)
    expect(canApplyOpen(citizenMe, conditional('unconditional', 'unconditional'))).toBe(false)
    expect(canApplyOpen(consumerMe, conditional('unconditional', 'conditional'))).toBe(false)
  })
})

describe('form helpers', () => {
  it('parses purpose codes separated by commas or spaces, reporting malformed ones', () => {
    expect(parsePurposes(' a-1, b:2，c.d  a-1 ')).toEqual({
      purposes: ['a-1', 'b:2', 'c.d'],
      invalid: [],
    })
    expect(parsePurposes('ok, 不行, x/y')).toEqual({ purposes: ['ok'], invalid: ['不行', 'x/y'] })
    expect(parsePurposes('x'.repeat(65)).invalid).toHaveLength(1)
    expect(parsePurposes('').purposes).toEqual([])
  })

  it('classifies deadlines: overdue at the instant, soon within two days', () => {
    const now = Date.parse('2026-01-10T00:00:00Z')
    expect(deadlineState('2026-01-10T00:00:00Z', now)).toBe('overdue')
    expect(deadlineState('2026-01-11T00:00:00Z', now)).toBe('soon')
    expect(deadlineState('2026-01-20T00:00:00Z', now)).toBe('later')
    expect(deadlineState(null, now)).toBe('none')
    expect(deadlineState('nonsense', now)).toBe('none')
  })

  it('colours states', () => {
    expect(stateTagType('approved')).toBe('success')
    expect(stateTagType('escalated')).toBe('warning')
    expect(stateTagType('rejected')).toBe('danger')
    expect(stateTagType('compliance_checked')).toBe('primary')
    expect(stateTagType('whatever')).toBe('info')
  })
})
