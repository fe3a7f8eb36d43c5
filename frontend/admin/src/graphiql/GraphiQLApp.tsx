import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { endpoint } from '../graphql/client';
import { wsClient } from '../graphql/ws';
import './workers';

// Queries go to /graphql on this origin with the console's session cookie, so an operator
// signed in to the console explores the API as themselves; subscriptions share the console's
// websocket client (the cookie authenticates the socket).
const fetcher = createGraphiQLFetcher({
  url: endpoint,
  wsClient: wsClient(),
  enableIncrementalDelivery: false,
  fetch: (input, init) => fetch(input, { ...init, credentials: 'same-origin' }),
});

const defaultQuery = `# 伏特付 Voltpay GraphQL API. Press Ctrl-Enter to run.
{
  me {
    name
    role
    permissions
  }
}
`;

export default function GraphiQLApp() {
  return (
    <GraphiQL fetcher={fetcher} defaultQuery={defaultQuery}>
      <GraphiQL.Logo>
        <a className="vp-graphiql-home" href="/">
          伏特付 Voltpay
        </a>{' '}
        Graph<em>i</em>QL
      </GraphiQL.Logo>
    </GraphiQL>
  );
}
