import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import sash from '@sash/vite';

// sash() takes the dev server's port from sash.json build.devUrl, the
// output folder from build.frontendDist, and serves the app's CSP in dev.
export default defineConfig({
  // WebKitGTK >= 2.40 knows modulepreload and ES2022: no polyfill needed.
  build: { modulePreload: { polyfill: false }, target: 'es2022' },
  plugins: [react(), tailwindcss(), sash()],
});
