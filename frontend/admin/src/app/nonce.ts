// The nonce the server put into this page for its Content-Security-Policy (style-src
// 'nonce-…'). The server writes it into a <meta property="csp-nonce"> (Vite's html.cspNonce);
// browsers hide the attribute once the policy applies, but keep the element's nonce property.
// antd gives it to every <style> tag its CSS-in-JS writes (ConfigProvider csp).
export function cspNonce(): string | undefined {
  const meta = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
  return meta?.nonce || meta?.getAttribute('nonce') || undefined;
}
