# shellcheck shell=bash
# pg-common.sh: helpers for scripts/ensure-postgres.sh to find, install and probe PostgreSQL.
# Sourced, not executed. Every message goes to stderr: stdout is reserved for the URL.

pg_log() { echo "ensure-postgres: $*" >&2; }

pg_die() {
	echo "ensure-postgres: error: $*" >&2
	exit 1
}

# pg_answers URL succeeds when the server runs a real query as that URL's user. pg_isready
# alone is not enough: a fresh Debian cluster answers but wants a password over TCP.
pg_answers() {
	PGCONNECT_TIMEOUT=5 psql "$1" -X -A -t -q -w -c 'select 1' >/dev/null 2>&1
}

# pg_wait PORT URL waits up to 30 s for 127.0.0.1:PORT to accept connections, then probes URL.
pg_wait() {
	local i
	for ((i = 0; i < 60; i++)); do
		pg_isready -q -h 127.0.0.1 -p "$1" -U postgres && break
		sleep 0.5
	done
	pg_answers "$2"
}

# pg_install installs Debian's postgresql package. It is the last resort: only used when no
# client or no server binaries are found.
pg_install() {
	command -v apt-get >/dev/null ||
		pg_die "PostgreSQL is not installed and apt-get is not available: install PostgreSQL 15 or newer" \
			"(server and client), or set DATABASE_URL to a server that answers, then run this again"
	local sudo=()
	if [[ $(id -u) != 0 ]]; then
		{ command -v sudo >/dev/null && sudo -n true 2>/dev/null; } ||
			pg_die "PostgreSQL is not installed: run 'sudo apt-get install postgresql'" \
				"(or set DATABASE_URL to a server that answers), then run this again"
		sudo=(sudo -n)
	fi
	pg_log "PostgreSQL is not installed; installing it with apt-get (takes a minute)"
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 ||
		pg_die "apt-get update failed (see above): check network access to the Debian mirror"
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		postgresql >&2 </dev/null ||
		pg_die "apt-get install postgresql failed (see above): install it by hand, then run this again"
}

# pg_require_client makes sure psql and pg_isready are on PATH.
pg_require_client() {
	command -v psql >/dev/null && command -v pg_isready >/dev/null && return
	pg_install
	{ command -v psql >/dev/null && command -v pg_isready >/dev/null; } ||
		pg_die "psql and pg_isready are still missing after installing PostgreSQL: add its bin directory to PATH"
}

# pg_bindir prints the directory holding initdb and pg_ctl, preferring the newest Debian
# version, then pg_config, then PATH (Homebrew and other distributions).
pg_bindir() {
	local d
	d=$(printf '%s\n' /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)
	if [[ -x $d ]]; then
		dirname "$d"
		return
	fi
	if command -v pg_config >/dev/null && d=$(pg_config --bindir 2>/dev/null) && [[ -x $d/initdb ]]; then
		echo "$d"
		return
	fi
	d=$(command -v initdb) || return 1
	dirname "$(readlink -f "$d")"
}

# pg_system_cluster starts (if needed) the first system cluster listed by pg_lsclusters that
# accepts postgres@127.0.0.1 without a password, and prints its URL.
pg_system_cluster() {
	command -v pg_lsclusters >/dev/null || return 1
	local ver name port status _ url started
	while read -r ver name port status _; do
		url="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
		started=
		if [[ $status != online* ]]; then
			pg_log "starting system cluster $ver/$name on port $port"
			if ! pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" start >&2 </dev/null; then
				pg_log "could not start cluster $ver/$name (see /var/log/postgresql/postgresql-$ver-$name.log)"
				continue
			fi
			started=1
		fi
		if pg_wait "$port" "$url"; then
			pg_log "using system cluster $ver/$name at 127.0.0.1:$port"
			echo "$url"
			return
		fi
		pg_log "system cluster $ver/$name does not let postgres@127.0.0.1 in without a password" \
			"(its pg_hba.conf); using a private cluster instead"
		if [[ -n $started ]]; then
			# Leave it as we found it: we started it only to try it.
			pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" stop >&2 </dev/null || true
		fi
	done < <(pg_lsclusters -h 2>/dev/null)
	return 1
}

# pg_app_role ADMIN_URL ROLE FILE creates (or resets) the login role the server connects as:
# no superuser, no CREATEDB or CREATEROLE, owning nothing; the schema's owner grants it its
# privileges (grant_app_privileges in schema.sql). Its password is random, kept in FILE
# (mode 600) across runs; it prints the password (URL-safe: letters and digits).
pg_app_role() {
	local admin=$1 role=$2 file=$3 pw
	[[ $role =~ ^[a-z_][a-z0-9_]*$ ]] || pg_die "role name $role: use lower-case letters, digits and _"
	if [[ ! -s $file ]]; then
		mkdir -p "$(dirname "$file")"
		(umask 077 && head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' >"$file")
	fi
	pw=$(<"$file")
	psql "$admin" -X -q -w -v ON_ERROR_STOP=1 -v role="$role" -v pw="$pw" >&2 <<-'SQL' ||
		SELECT format('CREATE ROLE %I', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role')
		\gexec
		SELECT format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT PASSWORD %L', :'role', :'pw')
		\gexec
	SQL
		pg_die "could not create the login role $role (see above): the admin URL's user needs CREATEROLE"
	echo "$pw"
}
