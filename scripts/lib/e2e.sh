# shellcheck shell=bash
# e2e.sh: what the end-to-end scripts (e2e-admin.sh, e2e-tenant.sh) share. Sourced from the
# repository's root with e2e_name set (admin, tenant) after bin/voltpay is built, it installs
# the browser and a CJK font when missing, makes a throwaway database seeded like the demo (as
# make run does: the admin applies the schema, the server connects as a login role owning
# nothing, voltpay_e2e_app, which stays for the next run), starts `voltpay paysim` (the fake
# payment providers), the meter simulator and the server with the poller and command executor
# (on free ports), and exports VOLTPAY_E2E_URL, VOLTPAY_E2E_PAYSIM_URL, VOLTPAY_E2E_SMS_INBOX_URL and
# VOLTPAY_E2E_SCREENSHOTS (var/screenshots/$e2e_name). Everything stops on exit.
#
# Environment: VOLTPAY_TEST_DATABASE_URL or DATABASE_URL, the admin URL of the PostgreSQL
# server to make the database on (otherwise scripts/ensure-postgres.sh finds or starts one).

: "${e2e_name:?set e2e_name before sourcing scripts/lib/e2e.sh}"

die() {
	echo "e2e-$e2e_name: $*" >&2
	exit 1
}

# The browser and a CJK font, so that screenshots show Chinese rather than boxes.
missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
[[ -n $(fc-list ':lang=zh-cn' family 2>/dev/null) ]] || missing+=(fonts-noto-cjk)
if ((${#missing[@]})); then
	if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
		echo "e2e-$e2e_name: installing ${missing[*]}" >&2
		DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 </dev/null
	else
		die "needs ${missing[*]}: install them (apt-get install ${missing[*]})"
	fi
fi

admin=${VOLTPAY_TEST_DATABASE_URL:-${DATABASE_URL:-}}
[[ -n $admin ]] || admin=$(scripts/ensure-postgres.sh)
db=voltpay_e2e_${e2e_name}_$$
out=var/e2e
mkdir -p "$out"
# As make run serves: the admin owns the schema and applies it, the server connects as a role
# owning nothing (scripts/run.sh explains why).
owner=$(sed -E "s#^(postgres(ql)?://[^/?]*)/[^?]*#\1/$db#" <<<"$admin")
app_password=$(scripts/ensure-postgres.sh --app-role "$admin" voltpay_e2e_app "$out/app.password")
url=$(sed -E "s#^(postgres(ql)?://)[^@/]*@#\1voltpay_e2e_app:$app_password@#" <<<"$owner")
log=$out/$e2e_name-serve.log
sim_log=$out/$e2e_name-sim.log

serve_pid= paysim_pid= sim_pid=
stop_serve() {
	[[ -n $serve_pid ]] && { kill -TERM "$serve_pid" 2>/dev/null || true; wait "$serve_pid" 2>/dev/null || true; }
	serve_pid=
}
cleanup() {
	[[ -n $sim_pid ]] && { kill -TERM "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; }
	stop_serve
	[[ -n $paysim_pid ]] && { kill -TERM "$paysim_pid" 2>/dev/null || true; wait "$paysim_pid" 2>/dev/null || true; }
	[[ -n ${paysim_dir:-} ]] && rm -rf "$paysim_dir"
	psql "$admin" -X -q -w -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
}
trap cleanup EXIT

psql "$admin" -X -q -w -c "CREATE DATABASE $db" || die "could not create database $db on ${admin/:*@/:…@}"
# The fake WeChat Pay and Alipay, as make run starts them, so that a tenant's payment lands
# while the console watches. paysim must know where to notify before serve starts (serve
# reads paysim's env file), so serve's port is picked first; paysim listens on any free port.
# free_port prints a TCP port of 127.0.0.1 nobody listens on now, picked at random below the
# kernel's ephemeral range: a port 0 hands out comes from that range, where any outgoing
# connection may take it before our server listens on it (seen under load).
free_port() {
	node -e '
const net = require("net"), fs = require("fs");
let lo = 32768;
try { lo = Number(fs.readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0]) || lo; } catch {}
if (lo < 11000) lo = 32768;
const attempt = (left) => {
  const port = 10000 + Math.floor(Math.random() * (lo - 10000));
  const s = net.createServer();
  s.once("error", () => { if (left > 0) attempt(left - 1); else { console.error("no free port"); process.exit(1); } });
  s.listen(port, "127.0.0.1", () => { console.log(port); s.close(); });
};
attempt(200);'
}
port=$(free_port)
# The fake SMS's inbox (the tenant app's sign-in and binding codes), on a loopback port of its
# own: browser tests read codes from $VOLTPAY_E2E_SMS_INBOX_URL/sms/inbox?phone=….
sms_inbox_port=$(free_port)
export VOLTPAY_E2E_SMS_INBOX_URL=http://127.0.0.1:$sms_inbox_port
paysim_dir=$out/paysim-$$
rm -rf "$paysim_dir"
bin/voltpay paysim -addr 127.0.0.1:0 -dir "$paysim_dir" -notify "http://127.0.0.1:$port" >"$out/$e2e_name-paysim.log" 2>&1 &
paysim_pid=$!
for ((i = 0; i < 100; i++)); do
	[[ -s $paysim_dir/env ]] && break
	kill -0 "$paysim_pid" 2>/dev/null || die "bin/voltpay paysim exited; its log is $out/$e2e_name-paysim.log"
	sleep 0.1
done
[[ -s $paysim_dir/env ]] || die "bin/voltpay paysim wrote no $paysim_dir/env in 10 s"

# serve starts bin/voltpay serve on $port with paysim's settings and the given extra
# environment, logging to $log, and sets addr once /readyz answers.
serve() {
	(
		set -a
		# shellcheck source=/dev/null
		source "$paysim_dir/env"
		set +a
		exec env "$@" DATABASE_URL="$url" VOLTPAY_MIGRATE_DATABASE_URL="$owner" VOLTPAY_ADMIN_PASSWORD=voltpay-admin \
			VOLTPAY_SMS=fake VOLTPAY_SMS_INBOX_ADDR="127.0.0.1:$sms_inbox_port" \
			VOLTPAY_ADDR="127.0.0.1:$port" VOLTPAY_LOG_FORMAT=json VOLTPAY_LOG_LEVEL=info bin/voltpay serve
	) >"$log" 2>&1 &
	serve_pid=$!
	addr=
	for ((i = 0; i < 600; i++)); do
		kill -0 "$serve_pid" 2>/dev/null || die "bin/voltpay serve exited; its log is $log:$(echo; tail -20 "$log")"
		addr=$(sed -nE 's/.*"msg":"voltpay serving".*"addr":"([^"]+)".*/\1/p' "$log" | head -1)
		[[ -n $addr ]] && curl -fsS -o /dev/null --max-time 2 "http://$addr/readyz" 2>/dev/null && break
		addr=
		sleep 0.2
	done
	[[ -n $addr ]] || die "the server did not become ready in 2 minutes; its log is $log"
}

# First seeded like make run (the demo site and its operators), without the poller.
serve VOLTPAY_SEED_DEMO=1
stop_serve
# Then the meters are simulated as make run does, so that remote controls take effect on
# screen: the demo's gateways listen on fixed loopback ports (make run's, perhaps in use on
# this machine), so each moves to a free port before the simulator and the poller start. The
# simulator leaves out the 4G meters (they would dial make run's link port); the server's
# link listener takes any free port.
while read -r gw; do
	psql "$owner" -X -q -w -c "UPDATE gateways SET port = $(free_port) WHERE id = $gw" || die "could not move gateway $gw to a free port"
done < <(psql "$owner" -X -A -t -w -c "SELECT id FROM gateways WHERE host IN ('127.0.0.1', 'localhost') ORDER BY id")
DATABASE_URL=$url VOLTPAY_SIM_LINK_ADDR= VOLTPAY_LOG_FORMAT=json bin/voltpay sim >"$sim_log" 2>&1 &
sim_pid=$!
for ((i = 0; i < 300; i++)); do
	kill -0 "$sim_pid" 2>/dev/null || die "bin/voltpay sim exited; its log is $sim_log:$(echo; tail -20 "$sim_log")"
	grep -q '"msg":"sim: running"' "$sim_log" && break
	sleep 0.2
done
grep -q '"msg":"sim: running"' "$sim_log" || die "the simulator did not start in a minute; its log is $sim_log"
serve VOLTPAY_POLLER=1 VOLTPAY_LINK_ADDR=127.0.0.1:0
echo "e2e-$e2e_name: server at http://$addr on database $db, meters simulated (log $sim_log)" >&2

export VOLTPAY_E2E_URL=http://$addr VOLTPAY_E2E_SCREENSHOTS=$PWD/var/screenshots/$e2e_name
VOLTPAY_E2E_PAYSIM_URL=$(sed -nE "s/^export VOLTPAY_WECHAT_BASE_URL='(.*)'$/\\1/p" "$paysim_dir/env")
export VOLTPAY_E2E_PAYSIM_URL
