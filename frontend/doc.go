// Package frontend carries the built web front ends into the voltpay binary
// and serves them: the admin console (frontend/admin, a Vite build written to
// dist/admin) at / with its history fallback, GraphiQL at /graphiql, and the
// tenant app's H5 pages (frontend/tenant, a Taro build written to
// dist/tenant) at /m/ (TenantApp).
//
// It is a top-level package rather than part of server because go:embed only
// reaches files below the package's own directory, and the front ends' sources
// and builds live here, beside it. A checkout without a build (no Node.js, a
// fresh clone) still compiles: dist/ holds a committed README, and the console
// then serves placeholder/index.html, which says how to build it
// (`make frontend`, or `make run`, which builds it when missing or stale).
//
// Every HTML page is sent with a Content-Security-Policy without inline
// script and with frame-ancestors 'none'. antd writes its styles from
// JavaScript, so the console's policy allows styles carrying a nonce that is
// fresh for each response; the build marks where it goes with a placeholder
// (Vite's html.cspNonce, see frontend/admin/vite.config.ts).
package frontend
