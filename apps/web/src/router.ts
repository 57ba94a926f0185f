import { createRouter, createWebHistory } from 'vue-router';
import { type Audience, mayOpen } from './access';
import { useAuthStore } from './stores/auth';
import AcceptView from './views/AcceptView.vue';
import InboxView from './views/InboxView.vue';
import LoginView from './views/LoginView.vue';
import PlaceholderView from './views/PlaceholderView.vue';

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
    { path: '/inbox', name: 'inbox', component: InboxView, meta: { requiresAuth: true } },
    // Screens of issue 14 still to build: placeholders behind their real guards.
    {
      path: '/board',
      name: 'board',
      component: PlaceholderView,
      props: { title: 'nav.board' },
      meta: { requiresAuth: true, audience: 'everyone' },
    },
    {
      path: '/dashboard',
      name: 'dashboard',
      component: PlaceholderView,
      props: { title: 'nav.dashboard' },
      meta: { requiresAuth: true, audience: 'supervisors' },
    },
    {
      path: '/admin',
      name: 'admin',
      component: PlaceholderView,
      props: { title: 'nav.admin' },
      meta: { requiresAuth: true, audience: 'admins' },
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
