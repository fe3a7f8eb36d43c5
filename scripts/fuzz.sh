#!/usr/bin/env bash
# fuzz.sh runs every fuzz target of the module for a short while (make test runs it with the
# default; longer runs, e.g. before a release: VOLTPAY_FUZZTIME=10m scripts/fuzz.sh). Targets are
# found by name, so a new Fuzz function is fuzzed without editing this file. A failure leaves the
# crashing input under the package's testdata/fuzz/ for `go test` to replay: commit it with the fix.
set -euo pipefail
cd "$(dirname "$0")/.."

fuzztime=${VOLTPAY_FUZZTIME:-3s}
count=0
while IFS=: read -r file name; do
	pkg=./$(dirname "$file")
	echo "fuzz: $pkg $name for $fuzztime" >&2
	go test -run='^$' -fuzz="^${name}\$" -fuzztime="$fuzztime" "$pkg" >/dev/null ||
		{ echo "fuzz: $name in $pkg failed; rerun: go test -run='^\$' -fuzz='^${name}\$' $pkg" >&2; exit 1; }
	count=$((count + 1))
done < <(git ls-files -co --exclude-standard -- '*_test.go' |
	xargs grep -Ho '^func Fuzz[A-Za-z0-9_]*' | sed 's/:func /:/' | sort)
echo "fuzz: $count targets ran $fuzztime each without a failure" >&2
