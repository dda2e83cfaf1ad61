import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

// The page's unit tests: jsdom, @sash/api/mocks in place of the C side.
export default defineConfig({
  resolve: { dedupe: ['vue', '@sash/api'] },
  plugins: [vue()],
  test: { environment: 'jsdom', include: ['tests/**/*.test.ts'] },
});
