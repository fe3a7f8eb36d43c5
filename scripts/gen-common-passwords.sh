#!/usr/bin/env bash
# gen-common-passwords.sh regenerates server/auth/common-passwords.txt, the passwords that
# auth.ValidatePassword refuses: the 10,000 most common of the "passwords" frequency list
# that the npm package zxcvbn (MIT, Dropbox) ships, ranked from leaked password sets, one a
# line, lower case. Needs npm and node.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent zxcvbn@4.4.2 >/dev/null && tar xzf zxcvbn-4.4.2.tgz)
{
	echo "# The 10,000 most common passwords, from zxcvbn 4.4.2 (npm, MIT licence): scripts/gen-common-passwords.sh"
	node -e 'const l = require(process.argv[1]); console.log(l.passwords.slice(0, 10000).join("\n"))' \
		"$tmp/package/lib/frequency_lists.js"
} >server/auth/common-passwords.txt
echo "wrote server/auth/common-passwords.txt ($(($(wc -l <server/auth/common-passwords.txt) - 1)) passwords)" >&2
