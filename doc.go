// Package voltpay holds the domain of the Voltpay prepaid electricity platform:
// the types every other package speaks (sites, buildings, gateways, meters,
// tariffs, accounts, ledger entries, operators, API keys, tenants, audit and
// alarms), the service interfaces that storage implements and the API calls,
// and the one error type that carries a code to the API.
//
// It depends on nothing else of ours. Adapters live below it: graph (the
// GraphQL API), server (the program, HTTP and its PostgreSQL storage in
// server/postgres) and, later, meterlink (device I/O) and billing.
//
// Units, chosen once for the whole code base:
//   - money is integer fen (Fen, 1/100 yuan), never float;
//   - energy is integer watt-hours (Wh);
//   - prices are integer 1/10000 yuan per kWh (Price), so "0.8523" yuan/kWh is 8523;
//   - times are time.Time in UTC in Go and timestamptz in PostgreSQL.
package voltpay
