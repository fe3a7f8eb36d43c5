#!/usr/bin/env bash
# frontend.sh is `make frontend`: it builds the admin console (frontend/admin) into
# frontend/dist/admin, which `go build` then embeds into the binary (package frontend). It
# installs the npm packages when they are missing or the lockfile changed (npm ci),
# regenerates the typed GraphQL operations from graph/*.graphqls, and runs vite build.
#
#   --if-stale   only when the build is missing or a source is newer (make run); without
#                Node.js it warns and leaves the binary to serve the page saying how to build
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/node.sh
source scripts/lib/node.sh

if [[ ${1:-} == --if-stale ]]; then
	admin_stale || exit 0
	if ! node_ok; then
		echo "frontend: the admin console is missing or stale, and Node.js 20.19+ is not installed to build it;" \
			"the server will serve the page saying how. Install Node.js and run make frontend." >&2
		exit 0
	fi
elif [[ -n ${1:-} ]]; then
	echo "frontend: unknown option $1 (the only one is --if-stale)" >&2
	exit 2
fi

node_require frontend
npm_deps
admin_codegen
admin_build
