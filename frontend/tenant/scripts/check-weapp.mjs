// Checks the WeChat mini-program build (dist/weapp), which no test can run here (it needs the
// WeChat devtools): every page of src/app.config.ts is in app.json with its script, config and
// template, and the recharge flow's call to wx.requestPayment made it into the output.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const out = new URL('../dist/weapp/', import.meta.url).pathname
const fail = (msg) => {
  console.error(`check-weapp: ${msg}`)
  process.exit(1)
}
if (!existsSync(join(out, 'app.json'))) fail(`no ${out}app.json: run npm run build:weapp first`)

const source = readFileSync(new URL('../src/app.config.ts', import.meta.url), 'utf8')
// A page listed on a line that tests TARO_ENV === 'h5' is the H5 build's only (the office kiosk):
// it must not be in the mini-program.
const pageLines = source.split('\n').flatMap((line) => [...line.matchAll(/'(pages\/[\w/]+)'/g)].map((m) => ({ page: m[1], h5Only: line.includes("TARO_ENV === 'h5'") })))
const wanted = pageLines.filter((p) => !p.h5Only).map((p) => p.page)
const h5Only = pageLines.filter((p) => p.h5Only).map((p) => p.page)
const app = JSON.parse(readFileSync(join(out, 'app.json'), 'utf8'))
if (wanted.length === 0) fail('found no pages in src/app.config.ts')
for (const page of h5Only) {
  if (app.pages.includes(page)) fail(`app.json has the H5-only page ${page}`)
}
for (const page of wanted) {
  if (!app.pages.includes(page)) fail(`app.json lacks the page ${page}`)
  for (const ext of ['js', 'json', 'wxml']) {
    if (!existsSync(join(out, `${page}.${ext}`))) fail(`the page ${page} has no ${page}.${ext}`)
  }
}

let bytes = 0
const scripts = []
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    const st = statSync(p)
    if (st.isDirectory()) walk(p)
    else {
      bytes += st.size
      if (name.endsWith('.js')) scripts.push(p)
    }
  }
}
walk(out)
// Taro maps Taro.requestPayment to wx.requestPayment through its API table; the call site and
// the parameters the server signs must both be in the output.
const js = scripts.map((p) => readFileSync(p, 'utf8')).join('\n')
// src/api/pay.ts: the mini-program's branch calls requestPayment; the H5 branch (sending the
// browser to redirectUrl) must have been left out, each recognised by its error message.
for (const needle of ['requestPayment', 'paySign', 'mini_program', 'the server gave no requestPayment parameters']) {
  if (!js.includes(needle)) fail(`no "${needle}" in the mini-program's scripts: the recharge page would not pay`)
}
if (js.includes('the server gave no redirectUrl')) fail("the H5 payment branch (redirectUrl) reached the mini-program build: pay() should branch on process.env.TARO_ENV")
// src/api/auth.ts: login() without credentials trades wx.login's code for a session.
for (const needle of ['signInWithWechat', 'wx.login gave no code']) {
  if (!js.includes(needle)) fail(`no "${needle}" in the mini-program's scripts: WeChat sign-in would not work`)
}
if (js.includes('WeChat sign-in works in the mini-program only')) fail("login()'s H5 refusal of WeChat sign-in reached the mini-program build: login() should branch on process.env.TARO_ENV")
// src/api/subscribe.ts: turning WeChat warnings on asks the person to accept the templates.
if (!js.includes('requestSubscribeMessage')) fail('no "requestSubscribeMessage" in the mini-program\'s scripts: WeChat warnings could never be accepted')
console.log(`check-weapp: ${wanted.length} pages (${h5Only.length} H5-only left out), requestPayment, requestSubscribeMessage and WeChat sign-in present, ${(bytes / 1024).toFixed(0)} KiB in dist/weapp`)
