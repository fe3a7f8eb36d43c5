#!/usr/bin/env bash
# receipt-deps.sh installs what PDF receipts need when it is missing: the TrueType fonts package
# receipt embeds, Debian's fonts-dejavu-core (Latin, digits, ¥) and fonts-droid-fallback
# (Chinese; fpdf cannot read Noto CJK's CFF outlines or .ttc collections), and, with --test, poppler-utils (pdftotext and pdftoppm,
# which the receipt tests read their PDFs back with). It installs with apt-get when running as
# root, like e2e-admin.sh does for Chromium, and otherwise says what to install.
set -euo pipefail

missing=()
if [[ -z ${VOLTPAY_RECEIPT_FONTS:-} ]]; then
	[[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] || missing+=(fonts-dejavu-core)
	[[ -f /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf ]] || missing+=(fonts-droid-fallback)
fi
if [[ ${1:-} == --test ]]; then
	command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null || missing+=(poppler-utils)
fi
((${#missing[@]})) || exit 0
if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
	echo "receipt-deps: installing ${missing[*]} (PDF receipts)" >&2
	DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 </dev/null
else
	echo "receipt-deps: PDF receipts need ${missing[*]}: install them (apt-get install ${missing[*]})," \
		"or set VOLTPAY_RECEIPT_FONTS to .ttf files with Latin and Chinese glyphs, joined by :" >&2
	if [[ ${1:-} == --test ]]; then exit 1; fi
fi
