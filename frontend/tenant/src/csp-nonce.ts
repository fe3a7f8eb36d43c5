import { cspNonce, nonceScriptStyles } from '../../admin/src/app/nonce'

// H5 only, run before anything else (config/index.ts puts it first in the entry): the page's
// policy allows styles carrying the response's nonce, which the server writes into
// <meta name="csp-nonce">. Taro's components (Stencil) read it from there themselves; the CSS
// the build injects (style-loader) takes webpack's nonce; Taro's router and others append
// <style> tags without one, which get it here, as in the admin console.
declare let __webpack_nonce__: string | undefined

const nonce = cspNonce()
__webpack_nonce__ = nonce
nonceScriptStyles(nonce)
