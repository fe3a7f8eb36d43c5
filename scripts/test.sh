#!/usr/bin/env bash
# test.sh is `make test`, which is also all CI runs: every check a change must pass, cheapest
# first, ending with one summary line.
set -euo pipefail
cd "$(dirname "$0")/.."

start=$SECONDS
step=
trap 'rc=$?; ((rc == 0)) || echo "make test: FAIL in step \"$step\" after $((SECONDS - start))s; the reason is above" >&2' EXIT

step=deps
scripts/deps.sh

step=postgres
# A URL the caller chose wins; otherwise the script finds or starts a server.
VOLTPAY_TEST_DATABASE_URL=$(DATABASE_URL=${VOLTPAY_TEST_DATABASE_URL:-${DATABASE_URL:-}} scripts/ensure-postgres.sh)
# We just made sure there is a server, so a database test that skips would be a false green.
export VOLTPAY_TEST_DATABASE_URL VOLTPAY_REQUIRE_DB=1

step=check-generated
scripts/check-generated.sh

step=frontend
# The admin console: type-check, unit tests, the production build; the tenant app: type-check,
# the H5 build, the mini-program's build and its check (go test and the end-to-end steps then
# embed the builds).
scripts/test-frontend.sh

step=lint
scripts/lint.sh

step="go test"
go test -race -count=1 -timeout 20m ./...

step=e2e
# The console, then the tenant app at 375×812, in Chromium against the real server on a fresh
# demo database each.
scripts/e2e-admin.sh
scripts/e2e-tenant.sh

step=fuzz
scripts/fuzz.sh

echo "make test: PASS in $((SECONDS - start))s (generated code, the console's checks, gofmt, go vet, go test -race on $VOLTPAY_TEST_DATABASE_URL, end-to-end in Chromium, short fuzzing)"
