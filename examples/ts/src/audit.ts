// Runs graphql-http's audits of the GraphQL-over-HTTP spec against the server and prints each
// result. It fails when a MUST or SHOULD audit fails (the server follows both; docs/API.md,
// "HTTP status codes"); MAY failures are listed, not fatal. Same settings and credential as the example: the audits'
// requests are signed in, since some of them introspect, which the server allows only then.
import { auditServer, type AuditResult } from 'graphql-http';
import { config, credential } from './config.js';

async function main(): Promise<number> {
  const cfg = config();
  const authorization = `Bearer ${await credential(cfg)}`;
  const fetchFn = (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    headers.set('authorization', authorization);
    return fetch(input, { ...init, headers });
  };
  const results: AuditResult[] = await auditServer({ url: cfg.url, fetchFn });
  const failed = { MUST: [] as string[], SHOULD: [] as string[], MAY: [] as string[] };
  for (const r of results) {
    const level = r.name.split(' ')[0] as keyof typeof failed;
    if (r.status === 'ok') {
      console.log(`audit ok    ${r.id} ${r.name}`);
      continue;
    }
    failed[level].push(r.id);
    const body = await r.response.text().catch(() => '');
    console.log(`audit FAIL  ${r.id} ${r.name}: ${r.reason} (HTTP ${r.response.status} ${r.response.headers.get('content-type') ?? ''} ${body.slice(0, 200)})`);
  }
  const ok = results.length - failed.MUST.length - failed.SHOULD.length - failed.MAY.length;
  console.log(`audit: ${ok} of ${results.length} ok; MUST failed: ${failed.MUST.length}, SHOULD failed: ${failed.SHOULD.length} [${failed.SHOULD.join(' ')}], MAY failed: ${failed.MAY.length} [${failed.MAY.join(' ')}]`);
  return failed.MUST.length + failed.SHOULD.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error('audit:', err);
    process.exit(1);
  },
);
