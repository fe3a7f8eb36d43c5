#!/usr/bin/env bash
# bench.sh will run Voltpay's benchmarks against a real database. Not written yet.
set -euo pipefail
echo "bench: not yet - no benchmarks have been written; see scripts/bench.sh" >&2
