// Package poller reads every meter behind every gateway on a schedule and
// hands the readings to a Sink (voltpay.ReadingService in production).
//
// One bus.Bus per gateway (one TCP stream to its RS-485 converter, through
// the site agent's SOCKS5 proxy when the gateway has a ProxyURL); one
// goroutine per gateway, at most Config.MaxParallelBuses at a time; the
// meters of one bus are read strictly one after another (docs/PROTOCOLS.md §0.3,
// §5.3). A full cycle reads energy (total and per tariff), voltage, current,
// power, status word 3, balance and purchase count; a status cycle reads
// status word 3, balance and total energy (so every stored reading carries
// a true energy register). Modbus meters get one block read per cycle via
// their profile's span.
//
// Each cycle writes one RecordReadings batch per gateway. A meter that
// fails Config.OfflineAfter consecutive reads is reported once to
// Sink.MarkOffline; its next good reading (RecordReadings) brings it back.
package poller
