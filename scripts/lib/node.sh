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

# The tenant app (frontend/tenant): one Taro source, built for H5 into frontend/dist/tenant
# (embedded, served at /m/) and for the WeChat mini-program into frontend/tenant/dist/weapp.
tenant_app=frontend/tenant
tenant_out=frontend/dist/tenant

# tenant_deps installs frontend/tenant's packages when they are missing or the lockfile changed.
tenant_deps() {
	scripts/npm-ci.sh --install "$tenant_app"
}

# tenant_codegen regenerates the tenant app's typed GraphQL operations (src/gql).
tenant_codegen() {
	(cd "$tenant_app" && npm run --silent codegen -- --silent) >&2
}

# tenant_build writes the H5 build to frontend/dist/tenant, which the binary embeds.
tenant_build() {
	mkdir -p var
	echo "frontend: building the tenant app (H5) into $tenant_out" >&2
	(cd "$tenant_app" && NODE_ENV=production npm run --silent build:h5 >../../var/tenant-h5-build.log 2>&1) ||
		{ tail -40 var/tenant-h5-build.log >&2; return 1; }
}

# tenant_build_weapp writes the mini-program to frontend/tenant/dist/weapp and checks it.
tenant_build_weapp() {
	mkdir -p var
	echo "frontend: building the tenant app (WeChat mini-program) into $tenant_app/dist/weapp" >&2
	(cd "$tenant_app" && NODE_ENV=production npm run --silent build:weapp >../../var/tenant-weapp-build.log 2>&1) ||
		{ tail -40 var/tenant-weapp-build.log >&2; return 1; }
	(cd "$tenant_app" && npm run --silent check-weapp) >&2
}

# tenant_stale succeeds when the H5 build is missing or one of its sources is newer than it.
tenant_stale() {
	local built=$tenant_out/index.html
	[[ -f $built ]] || return 0
	[[ -n $(find "$tenant_app/src" "$tenant_app/config" "$tenant_app"/*.js "$tenant_app"/*.json "$tenant_app"/.env.* \
		graph/*.graphqls -type f -newer "$built" -print -quit) ]]
}
