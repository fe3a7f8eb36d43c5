# shellcheck shell=bash
# console-bench.sh: what the console's browser benchmarks share (scripts/bench-meters-console.sh,
# scripts/bench-console-tti.sh, and scripts/bench-tenant-3g.sh for the tenant app).
# console_bench_serve NAME [tenant] builds the binary with the console (or the tenant app's H5
# build) embedded, makes a throwaway database seeded like the demo on VOLTPAY_TEST_DATABASE_URL or
# DATABASE_URL (otherwise scripts/ensure-postgres.sh finds or starts PostgreSQL), serves it on
# a free loopback port and sets addr (host:port), owner (the database's URL) and admin; the
# database is dropped and the server stopped on exit. Source scripts/lib/node.sh first.

console_bench_serve() {
	local name=$1 app=${2:-admin}
	node_require "$name"
	npm_deps # the browser driver (playwright-core) is the console's
	if [[ $app == tenant ]]; then
		tenant_deps
		if tenant_stale; then
			tenant_codegen
			tenant_build
		fi
	elif admin_stale; then
		scripts/frontend.sh
	fi
	"${MAKE:-make}" --no-print-directory build >&2

	admin=${VOLTPAY_TEST_DATABASE_URL:-${DATABASE_URL:-}}
	[[ -n $admin ]] || admin=$(scripts/ensure-postgres.sh)
	console_bench_db=voltpay_bench_console_$$
	mkdir -p var/bench
	owner=$(sed -E "s#^(postgres(ql)?://[^/?]*)/[^?]*#\1/$console_bench_db#" <<<"$admin")
	local log=var/bench/console-serve.log

	console_bench_pid=
	trap console_bench_cleanup EXIT
	psql "$admin" -X -q -w -c "CREATE DATABASE $console_bench_db" || { echo "$name: could not create database $console_bench_db" >&2; exit 1; }
	: >"$log"
	DATABASE_URL=$owner VOLTPAY_SEED_DEMO=1 VOLTPAY_ADMIN_PASSWORD=voltpay-admin VOLTPAY_ADDR=127.0.0.1:0 \
		VOLTPAY_LOG_FORMAT=json VOLTPAY_LOG_LEVEL=info bin/voltpay serve >"$log" 2>&1 &
	console_bench_pid=$!
	addr=
	local i
	for ((i = 0; i < 600; i++)); do
		kill -0 "$console_bench_pid" 2>/dev/null || { echo "$name: bin/voltpay serve exited; its log is $log" >&2; exit 1; }
		addr=$(sed -nE 's/.*"msg":"voltpay serving".*"addr":"([^"]+)".*/\1/p' "$log" | head -1)
		[[ -n $addr ]] && curl -fsS -o /dev/null --max-time 2 "http://$addr/readyz" 2>/dev/null && break
		addr=
		sleep 0.2
	done
	[[ -n $addr ]] || { echo "$name: the server did not become ready; its log is $log" >&2; exit 1; }
}

console_bench_cleanup() {
	if [[ -n ${console_bench_pid:-} ]]; then
		kill -TERM "$console_bench_pid" 2>/dev/null || true
		wait "$console_bench_pid" 2>/dev/null || true
	fi
	psql "$admin" -X -q -w -c "DROP DATABASE IF EXISTS $console_bench_db WITH (FORCE)" >/dev/null 2>&1 || true
}
