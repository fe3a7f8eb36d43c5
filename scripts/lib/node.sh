# shellcheck shell=bash
# node.sh: helpers for the scripts that build and test the admin console (frontend/admin).
# Sourced, not executed, from the repository's root. Messages go to stderr.

admin_app=frontend/admin
admin_out=frontend/dist/admin

# node_ok succeeds when Node.js is new enough for the console's toolchain (Vite needs ^20.19).
node_ok() {
	command -v node >/dev/null && command -v npm >/dev/null &&
		node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'
}

# node_require stops the script, saying how to get Node.js, when node_ok fails.
node_require() {
	node_ok && return
	echo "$1: Node.js 20.19 or newer with npm is needed to build the admin console; found $(node --version 2>/dev/null || echo none)." >&2
	echo "$1: install it (e.g. from https://nodejs.org or the NodeSource packages for Debian) and run again." >&2
	exit 1
}

# npm_deps installs frontend/admin's packages when they are missing or the lockfile changed.
npm_deps() {
	scripts/npm-ci.sh "$admin_app"
}

# admin_codegen regenerates the typed GraphQL operations (src/gql) from graph/*.graphqls.
admin_codegen() {
	(cd "$admin_app" && npm run --silent codegen -- --silent) >&2
}

# admin_build writes the production build to frontend/dist/admin, which the binary embeds.
admin_build() {
	echo "frontend: building the admin console into $admin_out" >&2
	(cd "$admin_app" && npm run --silent build -- --logLevel warn) >&2
}

# admin_stale succeeds when the build is missing or one of its sources is newer than it.
admin_stale() {
	local built=$admin_out/index.html
	[[ -f $built ]] || return 0
	[[ -n $(find "$admin_app/src" "$admin_app/public" "$admin_app"/*.html "$admin_app"/*.ts "$admin_app"/*.json \
		graph/*.graphqls -type f -newer "$built" -print -quit) ]]
}
