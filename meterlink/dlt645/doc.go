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
// Numbers never pass through floating point: money decodes to fen, energy to
// Wh, and every other quantity to an integer in the unit its DI documents.
package dlt645
