#!/usr/bin/env bash
# readme-shots.sh refreshes the README's "First steps" screenshots: it runs the console's
# e2e/readme.e2e.ts against a fresh demo (scripts/e2e-admin.sh) with VOLTPAY_README_SHOTS=1,
# which writes docs/img/first-steps-*.png (1440×900), then quantizes them with pngquant (installed
# with apt-get when missing and run as root) so that each stays under 150 KB. Open them before
# committing: they are what a reader sees first.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v pngquant >/dev/null; then
	if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends pngquant >&2 </dev/null
	else
		echo "readme-shots: needs pngquant (apt-get install pngquant)" >&2
		exit 1
	fi
fi

VOLTPAY_README_SHOTS=1 scripts/e2e-admin.sh e2e/readme.e2e.ts
status=0
for f in docs/img/first-steps-*.png; do
	pngquant --force --skip-if-larger --strip --quality 70-95 --output "$f" -- "$f" || [[ $? == 99 ]]
	size=$(stat -c %s "$f")
	echo "readme-shots: $f $((size / 1024)) KB"
	if ((size >= 150 * 1024)); then
		echo "readme-shots: $f is over 150 KB: crop it or simplify the page shown" >&2
		status=1
	fi
done
exit $status
