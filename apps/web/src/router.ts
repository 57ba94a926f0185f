import { createRouter, createWebHistory } from 'vue-router';
import { useAuthStore } from './stores/auth';
import AcceptView from './views/AcceptView.vue';
import InboxView from './views/InboxView.vue';
import LoginView from './views/LoginView.vue';

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes: [
    { path: '/', redirect: '/inbox' },
    { path: '/login', name: 'login', component: LoginView },
    { path: '/accept', name: 'accept', component: AcceptView },
    { path: '/inbox', name: 'inbox', component: InboxView, meta: { requiresAuth: true } },
    { path: '/:pathMatch(.*)*', redirect: '/inbox' },
  ],
});

router.beforeEach(async (to) => {
  if (to.meta.requiresAuth && !(await useAuthStore().restore())) return { name: 'login' };
  return true;
});
