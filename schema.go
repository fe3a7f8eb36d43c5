package voltpay

import _ "embed"

// SchemaSQL is the whole PostgreSQL schema (schema.sql). It is idempotent and
// applied at every start; SchemaVersion is recorded in schema_version.
//
//go:embed schema.sql
var SchemaSQL string

// SchemaVersion is bumped whenever schema.sql gains something.
const SchemaVersion = 24
