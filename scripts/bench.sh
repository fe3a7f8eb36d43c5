#!/usr/bin/env bash
# bench.sh is `make bench`: sales per second through the real GraphQL HTTP endpoint into
# PostgreSQL, beside pgbench's built-in tpcb-like transaction on the same server, in the same
# run, with the same number of concurrent clients. It prints a table and writes it, with the
# raw outputs, to var/bench/. docs/BENCHMARKS.md explains the figures and keeps those of a
# reference run.
#
# Environment:
#   VOLTPAY_BENCH_CLIENTS  concurrent clients for both pgbench (-c) and Go (default 16)
#   VOLTPAY_BENCH_TIME     seconds each measurement runs (default 30)
#   VOLTPAY_BENCH_SCALE    pgbench -i scale factor (default 10)
#   DATABASE_URL / VOLTPAY_TEST_DATABASE_URL  admin URL of the server to use; otherwise
#                          scripts/ensure-postgres.sh finds or starts one
set -euo pipefail
shopt -s inherit_errexit # helpers run inside $(...) stop at their first failure too
cd "$(dirname "$0")/.."

clients=${VOLTPAY_BENCH_CLIENTS:-16}
seconds=${VOLTPAY_BENCH_TIME:-30}
scale=${VOLTPAY_BENCH_SCALE:-10}
scratch=voltpay_pgbench
out=var/bench

die() {
	echo "bench: $*" >&2
	exit 1
}

[[ $clients =~ ^[1-9][0-9]*$ ]] || die "VOLTPAY_BENCH_CLIENTS=$clients: want a whole number of clients, 1 or more"
[[ $seconds =~ ^[1-9][0-9]*$ ]] || die "VOLTPAY_BENCH_TIME=$seconds: want whole seconds, 1 or more"
[[ $scale =~ ^[1-9][0-9]*$ ]] || die "VOLTPAY_BENCH_SCALE=$scale: want a whole number, 1 or more"

