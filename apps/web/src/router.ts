import { createRouter, createWebHistory } from 'vue-router';
import { type Audience, mayOpen } from './access';
import { useAuthStore } from './stores/auth';
import AcceptView from './views/AcceptView.vue';
import InboxView from './views/InboxView.vue';
import LoginView from './views/LoginView.vue';

declare module 'vue-router' {
  interface RouteMeta {
    requiresAuth?: boolean;
    audience?: Audience;
  }
}

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes: [
    { path: '/', redirect: '/inbox' },
    { path: '/login', name: 'login', component: LoginView },
    { path: '/accept', name: 'accept', component: AcceptView },
    { path: '/inbox/:conversationId?', name: 'inbox', component: InboxView, meta: { requiresAuth: true } },
    // Loaded when first opened, so the sign-in and inbox screens do not carry their code (and ECharts).
    {
      path: '/board',
      name: 'board',
      component: () => import('./views/board/BoardView.vue'),
      meta: { requiresAuth: true, audience: 'everyone' },
    },
    {
      path: '/dashboard',
      name: 'dashboard',
      component: () => import('./views/dashboard/DashboardView.vue'),
      meta: { requiresAuth: true, audience: 'supervisors' },
    },
    {
      path: '/admin',
      name: 'admin',
      component: () => import('./views/admin/AdminView.vue'),
      meta: { requiresAuth: true, audience: 'admins' },
    },
    {
      path: '/profile',
      name: 'profile',
      component: () => import('./views/profile/ProfileView.vue'),
      meta: { requiresAuth: true },
    },
    { path: '/:pathMatch(.*)*', redirect: '/inbox' },
  ],
});

router.beforeEach(async (to) => {
  if (!to.meta.requiresAuth) return true;
  const auth = useAuthStore();
  if (!(await auth.restore())) return { name: 'login' };
  // A screen this user's roles do not open: back to the inbox, which everyone has.
  if (to.meta.audience && !mayOpen(auth.user, to.meta.audience)) return { name: 'inbox' };
  return true;
});
