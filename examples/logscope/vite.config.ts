import { defineConfig, type PluginOption } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import sash from '@sash/vite';

// sash() takes the dev server's port from sash.json build.devUrl, the
// output folder from build.frontendDist, and serves the app's CSP in dev.
// (Inside Sash's tree @sash/vite is the workspace package, typed against
// the workspace's copy of Vite: the cast bridges the two copies' types.)
export default defineConfig({
  // WebKitGTK >= 2.40 knows modulepreload and ES2022: no polyfill needed.
  build: { modulePreload: { polyfill: false }, target: 'es2022' },
  // One React (and one @sash/api) even though @sash/react is linked from
  // the workspace, whose node_modules has its own copy.
  resolve: { dedupe: ['react', 'react-dom', '@sash/api'] },
  plugins: [react(), tailwindcss(), sash() as unknown as PluginOption],
});
