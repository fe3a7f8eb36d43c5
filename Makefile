# Entry points for developers and CI (.ci/run is `make test`). Recipes stay one line or two;
# the logic, and the error messages that say what to do, live in scripts/.

# Go's tarball installs into /usr/local/go, which non-login shells (CI, cron) often lack on PATH.
export PATH := $(PATH):/usr/local/go/bin

GO ?= go

# go.mod pins the toolchain (its toolchain line: a Go release with the standard library's
# security fixes); "auto" lets an older local Go fetch that release from the module proxy.
# Debian-style images set GOTOOLCHAIN=local in go.env, which would ignore the pin.
export GOTOOLCHAIN ?= auto

.DEFAULT_GOAL := help
.PHONY: help deps generate check-generated lint test fuzz bench bench-meterlink frontend build run reset-demo clean distclean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## /  make \1\t/' | expand -t 24

deps: ## check the toolchain, download Go modules
	@scripts/deps.sh

generate: ## regenerate from graph/*.graphqls: the server code, api/schema.graphql, the examples' clients, the console's operations
	@GO=$(GO) scripts/generate.sh

check-generated: ## fail if generated code is stale
	@scripts/check-generated.sh

lint: ## gofmt and go vet
	@scripts/lint.sh

test: ## everything CI checks: deps, PostgreSQL, generated code, the console's checks, lint, go test -race, end-to-end
	@scripts/test.sh

fuzz: ## every fuzz target for VOLTPAY_FUZZTIME (default 3s) each
	@scripts/fuzz.sh

bench: ## sales/s through GraphQL beside pgbench (docs/BENCHMARKS.md)
	@scripts/bench.sh

bench-meterlink: ## meter poller: a 9600-baud bus vs its line limit, 100,000 meters into PostgreSQL
	@scripts/bench-meterlink.sh

frontend: ## build the admin console and the tenant app's H5 pages into frontend/dist/{admin,tenant}, which make build embeds
	@scripts/frontend.sh

build: ## build bin/voltpay (with the console built by make frontend, or a page saying how)
	$(GO) build -o bin/voltpay ./server

run: ## build the console if missing or stale, run bin/voltpay serve with demo data on a local PostgreSQL
	@scripts/run.sh

reset-demo: ## drop the demo database voltpay and role voltpay_app make run created (a shared server keeps the rest)
	@scripts/reset-demo.sh

clean: ## remove build output
	rm -rf bin frontend/dist/admin frontend/dist/tenant frontend/tenant/dist

distclean: clean reset-demo ## also drop the demo (reset-demo), stop and delete the private PostgreSQL cluster in var/
	@scripts/ensure-postgres.sh --stop
	rm -rf var
