#!/usr/bin/env bash
# frontend.sh is `make frontend`: it builds the web front ends that `go build` then embeds into
# the binary (package frontend): the admin console (frontend/admin) into frontend/dist/admin and
# the tenant app's H5 pages (frontend/tenant, served at /m/) into frontend/dist/tenant. For each
# it installs the npm packages when they are missing or the lockfile changed, regenerates the
# typed GraphQL operations from graph/*.graphqls, and builds.
#
#   --if-stale   only what is missing or older than its sources (make run); without Node.js it
#                warns and leaves the binary to serve the pages saying how to build
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/node.sh
source scripts/lib/node.sh

admin=1 tenant=1
if [[ ${1:-} == --if-stale ]]; then
	admin_stale || admin=
	tenant_stale || tenant=
	[[ -n $admin$tenant ]] || exit 0
	if ! node_ok; then
		echo "frontend: the admin console or the tenant app is missing or stale, and Node.js 20.19+ is not installed to build it;" \
			"the server will serve a page saying how. Install Node.js and run make frontend." >&2
		exit 0
	fi
elif [[ -n ${1:-} ]]; then
	echo "frontend: unknown option $1 (the only one is --if-stale)" >&2
	exit 2
fi

node_require frontend
if [[ -n $admin ]]; then
	npm_deps
	admin_codegen
	admin_build
fi
if [[ -n $tenant ]]; then
	tenant_deps
	tenant_codegen
	tenant_build
fi
