import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import HomeView from './views/HomeView.vue'
import { ensureSession, useSession } from './lib/session'
import { consolePath, homeConsole } from './lib/consoles'

declare module 'vue-router' {
  interface RouteMeta {
    /** Signed-out visitors are sent to the login page. */
    requiresAuth?: boolean
    /** Roles that may use the page; others see a "no permission" state (ConsoleLayout). */
    roles?: readonly string[]
  }
}

// Public site, the login page, and the consoles after sign-in under /console/… (one per role
// family; src/lib/consoles.ts).
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: HomeView },
  { path: '/datasets', name: 'catalog', component: () => import('./views/CatalogView.vue') },
  {
    path: '/datasets/:id',
    name: 'dataset',
    component: () => import('./views/DatasetView.vue'),
    props: true,
  },
  {
    path: '/developers',
    name: 'developers',
    component: () => import('./views/DevelopersView.vue'),
  },
  { path: '/login', name: 'login', component: () => import('./views/LoginView.vue') },
  {
    path: '/console',
    component: () => import('./views/console/ConsoleLayout.vue'),
    meta: { requiresAuth: true },
    children: [
      {
        path: '',
        name: 'console',
        redirect: () => {
          const home = homeConsole(useSession().me)
          return home ? consolePath(home) : { name: 'console-none' }
        },
      },
      {
        path: 'none',
        name: 'console-none',
        component: () => import('./views/console/NoConsole.vue'),
      },
      {
        path: 'department',
        name: 'console-department',
        component: () => import('./views/console/DepartmentConsole.vue'),
        meta: { roles: ['department_steward', 'department_consumer'] },
      },
      {
        path: 'operator',
        name: 'console-operator',
        component: () => import('./views/console/OperatorConsole.vue'),
        meta: { roles: ['operator_admin', 'operator_analyst'] },
      },
      {
        path: 'authority',
        name: 'console-authority',
        component: () => import('./views/console/AuthorityConsole.vue'),
        meta: { roles: ['authority_admin'] },
      },
      {
        path: 'auditor',
        name: 'console-auditor',
        component: () => import('./views/console/AuditorConsole.vue'),
        meta: { roles: ['auditor'] },
      },
      {
        path: 'public',
        name: 'console-public',
        component: () => import('./views/console/PublicConsole.vue'),
        meta: { roles: ['public_user'] },
      },
    ],
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('./views/NotFoundView.vue'),
  },
]

export function createAppRouter() {
  const router = createRouter({
    history: createWebHistory(),
    routes,
    scrollBehavior(to, from, saved) {
      if (saved) return saved
      // Facet clicks, paging and console tabs keep the page in place when the path is unchanged.
      if (to.path === from.path) return false
      return { top: 0 }
    },
  })
  installGuards(router)
  return router
}

/** Console routes need a signed-in user: others go to /login?redirect=<where they were going>. */
export function installGuards(router: ReturnType<typeof createRouter>): void {
  router.beforeEach(async (to) => {
    await ensureSession()
    if (to.matched.some((r) => r.meta.requiresAuth) && !useSession().me) {
      return { name: 'login', query: { redirect: to.fullPath } }
    }
    return true
  })
}
