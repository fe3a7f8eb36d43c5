#!/usr/bin/env bash
# run.sh starts Voltpay locally with demo data: `make run`. It uses $DATABASE_URL when set
# (and $VOLTPAY_MIGRATE_DATABASE_URL, the schema's owner, if set); otherwise it finds or starts
# PostgreSQL with ensure-postgres.sh and uses (creating it if needed) the database "voltpay"
# there, served as the login role voltpay_app. Extra arguments go to `voltpay serve`. Once the server
# answers /readyz (demo seeded), it starts `voltpay sim`, which simulates the demo's gateways
# and meters on 127.0.0.1; before serve it starts `voltpay paysim` (offline fake WeChat Pay and
# Alipay, configured into serve through var/paysim/env); Ctrl-C stops all three.
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
	# The script prints postgres://…/postgres?…: same server, database voltpay. The admin
	# (the schema's owner) applies the schema and grants voltpay_app what the server needs;
	# the server connects as voltpay_app, which owns nothing and is no superuser, so it cannot
	# turn the ledger's triggers off or rewrite a journal (grant_app_privileges in schema.sql).
	owner=$(sed -E 's#^(postgres(ql)?://[^/?]*)/[^?]*#\1/voltpay#' <<<"$admin")
	app_password=$(scripts/ensure-postgres.sh --app-role "$admin" voltpay_app var/voltpay_app.password)
	DATABASE_URL=$(sed -E "s#^(postgres(ql)?://)[^@/]*@#\1voltpay_app:$app_password@#" <<<"$owner")
	VOLTPAY_MIGRATE_DATABASE_URL=$owner
	export DATABASE_URL VOLTPAY_MIGRATE_DATABASE_URL
fi

# PDF receipts need a CJK TrueType font (installed as root, else a warning saying which).
scripts/receipt-deps.sh

# The admin console and the tenant app are embedded at compile time: build each first when it
# is missing or older than its sources (without Node.js the server serves a page saying how).
scripts/frontend.sh --if-stale
"${MAKE:-make}" --no-print-directory build
echo "run: starting bin/voltpay serve on ${DATABASE_URL/:*@/:…@} with demo data" >&2
# The demo's admin password; a database made by an earlier run keeps the one it got then.
export VOLTPAY_ADMIN_PASSWORD=${VOLTPAY_ADMIN_PASSWORD:-voltpay-admin}
export VOLTPAY_LOG_FORMAT=${VOLTPAY_LOG_FORMAT:-text}
# Read the simulated meters. The sim starts once serve is ready, so the poller's first cycle
# (at start) finds its gateways not yet listening; the next one, 2 minutes later, reads them.
export VOLTPAY_POLLER=${VOLTPAY_POLLER:-1}

serve_pid= sim_pid= paysim_pid=
stop() {
	trap - EXIT INT TERM
	for pid in $sim_pid $serve_pid $paysim_pid; do kill -TERM "$pid" 2>/dev/null || true; done
	for pid in $sim_pid $serve_pid $paysim_pid; do wait "$pid" 2>/dev/null || true; done
}
trap stop EXIT
trap 'exit 130' INT TERM

# The demo's passwords are well known (README), so everything it serves listens on loopback
# only: the API, the 4G link listener (the simulator dials it there) and paysim (its own
# default). Set VOLTPAY_ADDR=:8080 (and VOLTPAY_LINK_ADDR=:7700) to reach it from elsewhere.
export VOLTPAY_ADDR=${VOLTPAY_ADDR:-127.0.0.1:8080}
export VOLTPAY_LINK_ADDR=${VOLTPAY_LINK_ADDR:-127.0.0.1:7700}
# Tenants' sign-in codes go to the fake SMS, whose inbox the demo reads on loopback
# (curl '127.0.0.1:17020/sms/inbox?phone=13810000000'); set VOLTPAY_SMS_INBOX_ADDR= to hide it.
export VOLTPAY_SMS=${VOLTPAY_SMS:-fake}
# The office kiosk's key, as public as the demo's passwords: open /kiosk/?device=voltpay-demo-kiosk.
export VOLTPAY_KIOSK_KEY=${VOLTPAY_KIOSK_KEY-voltpay-demo-kiosk}
if [[ $VOLTPAY_SMS == fake ]]; then
	export VOLTPAY_SMS_INBOX_ADDR=${VOLTPAY_SMS_INBOX_ADDR-127.0.0.1:17020}
fi
# :8080 and 0.0.0.0:8080 are reached on loopback.
addr=$VOLTPAY_ADDR
port=${addr##*:} host=${addr%:*}
case $host in "" | 0.0.0.0 | "[::]") host=127.0.0.1 ;; esac

# The offline fake WeChat Pay and Alipay (no internet needed): they write fresh keys and an
# env file configuring serve's payment channels for them. Pay orders at the payer page.
paysim_dir=var/paysim
mkdir -p "$paysim_dir"
rm -f "$paysim_dir/env"
bin/voltpay paysim -dir "$paysim_dir" -notify "http://$host:$port" &
paysim_pid=$!
for ((i = 0; i < 100; i++)); do
	[[ -s $paysim_dir/env ]] && break
	kill -0 "$paysim_pid" 2>/dev/null || { echo "run: bin/voltpay paysim exited; see above" >&2; exit 1; }
	sleep 0.1
done
[[ -s $paysim_dir/env ]] || { echo "run: bin/voltpay paysim wrote no $paysim_dir/env in 10 s" >&2; exit 1; }
set -a
# shellcheck source=/dev/null
source "$paysim_dir/env"
set +a

VOLTPAY_SEED_DEMO=1 bin/voltpay serve "$@" &
serve_pid=$!
ready=http://$host:$port/readyz
for ((i = 0; ; i++)); do
	if ! kill -0 "$serve_pid" 2>/dev/null; then
		wait "$serve_pid" && status=0 || status=$?
		echo "run: bin/voltpay serve exited ($status) before it was ready" >&2
		exit "$status"
	fi
	curl -fsS -o /dev/null --max-time 2 "$ready" 2>/dev/null && break
	if ((i == 600)); then
		echo "run: $ready did not answer within 5 minutes" >&2
		exit 1
	fi
	sleep 0.5
done

echo "run: server ready: the console at http://$host:$port/ (GraphQL /graphql, GraphiQL /graphiql); starting bin/voltpay sim" >&2
bin/voltpay sim &
sim_pid=$!
[[ -n ${VOLTPAY_KIOSK_KEY:-} ]] && echo "run: the office kiosk at http://$host:$port/kiosk/?device=$VOLTPAY_KIOSK_KEY (a shop number or account number, and the last 4 digits of its contact phone)" >&2
[[ -n ${VOLTPAY_SMS_INBOX_ADDR:-} ]] && echo "run: tenants' texted codes (fake SMS) at http://$VOLTPAY_SMS_INBOX_ADDR/sms/inbox?phone=…; WeChat sign-in codes from POST http://${VOLTPAY_PAYSIM_ADDR:-127.0.0.1:17010}/paysim/wxlogin" >&2
echo "run: pay recharge orders at http://${VOLTPAY_PAYSIM_ADDR:-127.0.0.1:17010}/paysim/ (fake WeChat Pay and Alipay)" >&2
echo "run: serve pid $serve_pid, sim pid $sim_pid, paysim pid $paysim_pid; press Ctrl-C to stop them" >&2
wait "$serve_pid" && status=0 || status=$?
echo "run: bin/voltpay serve exited ($status)" >&2
exit "$status"
