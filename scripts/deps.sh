#!/usr/bin/env bash
# deps.sh checks the toolchain `make test` needs (Go, a C compiler, Node.js for the TypeScript
# example, the receipts' CJK font and poppler-utils to read the PDFs back) and downloads the Go
# modules.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v go >/dev/null; then
	echo "deps: go not found on PATH. Install Go $(awk '/^go /{print $2}' go.mod) or newer" \
		"from https://go.dev/dl/ into /usr/local/go and add /usr/local/go/bin to PATH." >&2
	exit 1
fi
echo "deps: $(go version)" >&2

# -race needs cgo, and cgo needs a C compiler; a bare CI image may have neither.
if ! command -v "$(go env CC)" >/dev/null; then
	if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
		echo "deps: no C compiler (go test -race needs one); installing gcc" >&2
		DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends gcc libc6-dev >&2 </dev/null
	else
		echo "deps: no C compiler, and go test -race needs one: install gcc (apt-get install gcc)." >&2
		exit 1
	fi
fi

# The TypeScript example (examples/ts) and its code generator run on Node.js 20 or newer.
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
	if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
		echo "deps: no Node.js (the TypeScript example needs it); installing nodejs and npm" >&2
		DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >&2 </dev/null
	fi
fi
if (($(node_major) < 20)) || ! command -v npm >/dev/null; then
	echo "deps: the TypeScript example needs Node.js 20 or newer with npm (found: $(node --version 2>/dev/null || echo none));" \
		"install it from https://nodejs.org/ or your distribution." >&2
	exit 1
fi
echo "deps: node $(node --version), npm $(npm --version)" >&2

# PDF receipts (package receipt) embed TrueType fonts; fpdf reads only single .ttf files with
# TrueType outlines: DejaVu Sans and Droid Sans Fallback (Noto CJK is CFF in a .ttc).
# The receipt tests read their PDFs back with pdftotext and pdftoppm (poppler-utils).
scripts/receipt-deps.sh --test

go mod download
