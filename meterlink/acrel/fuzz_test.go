package acrel

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

// addSeeds adds the worked frames, bare, glued to each other and behind
// garbage.
func addSeeds(f *testing.F, add func(b []byte)) {
	var all []byte
	for _, w := range worked {
		b := mustHex(w.hex)
		add(b)
		add(append([]byte{0x7B, 0x00}, b...))
		all = append(all, b...)
	}
	add(all)
}

// FuzzParse checks that Parse never panics, never allocates, reports a
// length within its input and progress on every error but ErrIncomplete,
// and that a frame it returns re-encodes to exactly the bytes it took.
func FuzzParse(f *testing.F) {
	addSeeds(f, func(b []byte) { f.Add(b) })
	f.Fuzz(func(t *testing.T, b []byte) {
		fr, n, err := Parse(b)
		if n < 0 || n > len(b) {
			t.Fatalf("n = %d for %d bytes", n, len(b))
		}
		switch {
		case err == ErrIncomplete:
			if n != 0 || len(b) >= MaxFrameSize {
				t.Fatalf("incomplete with n = %d over %d bytes", n, len(b))
			}
			return
		case err != nil:
			if n < 1 {
				t.Fatalf("%v without progress", err)
			}
			return
		}
		if n > MaxFrameSize {
			t.Fatalf("frame of %d bytes", n)
		}
		if enc, err := Encode(fr); err != nil || !bytes.Equal(enc, b[:n]) {
			t.Fatalf("re-encoded % X, %v; want % X", enc, err, b[:n])
		}
		if _, err := Decode(b[:n]); err != nil {
			t.Fatalf("Decode of a parsed frame: %v", err)
		}
		_, _ = DecodeLogin(fr)
		_, _ = DecodeUpload(fr)
		_, _ = DecodeTimeSyncRequest(fr)
		_, _ = DecodeTimeSyncReply(fr)
		_, _ = UnwrapRTU(fr)
	})
}

// FuzzFrameReader feeds bytes through a FrameReader in chunks of a size
// from the input: it must end, return only frames that re-encode to valid
// frames, and account for every byte (frames + discarded + left over).
func FuzzFrameReader(f *testing.F) {
	addSeeds(f, func(b []byte) { f.Add(uint8(3), b) })
	f.Fuzz(func(t *testing.T, chunk uint8, b []byte) {
		fr := NewFrameReader(&chunked{b: b, n: int(chunk%64) + 1})
		total := 0
		for i := 0; ; i++ {
			if i > len(b) {
				t.Fatal("more frames than bytes")
			}
			got, err := fr.ReadFrame()
			if err != nil {
				if err != io.EOF && !errors.Is(err, io.ErrUnexpectedEOF) {
					t.Fatalf("ReadFrame: %v", err)
				}
				break
			}
			enc, err := Encode(got)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Decode(enc); err != nil {
				t.Fatalf("frame read does not decode: %v", err)
			}
			total += len(enc)
		}
		if total+int(fr.Discarded())+fr.Buffered() != len(b) {
			t.Fatalf("%d in frames + %d discarded + %d buffered != %d read", total, fr.Discarded(), fr.Buffered(), len(b))
		}
	})
}

// FuzzDecodeLogin checks the login, time-sync and upload decoders on any
// body: no panic, and a serial that survives a round trip.
func FuzzDecodeLogin(f *testing.F) {
	addSeeds(f, func(b []byte) {
		if fr, err := Decode(b); err == nil {
			f.Add(fr.Body)
		}
	})
	f.Fuzz(func(t *testing.T, body []byte) {
		l, err := DecodeLogin(Frame{Cmd: CmdLogin, Body: body})
		if err == nil {
			if l.Serial == "" || len(l.Rest) != len(body)-SerialFieldLen {
				t.Fatalf("login %+v from % X", l, body)
			}
			if again, err := DecodeLogin(Frame{Cmd: CmdLogin, Body: LoginBody(l.Serial, l.Rest)}); err != nil || again.Serial != l.Serial {
				t.Fatalf("round trip of serial %q: %q, %v", l.Serial, again.Serial, err)
			}
		}
		_, _ = DecodeTimeSyncRequest(Frame{Cmd: CmdTimeSync, Body: body})
		_, _ = DecodeTimeSyncReply(Frame{Cmd: CmdTimeSync, Body: body})
		_, _ = DecodeUpload(Frame{Cmd: CmdUpload, Body: body})
	})
}
