/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The Go server (package frontend) replaces this placeholder in the built HTML with a fresh
// nonce for every response, and its Content-Security-Policy allows styles with that nonce
// only: antd writes its CSS-in-JS <style> tags with the nonce it reads from the page (see
// src/app/nonce.ts). Keep the two in step.
const cspNonce = 'VOLTPAY_CSP_NONCE';

// The development server (npm run dev) proxies the API to a server started with make run.
const api = process.env.VOLTPAY_DEV_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  html: { cspNonce },
  build: {
    // frontend/dist is embedded into the Go binary (frontend/embed.go).
    outDir: '../dist/admin',
    emptyOutDir: true,
    // scripts/bundle-size.mjs reads it to measure what each route loads.
    manifest: true,
    // GraphiQL's Monaco chunk is large by nature and only ever loaded on /graphiql.
    chunkSizeWarningLimit: 3000,
    rolldownOptions: {
      input: { index: 'index.html', graphiql: 'graphiql.html' },
      // GraphiQL's packages mark modules "use no memo" for the React compiler, which we do not
      // run; the warning about dropping it is noise.
      checks: { moduleLevelDirective: false },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    // The session cookie is set by the API through the proxy, so it belongs to this origin;
    // keeping Host as the browser sent it keeps the websocket's Origin check same-origin.
    proxy: { '/graphql': { target: api, ws: true } },
  },
  // Without these GraphiQL's Monaco workers fail to load in development and run on the main thread.
  optimizeDeps: { include: ['picomatch-browser', 'nullthrows'] },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
  },
});
