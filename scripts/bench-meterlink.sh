#!/usr/bin/env bash
# bench-meterlink.sh is `make bench-meterlink`: the meter poller's benchmarks (docs/BENCHMARKS.md,
# "Meter polling"): one 9600-baud bus against its physical limit, then a full and a status
# cycle over 100,000 simulated meters behind 2,000 gateways into PostgreSQL. It prints the
# go test output and keeps it in var/bench/meterlink.txt. Takes about three minutes.
#
# Environment:
#   VOLTPAY_BENCH_PARALLEL  comma list of Config.MaxParallelBuses to try (default: 32,64)
#   VOLTPAY_BENCH_GATEWAYS, VOLTPAY_BENCH_METERS_PER_GATEWAY  fleet size (default 2000 × 50)
#   DATABASE_URL / VOLTPAY_TEST_DATABASE_URL  admin URL of the server to use; otherwise
#                          scripts/ensure-postgres.sh finds or starts one
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."

admin=$(DATABASE_URL=${VOLTPAY_TEST_DATABASE_URL:-${DATABASE_URL:-}} scripts/ensure-postgres.sh)
out=var/bench
mkdir -p "$out"
{
	echo "bench-meterlink: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, $(go version | cut -d' ' -f3)"
	go test -run '^$' -bench '^BenchmarkLine9600$' -benchtime 1x -count 1 ./meterlink/poller/
	VOLTPAY_TEST_DATABASE_URL=$admin VOLTPAY_REQUIRE_DB=1 VOLTPAY_BENCH_PARALLEL=${VOLTPAY_BENCH_PARALLEL:-32,64} \
		go test -v -run '^$' -bench '^BenchmarkFullCycle100k$' -benchtime 1x -count 1 -timeout 30m ./server/pollbench/
} 2>&1 | tee "$out/meterlink.txt"
