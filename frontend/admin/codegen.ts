import type { CodegenConfig } from '@graphql-codegen/cli';

// Types for every operation written with graphql(`…`) under src/, from the server's schema
// files. Run `npm run codegen` after changing either; make test fails when src/gql is stale.
const config: CodegenConfig = {
  schema: '../../graph/*.graphqls',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // The wire formats of docs/SCALARS.md: money and energy are integers (far below 2^53),
        // prices decimal strings, times RFC 3339 and days YYYY-MM-DD strings, ids opaque
        // strings. strictScalars: a new scalar fails codegen until it is mapped here.
        scalars: {
          Fen: { input: 'number | string', output: 'number' },
          Wh: { input: 'number | string', output: 'number' },
          Price: { input: 'string', output: 'string' },
          Time: { input: 'string', output: 'string' },
          Date: { input: 'string', output: 'string' },
          ID: { input: 'string | number', output: 'string' },
        },
        strictScalars: true,
        // Enums as constant objects: code names values (Permission.ReadSite), so it follows
        // the schema when a value's spelling changes.
        enumType: 'const',
        // Plain strings: no graphql-js parser in the bundle.
        documentMode: 'string',
        useTypeImports: true,
      },
    },
  },
};

export default config;
