import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import HomeView from './views/HomeView.vue'

// Public site. Later workflows (login, applications, demands, corrections, objections, usage
// statistics) add their pages under /console/… and a user menu in the header as their APIs land.
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
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('./views/NotFoundView.vue'),
  },
]

export function createAppRouter() {
  return createRouter({
    history: createWebHistory(),
    routes,
    scrollBehavior(to, from, saved) {
      if (saved) return saved
      // Facet clicks and paging keep the catalog in place only when the path is unchanged.
      if (to.path === from.path) return false
      return { top: 0 }
    },
  })
}
