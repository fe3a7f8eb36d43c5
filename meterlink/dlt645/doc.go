// Package dlt645 encodes and decodes DL/T 645-2007 frames, the Chinese
// standard meter protocol spoken on RS-485 buses.
//
// The package is a pure codec: it never dials, never sleeps and holds no
// connection. Callers hand it bytes or an io.Reader (a net.Conn from a
// gateway or from a 4G device that dialled in) and get frames back.
//
// Layering, bottom up:
//
//   - value.go: strict BCD and time helpers (a non-BCD nibble is an error,
//     never a value).
//   - address.go, control.go, frame.go: the frame
//     [FE…] 68 A0..A5 68 C L DATA CS 16 with the +0x33 data offset.
//   - reader.go: FrameReader, which finds frames in a byte stream that
//     arrives split, glued, late, echoed or mixed with garbage.
//   - errors.go: abnormal replies (ERR and SERR words) as Go errors.
//   - di.go, status.go: data identifiers and their decoding to integer units.
//   - command.go, credit.go: request builders (read, write, relay control,
//     broadcast time, credit push).
//
// Where the standard leaves the answer to the firmware, the codec follows
// what real firmware does (meterlink/doc.go, "What real firmware does"):
//
//   - a reply to a read follow-up (0x92/0xB2) ends with the request's SEQ
//     byte, which ReadReplyData and ParseFollowUp strip; a follow-up may be
//     answered with the active-report status word (DIActiveReportStatus),
//     which Matches accepts and ReadReplyData reports as ErrActiveReport;
//   - a 2-byte error word to a non-security command is the firmware's own:
//     only bit 2 (password / unauthorised, the same in both) keeps its
//     standard name, the other bits are vendor bits (MeterError.VendorBits);
//     a refused plaintext relay command comes back as the 1-byte ERR 0x04
//     whatever the cause, so callers judge refusals on evidence;
//   - FF-filled values in a block are values the meter does not have:
//     Item.DecodeEntries decodes the others, Item.Decode refuses the block
//     with ErrNotSupported;
//   - energy registers roll over to 0 at EnergyModulusWh.
//
// Numbers never pass through floating point: money decodes to fen, energy to
// Wh, and every other quantity to an integer in the unit its DI documents.
package dlt645
