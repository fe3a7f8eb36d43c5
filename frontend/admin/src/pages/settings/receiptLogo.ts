import { reportSessionLost } from '../../graphql/client';

/**
 * Uploads a site's receipt logo (PUT /receipts/logo/{siteId}, the PNG as the body; null removes
 * it) with the session cookie. A refusal throws the server's message, which says what to do
 * (shrink the PNG, save it as 8-bit RGB).
 */
export async function putLogo(siteId: string, png: Blob | null): Promise<void> {
  const res = await fetch(`/receipts/logo/${encodeURIComponent(siteId)}`, {
    method: 'PUT',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'image/png' },
    body: png ?? new Blob([]),
  });
  if (res.ok) return;
  if (res.status === 401) reportSessionLost();
  let text = `HTTP ${res.status}`;
  try {
    const b = (await res.json()) as { error?: string };
    if (b.error) text = b.error;
  } catch {
    // not JSON (a proxy's page): the status says enough
  }
  throw new Error(text);
}
