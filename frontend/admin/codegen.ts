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
        // prices decimal strings, ids opaque strings.
        scalars: {
          Fen: { input: 'number | string', output: 'number' },
          Wh: { input: 'number | string', output: 'number' },
          Price: { input: 'string', output: 'string' },
          Time: { input: 'string', output: 'string' },
          // A calendar day as a string (YYYY-MM-DD), mapped before the schema declares the
          // scalar so that regenerating after it lands needs no edit here (codegen ignores
          // mappings of scalars the schema lacks; strictScalars stops at unmapped ones).
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
