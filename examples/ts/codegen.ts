// graphql-codegen's configuration: `npm run generate` (run by `make generate`) writes src/gql/
// from the schema snapshot and the operations both examples send: a typed document for each
// (LoginDocument, MetersDocument, …) with its result and variables types. The scalar mapping is
// the one docs/SCALARS.md gives integrators.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: '../../api/schema.graphql',
  documents: ['../operations.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // Relative imports end in .js, as Node's ES modules (and tsc with NodeNext) need.
        emitLegacyCommonJSImports: false,
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: {
          Fen: { input: 'number | string', output: 'number' },
          Wh: { input: 'number | string', output: 'number' },
          Price: { input: 'string', output: 'string' },
          Time: { input: 'string', output: 'string' },
          Date: { input: 'string', output: 'string' },
          ID: { input: 'string | number', output: 'string' },
        },
      },
    },
  },
};

export default config;
