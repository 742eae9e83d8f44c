// Who is signed in. The session cookie is HttpOnly, so the page cannot see it: after a sign-in a
// marker in localStorage says "ask GET /api/v1/auth/me"; without it the visitor is anonymous and
// nothing is asked (an anonymous /auth/me answers 401, which the browser would log as an error).
import { reactive, readonly } from 'vue'
import { ApiError, consoleApi, setUnauthorizedHandler } from '@/api/client'
import type { Me } from '@/api/types'

export const SESSION_MARKER_KEY = 'gongshu.session'

interface SessionState {
  me: Me | null
  /** GET /auth/me has been answered (or was not needed). */
  loaded: boolean
  loading: boolean
  /** Set when the server ended the session (expired, revoked); cleared by the next sign-in. */
  expired: boolean
}

const state = reactive<SessionState>({ me: null, loaded: false, loading: false, expired: false })
let pending: Promise<void> | null = null

function marker(): boolean {
  try {
    return globalThis.localStorage?.getItem(SESSION_MARKER_KEY) === '1'
  } catch {
    return false
  }
}
function setMarker(on: boolean): void {
  try {
    if (on) globalThis.localStorage?.setItem(SESSION_MARKER_KEY, '1')
    else globalThis.localStorage?.removeItem(SESSION_MARKER_KEY)
  } catch {
    /* private mode: the sign-in lasts for this page only */
  }
}

/** `expired`: the server ended the session (shown on the login page) rather than the user. */
function signedOut(expired: boolean): void {
  const had = state.me !== null
  state.me = null
  state.loaded = true
  if (!expired) state.expired = false
  else if (had) state.expired = true
  setMarker(false)
}

setUnauthorizedHandler(() => signedOut(true))

/** Loads the signed-in user once (only when a sign-in is remembered). */
export function ensureSession(): Promise<void> {
  if (state.loaded) return Promise.resolve()
  if (!marker()) {
    state.loaded = true
    return Promise.resolve()
  }
  if (!pending) {
    state.loading = true
    pending = consoleApi
      .me()
      .then((me) => {
        state.me = me
      })
      .catch((err: unknown) => {
        // 401: the session is over. Anything else (network): stay signed out for now, keep the
        // marker so that a reload tries again.
        if (err instanceof ApiError && err.status === 401) setMarker(false)
        state.me = null
      })
      .finally(() => {
        state.loaded = true
        state.loading = false
        pending = null
      })
  }
  return pending
}

export async function signIn(username: string, password: string): Promise<Me> {
  const me = await consoleApi.login(username, password)
  state.me = me
  state.loaded = true
  state.expired = false
  setMarker(true)
  return me
}

export async function signOut(): Promise<void> {
  try {
    await consoleApi.logout()
  } catch {
    /* already signed out on the server: clear the page's state anyway */
  } finally {
    signedOut(false)
  }
}

export function hasRole(me: Me | null, ...roles: string[]): boolean {
  return !!me && me.roles.some((r) => roles.includes(r.code))
}

/** The reactive session (read-only for components). */
export function useSession() {
  return readonly(state) as Readonly<SessionState>
}

/** Tests: forget everything. */
export function resetSession(): void {
  state.me = null
  state.loaded = false
  state.loading = false
  state.expired = false
  pending = null
  setMarker(false)
}
