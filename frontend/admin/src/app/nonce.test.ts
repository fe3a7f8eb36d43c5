import { afterAll, describe, expect, it } from 'vitest';
import { cspNonce, nonceScriptStyles } from './nonce';

describe('the page nonce', () => {
  const meta = document.createElement('meta');
  meta.setAttribute('property', 'csp-nonce');
  meta.nonce = 'n0nce';
  document.head.append(meta);
  const { appendChild, insertBefore } = Node.prototype;
  afterAll(() => {
    meta.remove();
    Node.prototype.appendChild = appendChild;
    Node.prototype.insertBefore = insertBefore;
  });

  it('is read from the meta element', () => {
    expect(cspNonce()).toBe('n0nce');
  });

  it('is given to styles appended by scripts, and only to them', () => {
    nonceScriptStyles(cspNonce());
    const bare = document.createElement('style');
    document.head.appendChild(bare);
    const own = document.createElement('style');
    own.nonce = 'other';
    document.head.insertBefore(own, bare);
    const div = document.createElement('div');
    document.body.appendChild(div);
    expect(bare.nonce).toBe('n0nce');
    expect(own.nonce).toBe('other');
    expect(div.nonce).toBe('');
  });
});
