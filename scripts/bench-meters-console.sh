#!/usr/bin/env bash
# bench-meters-console.sh measures the admin console's meters page with 10,000 meters: it
# serves the binary (console embedded) on a throwaway database seeded like the demo, adds
# meters up to VOLTPAY_BENCH_METERS (default 10000) with SQL, and runs
# frontend/admin/scripts/meters-bench.mjs in Debian's Chromium. Figures go to stdout; see
# docs/BENCHMARKS.md ("Meters console"). Environment: VOLTPAY_TEST_DATABASE_URL or
# DATABASE_URL as for scripts/e2e-admin.sh.
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/node.sh
source scripts/lib/node.sh

# shellcheck source=scripts/lib/console-bench.sh
source scripts/lib/console-bench.sh

meters=${VOLTPAY_BENCH_METERS:-10000}
console_bench_serve bench-meters-console

# Meters read recently, in the demo's first building, spread over its floors: rows like the
# demo's, without accounts (an account each would measure the seeding, not the console).
psql "$owner" -X -q -w -v ON_ERROR_STOP=1 <<SQL
INSERT INTO meters (site_id, building_id, floor, room, address, model, protocol, relay, online, last_energy_wh, last_read_at)
SELECT b.site_id, b.id, (n % 20 + 1) || 'F', 'K-' || lpad(n::text, 5, '0'), (800000000000 + n)::text, 'DDSY1352', 'dlt645',
       CASE WHEN n % 17 = 0 THEN 'open' ELSE 'closed' END, n % 23 <> 0, n * 1000, now()
FROM generate_series(1, greatest(0, $meters - (SELECT count(*) FROM meters))) n,
     (SELECT id, site_id FROM buildings ORDER BY id LIMIT 1) b;
ANALYZE meters;
SQL
echo "bench-meters-console: $(psql "$owner" -X -A -t -w -c 'SELECT count(*) FROM meters') meters at http://$addr" >&2
VOLTPAY_E2E_URL=http://$addr node "$admin_app/scripts/meters-bench.mjs"
