// Typed operations for every graphql(`…`) under src/, from the server's schema files: the admin
// console's configuration (frontend/admin/codegen.ts explains each setting), whose paths are
// relative to the app being generated. Run `npm run codegen`; make test fails when src/gql is stale.
export { default } from '../admin/codegen'
