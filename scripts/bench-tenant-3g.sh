#!/usr/bin/env bash
# bench-tenant-3g.sh measures the tenant app's first screen on a throttled 3G-class phone: it
# serves the binary (the tenant app's H5 build embedded) on a throwaway database seeded like the
# demo and runs frontend/tenant/scripts/bench-3g.mjs in Debian's Chromium at 375×812 with
# Chromium's network emulation ("Fast 3G": 1.6 Mbps down, 750 kbps up, 150 ms RTT) and 4× CPU
# throttling, cache cold on every run: the sign-in page, and the home page of a tenant signed in.
# Medians go to stdout; see docs/BENCHMARKS.md ("Tenant app: first screen on 3G"). Not part of
# make test. Environment: VOLTPAY_BENCH_RUNS (default 5), and VOLTPAY_TEST_DATABASE_URL or
# DATABASE_URL as for scripts/e2e-tenant.sh.
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/node.sh
source scripts/lib/node.sh
# shellcheck source=scripts/lib/console-bench.sh
source scripts/lib/console-bench.sh

console_bench_serve bench-tenant-3g tenant
echo "bench-tenant-3g: server at http://$addr" >&2
VOLTPAY_E2E_URL=http://$addr node "$tenant_app/scripts/bench-3g.mjs"
