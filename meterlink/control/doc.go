// Package control executes Voltpay's durable remote controls: the
// meter_commands outbox (voltpay.CommandService) that the API, billing and
// payments fill. An Executor claims due commands, runs each on its meter's
// bus ahead of the scheduled reads (through the poller's OnMeter), and
// settles it only on evidence read back from the meter:
//
//   - relay, guarantee and restore-prepaid: status word 3 polled until its
//     bit shows the action (docs/PROTOCOLS.md §1.10); close is a direct close
//     (1C) where the model allows it, else close-allowed (1B), which leaves
//     the last step to the tenant's button;
//   - push settings and tariff: every written value read back and compared;
//   - credit: the purchase count read before, reserved in the database once
//     (so a retry resends the same count, which the meter refuses as a
//     repeat if the first push landed) and read after: the count moving to
//     the reserved one is the proof the credit landed exactly once;
//   - time sync: the meter clock read back within a few seconds.
//
// A command that got no usable answer is retried with backoff until it
// expires; one the meter refuses for good (wrong password, guarantee,
// hoarding limit) fails with the meter's reason. A refused relay command
// is judged on evidence, not on its error bits, since real firmware answers
// every refused plaintext 0x1C with ERR 0x04: the meter's clock is read and,
// when off, the command is resent with the expiry in the meter's time; a
// refused direct close becomes close-allowed; only then is the password
// blamed (relay.go). Commands of one meter run
// one at a time, in order; a relay command superseded by a newer one of the
// same meter is failed rather than sent, so the last intent wins. Because
// the outbox is in PostgreSQL and every step before the proof is
// repeatable, a restart of the server or of the meter link at any moment
// loses no command and applies none twice.
package control
