#!/usr/bin/env bash
# npm-ci.sh DIR installs DIR's node modules with `npm ci` unless node_modules already holds what
# DIR/package-lock.json names (npm writes node_modules/.package-lock.json at each install).
# --ignore-scripts: none of the examples' packages needs its install script (esbuild finds its
# platform binary without it), and no package's script runs unreviewed.
set -euo pipefail
dir=${1:?usage: npm-ci.sh DIR}
cd "$dir"
if [[ -f node_modules/.package-lock.json && ! node_modules/.package-lock.json -ot package-lock.json ]]; then
	exit 0
fi
echo "npm-ci: installing the packages of $dir (npm ci)" >&2
npm ci --ignore-scripts --no-audit --no-fund >&2
