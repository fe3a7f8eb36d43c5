#!/usr/bin/env bash
# lint.sh fails when a Go file is not gofmt-formatted or go vet finds a problem.
set -euo pipefail
cd "$(dirname "$0")/.."

# Only files git would commit: var/pg (a live cluster) and node_modules are not ours to format.
mapfile -t files < <(git ls-files --cached --others --exclude-standard -- '*.go' | while read -r f; do
	[[ -f $f ]] && echo "$f"
done)
if ((${#files[@]})); then
	unformatted=$(gofmt -l -- "${files[@]}")
	if [[ -n $unformatted ]]; then
		echo "lint: these files are not gofmt-formatted; run 'gofmt -w' on them:" >&2
		# shellcheck disable=SC2001 # indent every line, not one substitution
		echo "$unformatted" | sed 's/^/  /' >&2
		exit 1
	fi
fi

go vet ./...
