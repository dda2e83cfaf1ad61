import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (p: string) => fileURLToPath(new URL(`./packages/${p}`, import.meta.url));

// Tests run against the sources: @sash/api resolves to its src/, so the
// Vue and React bindings are tested with the very module the tests mock.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@sash\/api\/mocks$/, replacement: src('api/src/mocks.ts') },
      { find: /^@sash\/api\/window$/, replacement: src('api/src/window.ts') },
      { find: /^@sash\/api$/, replacement: src('api/src/index.ts') },
      { find: /^@sash\/vue$/, replacement: src('vue/src/index.ts') },
      { find: /^@sash\/react$/, replacement: src('react/src/index.ts') },
      { find: /^@sash\/vite$/, replacement: src('vite/src/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    environment: 'jsdom',
    typecheck: {
      enabled: true,
      include: ['packages/*/test/**/*.test-d.ts'],
      tsconfig: './tsconfig.test.json',
    },
  },
});
