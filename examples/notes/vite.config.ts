import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import tailwindcss from '@tailwindcss/vite';
import sash from '@sash/vite';

// sash() takes the dev server's port from sash.json build.devUrl, the
// output folder from build.frontendDist, and serves the app's CSP in dev.
export default defineConfig({
  // WebKitGTK >= 2.40 knows modulepreload and ES2022: no polyfill needed.
  build: { modulePreload: { polyfill: false }, target: 'es2022' },
  // @sash/* are the workspace's packages (file:../../js/packages/...):
  // one copy of Vue and of @sash/api, whichever package imports them.
  resolve: { dedupe: ['vue', '@sash/api'] },
  plugins: [vue(), tailwindcss(), sash()],
});
