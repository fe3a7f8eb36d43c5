#!/usr/bin/env bash
# reset-demo.sh is `make reset-demo`: it drops what `make run` made on the PostgreSQL it used,
# so that the next `make run` seeds the demo afresh: the database voltpay (with its ledger,
# operators and tenant logins), the login role voltpay_app, and the files under var/ that
# belong to them (the role's password, paysim's keys). On a shared server at 127.0.0.1:5432
# nothing else is touched; the private cluster under var/pg, if there is one, is reset the same
# way (`make distclean` runs this, then deletes that cluster). With DATABASE_URL set, `make run`
# used that database, which is yours: this script refuses rather than drop it.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -n ${DATABASE_URL:-} ]]; then
	echo "reset-demo: DATABASE_URL is set, so make run used that database; drop it yourself, or unset DATABASE_URL" >&2
	exit 1
fi

admins=()
default='postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable'
if psql "$default" -X -A -t -w -c 'SELECT 1' >/dev/null 2>&1; then
	admins+=("$default")
fi
if [[ -d var/pg ]]; then
	admins+=("$(scripts/ensure-postgres.sh --private)")
fi
if ((${#admins[@]} == 0)); then
	echo "reset-demo: no PostgreSQL at 127.0.0.1:5432 and no private cluster under var/pg: nothing to drop" >&2
fi
for admin in "${admins[@]}"; do
	echo "reset-demo: dropping database voltpay and role voltpay_app on ${admin/:*@/:…@}" >&2
	psql "$admin" -X -q -w -v ON_ERROR_STOP=1 -c 'DROP DATABASE IF EXISTS voltpay WITH (FORCE)'
	psql "$admin" -X -q -w -v ON_ERROR_STOP=1 -c 'DROP ROLE IF EXISTS voltpay_app' ||
		{ echo "reset-demo: voltpay_app still holds privileges in another database (see above); revoke them, then run this again" >&2; exit 1; }
done
rm -rf var/voltpay_app.password var/paysim
echo "reset-demo: done; make run seeds the demo again" >&2
