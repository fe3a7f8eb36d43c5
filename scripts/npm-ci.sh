#!/usr/bin/env bash
# npm-ci.sh [--install] DIR installs DIR's node modules with `npm ci` unless node_modules already
# holds what DIR/package-lock.json names (npm writes node_modules/.package-lock.json at each
# install).
# --ignore-scripts: none of the packages needs its install script (esbuild finds its platform
# binary without it), and no package's script runs unreviewed.
# --install: `npm install` with the committed lockfile instead of `npm ci`, for the tenant app
# (frontend/tenant), whose lockfile npm ci refuses: two optional dependencies it names were
# never published (NutUI's usage-stats tool, @tarojs/binding's non-linux builds). The lockfile
# must come out unchanged; if npm rewrote it, it is put back and the install fails.
set -euo pipefail
mode=ci
if [[ ${1:-} == --install ]]; then
	mode=install
	shift
fi
dir=${1:?usage: npm-ci.sh [--install] DIR}
cd "$dir"
if [[ -f node_modules/.package-lock.json && ! node_modules/.package-lock.json -ot package-lock.json ]]; then
	exit 0
fi
if [[ $mode == ci ]]; then
	echo "npm-ci: installing the packages of $dir (npm ci)" >&2
	npm ci --ignore-scripts --no-audit --no-fund >&2
	exit 0
fi
echo "npm-ci: installing the packages of $dir (npm install with the committed lockfile)" >&2
saved=$(mktemp)
trap 'rm -f "$saved"' EXIT
cp package-lock.json "$saved"
npm install --ignore-scripts --no-audit --no-fund --loglevel=error >&2
if ! cmp -s package-lock.json "$saved"; then
	cp "$saved" package-lock.json
	echo "npm-ci: npm install changed $dir/package-lock.json (restored): package.json and the lockfile disagree; run npm install there and commit the lockfile" >&2
	exit 1
fi
