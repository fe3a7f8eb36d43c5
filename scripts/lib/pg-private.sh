# shellcheck shell=bash
# pg-private.sh: the private PostgreSQL cluster under var/pg/ that scripts/ensure-postgres.sh
# falls back to. Sourced, not executed; needs pg-common.sh.
#
# Layout (all owned by the user the server runs as):
#   var/pg/data/                 the cluster, initdb -A trust -U postgres
#   var/pg/data/voltpay.conf     port, addresses, socket; rewritten on every start
#   var/pg/run/                  unix socket
#   var/pg/log/postgresql.log    server log

# pg_as USER CMD... runs CMD as USER, or as ourselves when USER is empty. PostgreSQL refuses
# to run as root, so root hands the cluster to an unprivileged user. cd / because the
# caller's directory may be unreadable to that user.
pg_as() {
	local user=$1
	shift
	if [[ -z $user ]]; then
		"$@"
	else
		(cd / && runuser -u "$user" -- "$@")
	fi
}

# pg_private_user prints the user that owns the cluster: empty when we are not root (we own
# it), else the owner of an existing cluster, else postgres, else a new system user voltpay.
pg_private_user() {
	local data=$1 owner
	[[ $(id -u) == 0 ]] || return 0
	if [[ -d $data ]] && owner=$(stat -c %U "$data") && [[ $owner != root ]]; then
		echo "$owner"
		return
	fi
	if id -u postgres >/dev/null 2>&1; then
		echo postgres
		return
	fi
	if ! id -u voltpay >/dev/null 2>&1; then
		pg_log "creating system user voltpay to own the private cluster (PostgreSQL will not run as root)"
		useradd --system --user-group --no-create-home --home-dir /nonexistent \
			--shell /usr/sbin/nologin voltpay >&2 ||
			pg_die "could not create user voltpay: create an unprivileged user named voltpay and run this again"
	fi
	echo voltpay
}

# pg_private_home prints the real directory behind var/pg. When root checked the repository
# out somewhere the server's user cannot reach (e.g. under /root), the cluster lives in
# /var/tmp instead and var/pg is a symlink to it, so later runs find it again.
pg_private_home() {
	local pgdir=$1 user=$2 real
	mkdir -p "$(dirname "$pgdir")"
	if [[ -L $pgdir ]]; then
		real=$(readlink -f "$pgdir")
	elif [[ -n $user ]] && ! pg_as "$user" test -x "$(dirname "$pgdir")"; then
		real=/var/tmp/voltpay-pg-$(printf '%s' "$pgdir" | cksum | cut -d' ' -f1)
		pg_log "user $user cannot reach $pgdir; keeping the cluster in $real (var/pg links to it)"
		rmdir "$pgdir" 2>/dev/null || true
		[[ -e $pgdir ]] && pg_die "$pgdir exists but user $user cannot reach it:" \
			"make its parent directories traversable (chmod o+x) or remove $pgdir"
		ln -s "$real" "$pgdir"
	else
		real=$pgdir
	fi
	mkdir -p "$real/run" "$real/log"
	if [[ -n $user && $(stat -c %U "$real") != "$user" ]]; then
		chown -R "$user:" "$real"
	fi
	echo "$real"
}

# pg_private_conf writes voltpay.conf: loopback only, our port and socket, and fsync off
# because this cluster holds throwaway dev and test data and tests create many databases.
pg_private_conf() {
	local home=$1 port=$2 sock=$1/run
	# A unix socket path is limited to 107 bytes; a deep checkout gets TCP only.
	((${#sock} + 20 < 107)) || sock=
	cat >"$home/data/voltpay.conf" <<-CONF
		# Written by scripts/ensure-postgres.sh on every start; edits here are lost.
		listen_addresses = '127.0.0.1'
		port = $port
		unix_socket_directories = '$sock'
		fsync = off
		synchronous_commit = off
		full_page_writes = off
	CONF
}

# pg_private_start creates (first time) and starts (when down) the private cluster.
pg_private_start() {
	local pgdir=$1 port=$2 bindir user home data url
	bindir=$(pg_bindir) || {
		pg_install
		bindir=$(pg_bindir) || pg_die "initdb not found after installing PostgreSQL: add its bin directory to PATH"
	}
	user=$(pg_private_user "$pgdir/data")
	home=$(pg_private_home "$pgdir" "$user")
	data=$home/data
	url="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"

	if [[ ! -f $data/PG_VERSION ]]; then
		pg_log "creating private cluster in $data${user:+ (owned by $user)}"
		pg_as "$user" "$bindir/initdb" -D "$data" -A trust -U postgres -E UTF8 --locale=C \
			--no-instructions --no-sync >/dev/null ||
			pg_die "initdb failed (see above): remove $data and run this again"
		echo "include_if_exists = 'voltpay.conf'" >>"$data/postgresql.conf"
	fi

	if pg_as "$user" "$bindir/pg_ctl" status -D "$data" >/dev/null 2>&1; then
		pg_log "reusing the running private cluster on port $port"
	else
		if pg_isready -q -h 127.0.0.1 -p "$port" || [[ $? == 1 ]]; then
			pg_die "another server already listens on 127.0.0.1:$port: stop it or choose another port" \
				"with VOLTPAY_PG_PORT=<port>, then run this again"
		fi
		pg_private_conf "$home" "$port"
		[[ -z $user ]] || chown "$user:" "$data/voltpay.conf"
		pg_log "starting private cluster on 127.0.0.1:$port (log: $home/log/postgresql.log)"
		pg_as "$user" "$bindir/pg_ctl" start -D "$data" -l "$home/log/postgresql.log" -w -t 60 >&2 ||
			pg_die "the private cluster did not start: read $home/log/postgresql.log"
	fi
	pg_wait "$port" "$url" ||
		pg_die "the private cluster on port $port does not answer: read $home/log/postgresql.log," \
			"or stop it with scripts/ensure-postgres.sh --stop and run this again"
}

# pg_private_stop stops the private cluster if it runs. It never touches a system cluster.
pg_private_stop() {
	local pgdir=$1 data bindir user
	# The real path, as the server's user may not be able to follow var/pg (see pg_private_home).
	data=$(readlink -f "$pgdir" || echo "$pgdir")/data
	if [[ ! -f $data/PG_VERSION ]] || ! bindir=$(pg_bindir); then
		pg_log "no private cluster in $pgdir"
		return
	fi
	user=$(pg_private_user "$data")
	if pg_as "$user" "$bindir/pg_ctl" status -D "$data" >/dev/null 2>&1; then
		pg_as "$user" "$bindir/pg_ctl" stop -D "$data" -m fast -w >&2
	else
		pg_log "the private cluster in $pgdir is not running"
	fi
}
