// The H5 build's JavaScript, gzipped as the server sends it (package frontend gzips at the best
// level): what index.html loads before any page (the entry) against its budget, and each lazily
// loaded chunk (a page's code). The first page a tenant sees also loads its page's chunk; the
// end-to-end test measures that total in the browser. Budgets: docs/BENCHMARKS.md.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync, constants } from 'node:zlib'

const dist = new URL('../../dist/tenant/', import.meta.url).pathname
const budgetKiB = 140

const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: constants.Z_BEST_COMPRESSION }).length
const html = readFileSync(join(dist, 'index.html'), 'utf8')
const entry = [...html.matchAll(/<script[^>]+src="\/m\/([^"]+\.js)"/g)].map((m) => m[1])
const entryKiB = entry.reduce((s, f) => s + gz(f), 0) / 1024
const chunks = readdirSync(join(dist, 'assets/js'))
  .filter((f) => f.endsWith('.js') && !entry.includes(`assets/js/${f}`))
  .map((f) => ({ f, kib: gz(`assets/js/${f}`) / 1024 }))
  .sort((a, b) => b.kib - a.kib)
console.log(`bundle-size: entry (${entry.join(', ')}): ${entryKiB.toFixed(1)} KiB gzipped (budget ${budgetKiB} KiB)`)
for (const c of chunks) console.log(`  chunk ${c.f}: ${c.kib.toFixed(1)} KiB`)
if (entryKiB > budgetKiB) {
  console.error(`bundle-size: the entry is over its budget of ${budgetKiB} KiB: see docs/BENCHMARKS.md`)
  process.exit(1)
}
