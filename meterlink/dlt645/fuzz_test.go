package dlt645

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"time"
)

// addWorkedSeeds adds every worked frame of docs/PROTOCOLS.md, bare and with a
// preamble, as seeds.
func addWorkedSeeds(f *testing.F) {
	for _, w := range workedFrames(f) {
		b := hx(f, w.hex)
		f.Add(b)
		f.Add(append([]byte{0xFE, 0xFE, 0xFE, 0xFE}, b...))
	}
}

// FuzzDecode checks that Decode never panics and that every frame it
// accepts re-encodes to bytes that decode to the same frame; the higher
// layers (error words, DI table) must not panic on what it returns.
func FuzzDecode(f *testing.F) {
	addWorkedSeeds(f)
	for _, fr := range []Frame{
		{Addr: meter1, Control: 0x92, Data: []byte{0x00, 0xFF, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x01}},       // follow-up with SEQ
		{Addr: meter1, Control: 0xB2, Data: []byte{0x01, 0x15, 0x00, 0x04, 0x10, 0x00, 0x00, 0x00, 0x02}},       // active report
		{Addr: meter1, Control: 0xDC, Data: []byte{0x10, 0x00}},                                                 // 2-byte error word
		{Addr: meter1, Control: 0x91, Data: []byte{0x00, 0xFF, 0x01, 0x02, 0x00, 0x22, 0xFF, 0xFF, 0xFF, 0xFF}}, // FF-filled block
	} {
		b, err := fr.MarshalBinary()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		fr, err := Decode(b)
		if err != nil {
			return
		}
		enc, err := fr.MarshalBinary()
		if err != nil {
			t.Fatalf("decoded frame does not encode: %v", err)
		}
		again, err := Decode(enc)
		if err != nil || !frameEqual(fr, again) {
			t.Fatalf("re-decode: %+v, %v; want %+v", again, err, fr)
		}
		if err := ReplyError(fr); err != nil {
			var me *MeterError
			if errors.As(err, &me) {
				_ = me.Error()
				if me.VendorBits()&^me.Word != 0 {
					t.Fatalf("vendor bits %04X outside word %04X", me.VendorBits(), me.Word)
				}
			}
		}
		if fu, err := ParseFollowUp(fr); err == nil && len(fu.Data) != len(fr.Data)-5 {
			t.Fatalf("follow-up of %d data bytes gave %d value bytes, want %d", len(fr.Data), len(fu.Data), len(fr.Data)-5)
		}
		_ = fr.Addr.Validate()
		if len(fr.Data) >= 4 {
			di := readDI(fr.Data)
			_, _ = ReadReplyData(di, fr)
			_ = Matches(ReadRequest(fr.Addr, di), fr)
			if it, ok := Lookup(di); ok {
				_, _ = it.Decode(fr.Data[4:])
			}
		}
	})
}

// FuzzFrameReader feeds arbitrary bytes through a FrameReader in chunks
// whose sizes come from the input, and checks it never panics, always ends,
// never buffers more than its fixed buffer, and only returns frames that
// round-trip.
func FuzzFrameReader(f *testing.F) {
	for _, w := range workedFrames(f) {
		b := hx(f, w.hex)
		f.Add(byte(1), b)
		f.Add(byte(7), append(append([]byte{0xFE, 0x00, 0x68}, b...), b...))
	}
	f.Fuzz(func(t *testing.T, chunk byte, b []byte) {
		var parts chunks
		step := int(chunk%32) + 1
		for i := 0; i < len(b); i += step {
			parts = append(parts, b[i:min(i+step, len(b))])
		}
		fr := NewFrameReader(&parts)
		for calls := 0; ; calls++ {
			if calls > len(b)+2 {
				t.Fatalf("%d calls for %d bytes: not making progress", calls, len(b))
			}
			got, err := fr.ReadFrame()
			if fr.Buffered() > readerBuf {
				t.Fatalf("buffered %d", fr.Buffered())
			}
			if errors.Is(err, ErrChecksum) {
				continue
			}
			if err == io.EOF || err == io.ErrUnexpectedEOF {
				return
			}
			if err != nil {
				t.Fatalf("unexpected error %v", err)
			}
			enc, err := got.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			if again, err := Decode(enc); err != nil || !frameEqual(got, again) {
				t.Fatalf("re-decode: %v", err)
			}
		}
	})
}

// FuzzItemDecode checks the DI table's decoders: no panic, and every value
// decoded from a single-value numeric item encodes back to the same value.
func FuzzItemDecode(f *testing.F) {
	f.Add(uint32(DIBalance), []byte{0x45, 0x23, 0x01, 0x00})
	f.Add(uint32(DIActivePower), []byte{0x34, 0x12, 0x80})
	f.Add(uint32(DIForwardActiveBlock), bytes.Repeat([]byte{0x11}, 20))
	f.Add(uint32(DIStatusWord3), []byte{0x50, 0x00})
	f.Add(uint32(DILastTripTime), []byte{0, 0x30, 0x12, 0x25, 0x11, 0x26})
	f.Add(uint32(DIVoltageBlock), []byte{0x00, 0x22, 0xFF, 0xFF, 0xFF, 0xFF})
	f.Add(uint32(DIForwardActiveBlock), append([]byte{0x00, 0x10, 0x00, 0x00}, bytes.Repeat([]byte{0xFF}, 16)...))
	f.Fuzz(func(t *testing.T, di uint32, data []byte) {
		_, _ = DecodeTime6(data, time.UTC)
		_, _ = DecodeBCD(data)
		_, _ = DecodeSignedBCD(data)
		it, ok := Lookup(DI(di))
		if !ok {
			return
		}
		if vals, have, err := it.DecodeEntries(data); err == nil {
			size := it.Format.Size()
			for i, h := range have {
				if !h && (vals[i] != 0 || !bytes.Equal(data[i*size:(i+1)*size], bytes.Repeat([]byte{0xFF}, size))) {
					t.Fatalf("%s: entry %d (% X) taken as not supported", it.DI, i, data[i*size:(i+1)*size])
				}
			}
		}
		vs, err := it.Decode(data)
		if err != nil || it.Count != 1 {
			return
		}
		enc, err := it.Encode(vs[0])
		if errors.Is(err, ErrNotScalar) {
			return
		}
		if err != nil {
			t.Fatalf("%s: decoded %d does not encode: %v", it.DI, vs[0], err)
		}
		back, err := it.DecodeValue(enc)
		if err != nil || back != vs[0] {
			t.Fatalf("%s: %d → % X → %d, %v", it.DI, vs[0], enc, back, err)
		}
	})
}
