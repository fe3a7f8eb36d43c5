import type { CodegenConfig } from '@graphql-codegen/cli'

// Typed operations for every graphql(`…`) under src/, from the server's schema files, with the
// admin console's settings (frontend/admin/codegen.ts explains each). Run `npm run codegen`
// after changing either; make test fails when src/gql is stale.
const config: CodegenConfig = {
  schema: '../../graph/*.graphqls',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        scalars: {
          Fen: { input: 'number | string', output: 'number' },
          Wh: { input: 'number | string', output: 'number' },
          Price: { input: 'string', output: 'string' },
          Time: { input: 'string', output: 'string' },
          Date: { input: 'string', output: 'string' },
          ID: { input: 'string | number', output: 'string' },
        },
        strictScalars: true,
        enumType: 'const',
        documentMode: 'string',
        useTypeImports: true,
      },
    },
  },
}

export default config
