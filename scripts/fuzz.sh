#!/usr/bin/env bash
# fuzz.sh runs every fuzz target of the module for a short while (make test runs it with the
# default; longer runs, e.g. before a release: VOLTPAY_FUZZTIME=10m scripts/fuzz.sh). Targets are
# found by name, so a new Fuzz function is fuzzed without editing this file.
#
# A failing input is written under the package's testdata/fuzz/<target>/ for `go test` to replay:
# fix the bug and commit the file as a regression seed. A run that fails without writing one is
# the fuzzing engine itself giving up (a worker starved of CPU on a loaded machine): it is retried
# once, and only a second such failure fails the script.
set -euo pipefail
cd "$(dirname "$0")/.."

fuzztime=${VOLTPAY_FUZZTIME:-3s}
# Minimising a new interesting input reruns the target many times without counting executions;
# with large seeds (the GraphQL probe documents are up to 550 KB) Go's default of 60 s per input
# stalls a run at "0/sec" for minutes. A few seconds keeps the corpus small enough.
minimizetime=${VOLTPAY_FUZZMINIMIZETIME:-5s}
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# crashers lists the failing inputs saved for a target.
crashers() { ls "$1/testdata/fuzz/$2" 2>/dev/null | sort || true; }

count=0
while IFS=: read -r file name; do
	pkg=./$(dirname "$file")
	for try in 1 2; do
		echo "fuzz: $pkg $name for $fuzztime" >&2
		before=$(crashers "$pkg" "$name")
		if go test -run='^$' -fuzz="^${name}\$" -fuzztime="$fuzztime" -fuzzminimizetime="$minimizetime" "$pkg" >"$log" 2>&1; then
			break
		fi
		tail -n 40 "$log" >&2
		if [[ $(crashers "$pkg" "$name") != "$before" ]]; then
			echo "fuzz: $name in $pkg found a failing input (saved under $pkg/testdata/fuzz/$name); replay it with: go test -run='$name' $pkg" >&2
			exit 1
		fi
		if ((try == 2)); then
			echo "fuzz: $name in $pkg failed twice without a failing input; see the output above" >&2
			exit 1
		fi
		echo "fuzz: $name failed without a failing input (the engine, not the code); trying once more" >&2
	done
	count=$((count + 1))
done < <(git ls-files -co --exclude-standard -- '*_test.go' |
	xargs grep -Ho '^func Fuzz[A-Za-z0-9_]*' | sed 's/:func /:/' | sort)
echo "fuzz: $count targets ran $fuzztime each without a failure" >&2
