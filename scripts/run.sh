#!/usr/bin/env bash
# run.sh starts Voltpay locally with demo data: `make run`. It uses $DATABASE_URL when set;
# otherwise it finds or starts PostgreSQL with ensure-postgres.sh and uses (creating it if
# needed) the database "voltpay" there. Extra arguments go to `voltpay serve`.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -z ${DATABASE_URL:-} ]]; then
	default='postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable'
	if psql "$default" -X -A -t -w -c 'SELECT 1' >/dev/null 2>&1; then
		admin=$default
	else
		# Nothing answers at the default address: run a private cluster under var/.
		admin=$(scripts/ensure-postgres.sh --private)
	fi
	if [[ $(psql "$admin" -X -A -t -w -c "SELECT 1 FROM pg_database WHERE datname = 'voltpay'") != 1 ]]; then
		echo "run: creating database voltpay" >&2
		psql "$admin" -X -q -w -c 'CREATE DATABASE voltpay' ||
			{ echo "run: could not create database voltpay (see above); create it, or set DATABASE_URL" >&2; exit 1; }
	fi
	# The script prints postgres://…/postgres?…: same server, database voltpay.
	DATABASE_URL=$(sed -E 's#^(postgres(ql)?://[^/?]*)/[^?]*#\1/voltpay#' <<<"$admin")
	export DATABASE_URL
fi

"${MAKE:-make}" --no-print-directory build
echo "run: starting bin/voltpay serve on $DATABASE_URL with demo data" >&2
# The demo's admin password; a database made by an earlier run keeps the one it got then.
export VOLTPAY_ADMIN_PASSWORD=${VOLTPAY_ADMIN_PASSWORD:-voltpay-admin}
VOLTPAY_SEED_DEMO=1 VOLTPAY_LOG_FORMAT=${VOLTPAY_LOG_FORMAT:-text} exec bin/voltpay serve "$@"
