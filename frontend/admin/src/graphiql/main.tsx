import { createRoot } from 'react-dom/client';
import { graphql } from '../gql';
import { ApiError, request } from '../graphql/client';
import i18n, { i18nReady } from '../i18n';
import './graphiql.css';

// GraphiQL is a page of its own (served at /graphiql with a policy that allows Monaco's
// inline styles), loaded only here. Introspection needs a session, so a visitor who is not
// signed in is sent to the console's login, which comes back here.

const whoAmI = graphql(`
  query GraphiQLSession {
    me {
      name
    }
  }
`);

const root = createRoot(document.getElementById('graphiql')!);

function say(text: string) {
  const el = document.getElementById('graphiql')!;
  el.textContent = text;
  el.className = 'vp-graphiql-status';
}

async function start() {
  await i18nReady;
  say(i18n.t('common.loading'));
  try {
    await request(whoAmI);
  } catch (err) {
    if (err instanceof ApiError && err.has('UNAUTHENTICATED')) {
      location.replace(`/login?from=${encodeURIComponent(location.pathname)}`);
      return;
    }
    say(`${i18n.t('error.loadFailed')}: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  const { default: GraphiQLApp } = await import('./GraphiQLApp');
  document.getElementById('graphiql')!.className = 'vp-graphiql';
  root.render(<GraphiQLApp />);
}

void start();