# find_pgbench prints the pgbench to use: PATH first (Debian's pg_wrapper), then the newest
# /usr/lib/postgresql/*/bin/pgbench.
find_pgbench() {
	local p
	if p=$(command -v pgbench); then
		echo "$p"
		return
	fi
	p=$(printf '%s\n' /usr/lib/postgresql/*/bin/pgbench | sort -V | tail -n 1)
	[[ -x $p ]] && echo "$p"
}

# Same server choice as make test: a URL the caller gave wins, else ensure-postgres.sh.
admin=$(DATABASE_URL=${VOLTPAY_TEST_DATABASE_URL:-${DATABASE_URL:-}} scripts/ensure-postgres.sh)

if ! pgbench=$(find_pgbench); then
	# Debian ships pgbench with the server package (postgresql-NN), not with the client.
	if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
		echo "bench: pgbench not found; installing Debian's postgresql package, which has it" >&2
		DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2 </dev/null
	fi
	pgbench=$(find_pgbench) ||
		die "pgbench not found: install it (Debian: apt-get install postgresql; it comes with the server package)"
fi

# The scratch database lives on the admin URL's server; same URL, other database.
bench_url=$(sed -E "s#^(postgres(ql)?://[^/?]*)/[^?]*#\1/$scratch#" <<<"$admin")
[[ $bench_url != "$admin" ]] || die "cannot derive a database URL from $admin; give a postgres:// URL in DATABASE_URL"

psql_admin() { psql "$admin" -X -q -A -t -w -v ON_ERROR_STOP=1 "$@"; }
drop_scratch() { psql_admin -c "DROP DATABASE IF EXISTS $scratch WITH (FORCE)" >/dev/null 2>&1 || true; }
trap drop_scratch EXIT

mkdir -p "$out"
nproc=$(nproc)
jobs=$((clients < nproc ? clients : nproc))
server_version=$(psql_admin -c 'SHOW server_version')
echo "bench: PostgreSQL $server_version, $(go version | cut -d' ' -f3), $nproc CPUs;" \
	"$clients clients, ${seconds}s per measurement" >&2

# busy_warn warns when something else keeps the CPUs busy: the figures would be low.
busy_warn() {
	local a b busy
	read -r -a a < <(awk '/^cpu /{ print $5 + $6, $2 + $3 + $4 + $5 + $6 + $7 + $8 }' /proc/stat)
	sleep 2
	read -r -a b < <(awk '/^cpu /{ print $5 + $6, $2 + $3 + $4 + $5 + $6 + $7 + $8 }' /proc/stat)
	busy=$((100 - (b[0] - a[0]) * 100 / (b[1] - a[1] > 0 ? b[1] - a[1] : 1)))
	if ((busy > 10)); then
		echo "bench: warning: the CPUs were ${busy}% busy just before $1; other work on the machine lowers the figures" >&2
	fi
}

# run_pgbench NAME runs the builtin tpcb-like transaction and prints its tps.
run_pgbench() {
	psql_admin -c CHECKPOINT >/dev/null
	busy_warn "pgbench ($1)"
	echo "bench: pgbench -c $clients -j $jobs -T $seconds -M prepared (builtin tpcb-like, $1)" >&2
	"$pgbench" -c "$clients" -j "$jobs" -T "$seconds" -M prepared "$bench_url" >"$out/pgbench-$1.txt" 2>&1 ||
		{ cat "$out/pgbench-$1.txt" >&2; die "pgbench failed (above)"; }
	sed -nE 's/^tps = ([0-9.]+) \(without initial connection time\).*/\1/p' "$out/pgbench-$1.txt" | grep . ||
		{ cat "$out/pgbench-$1.txt" >&2; die "no 'tps = … (without initial connection time)' line in pgbench's output"; }
}

# 1. pgbench on a scratch database of the same server, before and after the Go benchmarks,
# so that a change in the machine's speed during the run shows.
drop_scratch
psql_admin -c "CREATE DATABASE $scratch" || die "could not create database $scratch (the admin URL's user needs CREATEDB)"
echo "bench: pgbench -i -s $scale" >&2
"$pgbench" -i -q -s "$scale" "$bench_url" >"$out/pgbench-init.txt" 2>&1 ||
	{ cat "$out/pgbench-init.txt" >&2; die "pgbench -i failed (above)"; }
pg_before=$(run_pgbench before)

# 2. The Go benchmarks: a real server on loopback, and the service call alone.
psql_admin -c CHECKPOINT >/dev/null
busy_warn "go test -bench"
echo "bench: go test -bench BenchmarkSell -benchtime ${seconds}s ./server/" >&2
VOLTPAY_TEST_DATABASE_URL=$admin VOLTPAY_REQUIRE_DB=1 VOLTPAY_BENCH_CLIENTS=$clients \
	go test -run '^$' -bench '^BenchmarkSell' -benchtime "${seconds}s" -count 1 -timeout 30m ./server/ \
	>"$out/go-bench.txt" 2>&1 || { cat "$out/go-bench.txt" >&2; die "go test -bench failed (above)"; }

# 3. pgbench again; the ratio is taken against the mean of both.
pg_after=$(run_pgbench after)
drop_scratch
pg_tps=$(awk -v a="$pg_before" -v b="$pg_after" 'BEGIN { print (a + b) / 2 }')

# sales NAME prints the sales/s that benchmark NAME reported.
sales() {
	awk -v name="$1" '$1 ~ "^" name "(-[0-9]+)?$" { for (i = 2; i < NF; i++) if ($(i + 1) == "sales/s") print $i }' "$out/go-bench.txt"
}
gql=$(sales BenchmarkSellGraphQL)
svc=$(sales BenchmarkSellService)
[[ -n $gql && -n $svc ]] || { cat "$out/go-bench.txt" >&2; die "no sales/s figure in the go test output"; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
verdict=$(awk -v g="$gql" -v p="$pg_tps" 'BEGIN { print (g >= p / 2 ? "met" : "NOT met") }')
{
	echo "Run of $(date -u '+%Y-%m-%d %H:%M UTC') on $nproc × $(sed -nE 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)," \
		"PostgreSQL $server_version, $(go version | cut -d' ' -f3), $clients clients, ${seconds}s each:"
	echo
	echo "| measurement | per second |"
	echo "| --- | ---: |"
	printf '| pgbench tpcb-like, -M prepared (tps): before, after, mean | %.0f, %.0f, **%.0f** |\n' "$pg_before" "$pg_after" "$pg_tps"
	printf '| sell over GraphQL HTTP (sales/s) | **%.0f** |\n' "$gql"
	printf '| LedgerService.Sell, no HTTP (sales/s) | %.0f |\n' "$svc"
	echo "| GraphQL / pgbench | **$(ratio "$gql" "$pg_tps")** |"
	echo "| service / pgbench | $(ratio "$svc" "$pg_tps") |"
	echo
	echo "Aim: GraphQL sales/s at least half of pgbench's tps: $verdict."
} | tee "$out/latest.md"
echo "bench: written to $out/latest.md (raw: $out/pgbench-before.txt, $out/go-bench.txt, $out/pgbench-after.txt)" >&2
