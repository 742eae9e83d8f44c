// The consoles after sign-in, one per role family, and which apply buttons a user sees on a
// dataset page. Role codes are those of src/identity/roles.cpp.
import type { Me, ResourceSummary } from '@/api/types'

export const CONSOLES = [
  { name: 'department', roles: ['department_steward', 'department_consumer'] },
  { name: 'operator', roles: ['operator_admin', 'operator_analyst'] },
  { name: 'authority', roles: ['authority_admin'] },
  { name: 'auditor', roles: ['auditor'] },
  { name: 'public', roles: ['public_user'] },
] as const

export type ConsoleName = (typeof CONSOLES)[number]['name']

export function rolesOf(me: Me | null | undefined): string[] {
  return me ? me.roles.map((r) => r.code) : []
}

/** Consoles the user may open, in the order of CONSOLES. */
export function consolesFor(me: Me | null | undefined): ConsoleName[] {
  const roles = rolesOf(me)
  return CONSOLES.filter((c) => c.roles.some((r) => roles.includes(r))).map((c) => c.name)
}

export function consoleRoles(name: ConsoleName): readonly string[] {
  return CONSOLES.find((c) => c.name === name)?.roles ?? []
}

export function consolePath(name: ConsoleName): string {
  return `/console/${name}`
}

/** Where "my console" leads: the first console of the user's roles (none: undefined). */
export function homeConsole(me: Me | null | undefined): ConsoleName | undefined {
  return consolesFor(me)[0]
}

/**
 * A department consumer may apply to share another department's 有条件共享 resource
 * (无条件共享 ones are granted on application too, but the button is for conditional sharing).
 */
export function canApplyShare(me: Me | null | undefined, r: ResourceSummary): boolean {
  return (
    !!me &&
    me.organisation.kind === 'department' &&
    rolesOf(me).includes('department_consumer') &&
    r.share.code === 'conditional' &&
    r.provider.id !== me.organisation.id
  )
}

/** A person or an enterprise (role public_user) may apply for a 有条件开放 resource. */
export function canApplyOpen(me: Me | null | undefined, r: ResourceSummary): boolean {
  return (
    !!me &&
    (me.organisation.kind === 'public' || me.organisation.kind === 'enterprise') &&
    rolesOf(me).includes('public_user') &&
    r.open.code === 'conditional'
  )
}

/** Purpose codes (1–64 letters, digits, `. _ : -`) typed as a comma- or space-separated list. */
export const PURPOSE_RE = /^[A-Za-z0-9._:-]{1,64}$/

export function parsePurposes(text: string): { purposes: string[]; invalid: string[] } {
  const items = text
    .split(/[\s,，;；]+/)
    .map((s) => s.trim())
    .filter(Boolean)
  const purposes = [...new Set(items.filter((p) => PURPOSE_RE.test(p)))]
  const invalid = items.filter((p) => !PURPOSE_RE.test(p))
  return { purposes, invalid }
}

/** Deadline state of a date: overdue, due within two days, or later. */
export function deadlineState(
  iso: string | null | undefined,
  now: number = Date.now(),
): 'none' | 'overdue' | 'soon' | 'later' {
  if (!iso) return 'none'
  const t = new Date(iso).getTime()
  if (Number.isNaN(t)) return 'none'
  if (t <= now) return 'overdue'
  if (t - now < 2 * 24 * 3600 * 1000) return 'soon'
  return 'later'
}

/** Element Plus tag type of a workflow state code. */
export function stateTagType(code: string): 'success' | 'warning' | 'danger' | 'info' | 'primary' {
  switch (code) {
    case 'approved':
    case 'active':
    case 'registered':
      return 'success'
    case 'submitted':
    case 'compliance_checked':
    case 'noticed':
    case 'draft':
      return 'primary'
    case 'escalated':
    case 'suspended':
    case 'expired':
      return 'warning'
    case 'rejected':
    case 'revoked':
    case 'terminated':
    case 'exited':
    case 'deregistered':
      return 'danger'
    default:
      return 'info'
  }
}
