// The nonce the server put into this page for its Content-Security-Policy (style-src
// 'nonce-…'). The server writes it into a <meta property="csp-nonce"> (Vite's html.cspNonce);
// browsers hide the attribute once the policy applies, but keep the element's nonce property.
// antd gives it to every <style> tag its CSS-in-JS writes (ConfigProvider csp).
export function cspNonce(): string | undefined {
  const meta = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
  return meta?.nonce || meta?.getAttribute('nonce') || undefined;
}

/**
 * Gives the nonce to <style> elements that scripts append without one. antd's CSS-in-JS passes
 * it, but some helpers below antd do not: rc-util measures the scrollbar (for tables) with a
 * <style> of its own, which the policy would refuse. Only scripts reach these DOM methods, and
 * the policy runs none but our own files, so markup injected into the page gains nothing:
 * parsed HTML does not go through them.
 */
export function nonceScriptStyles(nonce: string | undefined) {
  if (!nonce) return;
  const give = (node: Node) => {
    if (node instanceof HTMLStyleElement && !node.nonce) node.nonce = nonce;
  };
  const { appendChild, insertBefore } = Node.prototype;
  Node.prototype.appendChild = function <T extends Node>(this: Node, node: T): T {
    give(node);
    return appendChild.call(this, node) as T;
  };
  Node.prototype.insertBefore = function <T extends Node>(this: Node, node: T, child: Node | null): T {
    give(node);
    return insertBefore.call(this, node, child) as T;
  };
}
