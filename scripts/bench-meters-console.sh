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

die() {
	echo "bench-meters-console: $*" >&2
	exit 1
}

node_require bench-meters-console
npm_deps
if admin_stale; then scripts/frontend.sh; fi
"${MAKE:-make}" --no-print-directory build >&2

meters=${VOLTPAY_BENCH_METERS:-10000}
admin=${VOLTPAY_TEST_DATABASE_URL:-${DATABASE_URL:-}}
[[ -n $admin ]] || admin=$(scripts/ensure-postgres.sh)
db=voltpay_bench_console_$$
out=var/bench
mkdir -p "$out"
owner=$(sed -E "s#^(postgres(ql)?://[^/?]*)/[^?]*#\1/$db#" <<<"$admin")
log=$out/console-serve.log

serve_pid=
cleanup() {
	[[ -n $serve_pid ]] && { kill -TERM "$serve_pid" 2>/dev/null || true; wait "$serve_pid" 2>/dev/null || true; }
	psql "$admin" -X -q -w -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
}
trap cleanup EXIT

psql "$admin" -X -q -w -c "CREATE DATABASE $db" || die "could not create database $db"
: >"$log"
DATABASE_URL=$owner VOLTPAY_SEED_DEMO=1 VOLTPAY_ADMIN_PASSWORD=voltpay-admin VOLTPAY_ADDR=127.0.0.1:0 \
	VOLTPAY_LOG_FORMAT=json VOLTPAY_LOG_LEVEL=info bin/voltpay serve >"$log" 2>&1 &
serve_pid=$!
addr=
for ((i = 0; i < 600; i++)); do
	kill -0 "$serve_pid" 2>/dev/null || die "bin/voltpay serve exited; its log is $log"
	addr=$(sed -nE 's/.*"msg":"voltpay serving".*"addr":"([^"]+)".*/\1/p' "$log" | head -1)
	[[ -n $addr ]] && curl -fsS -o /dev/null --max-time 2 "http://$addr/readyz" 2>/dev/null && break
	addr=
	sleep 0.2
done
[[ -n $addr ]] || die "the server did not become ready; its log is $log"

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
