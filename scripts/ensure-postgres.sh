#!/usr/bin/env bash
# ensure-postgres.sh makes sure a PostgreSQL server answers and prints its admin URL
# (database "postgres") as the last line of stdout. Everything else goes to stderr, so
#
#     url=$(scripts/ensure-postgres.sh)
#
# is all a caller needs. When sourced instead of executed it also exports
# VOLTPAY_PG_ADMIN_URL.
#
# It tries, in order, and uses the first server that accepts a real query:
#   1. $DATABASE_URL, as given;
#   2. 127.0.0.1:5432 as user postgres;
#   3. a system cluster from pg_lsclusters (Debian), started if it is down;
#   4. a private cluster under var/pg/ of this repository (port 55432, trust auth),
#      created on first use and reused afterwards.
# If no PostgreSQL is installed at all it installs Debian's package first (needs root).
#
# Options:
#   --private   skip 1-3 and use the private cluster (same as VOLTPAY_PG_PRIVATE=1)
#   --stop      stop the private cluster, if it runs; never touches a system cluster
#   --app-role ADMIN_URL ROLE FILE
#               make sure the server's login ROLE exists on ADMIN_URL's server with no
#               power beyond logging in (no superuser, CREATEDB or CREATEROLE), its password
#               the one kept in FILE (made on first use, mode 600); print the password.
# Environment: VOLTPAY_PG_PORT (private port, default 55432).

_voltpay_ensure_postgres() (
	set -euo pipefail
	shopt -s inherit_errexit # so helpers run inside $(...) stop at their first failure too

	local root pgdir port mode
	root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
	pgdir="$root/var/pg"
	port=${VOLTPAY_PG_PORT:-55432}
	mode=auto
	[[ ${VOLTPAY_PG_PRIVATE:-} == 1 ]] && mode=private

	if [[ ${1:-} == --app-role ]]; then
		(($# == 4)) || { echo "ensure-postgres: usage: --app-role ADMIN_URL ROLE FILE" >&2; return 2; }
		# shellcheck source=scripts/lib/pg-common.sh
		source "$root/scripts/lib/pg-common.sh"
		pg_app_role "$2" "$3" "$4"
		return
	fi

	for arg in "$@"; do
		case $arg in
		--private) mode=private ;;
		--stop) mode=stop ;;
		-h | --help)
			sed -n '2,/^$/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
			return 0
			;;
		*)
			echo "ensure-postgres: unknown option $arg (try --help)" >&2
			return 2
			;;
		esac
	done

	# shellcheck source=scripts/lib/pg-common.sh
	source "$root/scripts/lib/pg-common.sh"
	# shellcheck source=scripts/lib/pg-private.sh
	source "$root/scripts/lib/pg-private.sh"

	if [[ $mode == stop ]]; then
		pg_private_stop "$pgdir"
		return
	fi

	pg_require_client

	if [[ $mode == auto ]]; then
		if [[ -n ${DATABASE_URL:-} ]]; then
			if pg_answers "$DATABASE_URL"; then
				echo "$DATABASE_URL"
				return
			fi
			pg_log "DATABASE_URL is set but the server does not accept a query; trying local servers"
		fi
		local url="postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
		if pg_answers "$url"; then
			pg_log "using the server at 127.0.0.1:5432"
			echo "$url"
			return
		fi
		if url=$(pg_system_cluster); then
			echo "$url"
			return
		fi
	fi

	pg_private_start "$pgdir" "$port"
	echo "postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
)

if [[ ${BASH_SOURCE[0]} != "$0" ]]; then
	# Sourced: keep the caller's shell options and exit status intact.
	VOLTPAY_PG_ADMIN_URL=$(_voltpay_ensure_postgres "$@") && export VOLTPAY_PG_ADMIN_URL &&
		echo "$VOLTPAY_PG_ADMIN_URL"
else
	_voltpay_ensure_postgres "$@"
fi
