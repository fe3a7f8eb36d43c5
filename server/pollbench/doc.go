// Package pollbench holds the end-to-end benchmark of the meter poller:
// a simulated fleet on loopback TCP read by meterlink/poller into
// PostgreSQL through server/postgres (see docs/BENCHMARKS.md). It lives
// under server/ because meterlink must not import server; it has no code
// outside its tests.
package pollbench
