import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// The SPA is served from the same origin as the API; in development Vite proxies the API to a local instance
// (`npm run demo` listens on :3000; SWITCHBOARD_API_URL points elsewhere).
const api = process.env.SWITCHBOARD_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  base: '/',
  plugins: [vue()],
  // vue-i18n's build flags: the Composition API only (no legacy API, no devtools), so the rest is tree-shaken.
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/health': { target: api, changeOrigin: false },
      '/socket.io': { target: api, changeOrigin: false, ws: true },
    },
  },
});
