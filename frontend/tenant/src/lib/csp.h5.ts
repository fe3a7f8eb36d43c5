import { cspNonce, nonceScriptStyles } from '../../../admin/src/app/nonce'

// H5 only (Taro picks this file over csp.ts when building for h5): the page's policy allows
// styles carrying the response's nonce. Taro's components add it themselves; Taro's router and
// others append <style> tags without it, which get it here, as in the admin console.
nonceScriptStyles(cspNonce())
