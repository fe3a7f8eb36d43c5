#!/usr/bin/env bash
# check-generated.sh fails when `make generate` changes anything it writes (graph/, the schema
# snapshot under api/, the examples' clients under examples/, the admin console's and the tenant
# app's typed operations under frontend/admin/src/gql and frontend/tenant/src/gql), i.e. when generated code was not regenerated after a
# schema, gqlgen.yml or example or console operation change.
# It compares them before and after rather than against HEAD, so work in progress
# (edited but uncommitted) does not count as stale.
set -euo pipefail
cd "$(dirname "$0")/.."

# What `make generate` writes to.
generated=(graph api examples frontend/admin/src/gql frontend/tenant/src/gql)

# fingerprint prints a hash of every file under those that git would see, tracked or not.
fingerprint() {
	git ls-files -z --cached --others --exclude-standard -- "${generated[@]}" |
		sort -z -u |
		while IFS= read -r -d '' f; do
			if [[ -f $f ]]; then sha256sum -- "$f"; else echo "deleted $f"; fi
		done
}

before=$(fingerprint)
"${MAKE:-make}" --no-print-directory generate ||
	{ echo "check-generated: 'make generate' failed; fix the error above first" >&2; exit 1; }
after=$(fingerprint)

if [[ $before != "$after" ]]; then
	echo "check-generated: 'make generate' changed these files:" >&2
	diff <(echo "$before") <(echo "$after") | sed -nE 's/^[<>] ([0-9a-f]{64}  |deleted )/  /p' | sort -u >&2
	echo "check-generated: the generated code was stale. Run 'make generate' and commit the result." >&2
	exit 1
fi
echo "check-generated: ${generated[*]} are up to date" >&2
