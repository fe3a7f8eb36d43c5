package frontend

import "embed"

// built is dist/ as it was when the binary was compiled: the console's
// production build under dist/admin when `make frontend` had run, else only
// dist/README.md. "all:" keeps files whose names start with "_" or ".",
// which a bundler may give to chunks.
//
//go:embed all:dist
var built embed.FS

// placeholder is the page served when there is no build.
//
//go:embed placeholder/index.html placeholder/tenant.html
var placeholder embed.FS
