// Package schemacompat prints the schema snapshot integrators generate their
// clients from (api/schema.graphql) and tells which changes between two
// schemas break clients written against the older one: removing or retyping
// what was not deprecated first with a reason. It knows nothing of Voltpay's
// resolvers; it works on any gqlparser schema, so its rules are unit-tested on
// small SDL pairs.
package schemacompat
