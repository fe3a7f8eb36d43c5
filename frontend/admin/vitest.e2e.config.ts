import { defineConfig } from 'vitest/config';

// End-to-end tests: Chromium (Debian's, driven by playwright-core) against a running server
// whose URL scripts/e2e-admin.sh passes in VOLTPAY_E2E_URL. One file, in order: the steps
// share a browser and a session like an operator's day.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 45_000,
    hookTimeout: 60_000,
  },
});
