#!/usr/bin/env node
// Measures what each route of the console makes the browser download before it can run: the
// route's entry chunk, its lazy page modules and every chunk they import statically, from
// Vite's manifest of the last build (make frontend). Sizes are gzip level 9, as the server
// sends them (package frontend compresses assets once with gzip.BestCompression).
//
//   node scripts/bundle-size.mjs          a table, and exit 1 if a route is over its budget
//   node scripts/bundle-size.mjs --json   the same as JSON
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const out = join(dirname(fileURLToPath(import.meta.url)), '../../dist/admin');
let manifest;
try {
  manifest = JSON.parse(readFileSync(join(out, '.vite/manifest.json'), 'utf8'));
} catch (err) {
  console.error(`bundle-size: no build to measure (${err.message}); run make frontend first`);
  process.exit(2);
}

// What a route loads: its HTML entry, then the lazy modules the router loads for it.
// Budgets are of gzipped JavaScript, in KiB: a first visit on a slow office line.
// The console loads the chosen language's strings (src/i18n/lang-*.ts) before its first paint,
// so each route is measured in both languages, Chinese (the default) first.
const language = (lang) => `src/i18n/lang-${lang}.ts`;
const routes = ['zh-CN', 'en-US'].flatMap((lang) => [
  { name: `login (${lang})`, modules: ['index.html', language(lang), 'src/pages/login/LoginPage.tsx'], budgetKiB: 320 },
  {
    name: `dashboard (${lang})`,
    // The frame, the page table's routes (router.tsx adds them on the first visit), the page.
    modules: ['index.html', language(lang), 'src/layout/Shell.tsx', 'src/app/pageRoutes.tsx', 'src/auth/RequirePermissions.tsx', 'src/pages/dashboard/DashboardPage.tsx'],
    // 540 since the eleven report and notification pages (2026-12-08): their strings and GraphQL
    // documents load with the entry; see docs/BENCHMARKS.md for the saving that would undo it.
    budgetKiB: 540,
  },
]);
routes.push({ name: 'graphiql', modules: ['graphiql.html', language('zh-CN'), 'src/graphiql/GraphiQLApp.tsx'] });

const gz = new Map();
function size(file) {
  if (!gz.has(file)) {
    const raw = readFileSync(join(out, file));
    gz.set(file, { raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length });
  }
  return gz.get(file);
}

function closure(keys) {
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    if (!manifest[key]) throw new Error(`bundle-size: ${key} is not in the build's manifest; update the routes in ${fileURLToPath(import.meta.url)}`);
    seen.add(key);
    for (const dep of manifest[key].imports ?? []) visit(dep);
  };
  keys.forEach(visit);
  return [...seen].map((k) => manifest[k]);
}

const kib = (n) => Math.round((n / 1024) * 10) / 10;
const results = routes.map((r) => {
  const chunks = closure(r.modules);
  const js = chunks.map((c) => c.file).filter((f) => f.endsWith('.js'));
  const css = [...new Set(chunks.flatMap((c) => c.css ?? []))];
  const sum = (files, k) => files.reduce((n, f) => n + size(f)[k], 0);
  return {
    route: r.name,
    jsFiles: js.length,
    jsKiB: kib(sum(js, 'raw')),
    jsGzipKiB: kib(sum(js, 'gzip')),
    cssGzipKiB: kib(sum(css, 'gzip')),
    budgetKiB: r.budgetKiB,
    over: r.budgetKiB !== undefined && kib(sum(js, 'gzip')) > r.budgetKiB,
  };
});

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(results, null, 2));
} else {
  console.log('| route | JS files | JS | JS gzipped | CSS gzipped | budget (JS gzipped) |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    const budget = r.budgetKiB === undefined ? '—' : `${r.budgetKiB} KiB${r.over ? ' **over**' : ''}`;
    console.log(`| ${r.route} | ${r.jsFiles} | ${r.jsKiB} KiB | ${r.jsGzipKiB} KiB | ${r.cssGzipKiB} KiB | ${budget} |`);
  }
}
const over = results.filter((r) => r.over);
if (over.length) {
  console.error(`bundle-size: over budget: ${over.map((r) => `${r.route} ${r.jsGzipKiB} KiB > ${r.budgetKiB} KiB`).join(', ')}`);
  process.exit(1);
}
