import { defineConfig } from 'vitest/config'

// End-to-end tests: Chromium at a phone's size against a running server whose URL
// scripts/e2e-tenant.sh passes in VOLTPAY_E2E_URL (the browser helper is the admin console's).
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
