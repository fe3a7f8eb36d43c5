package dlt645

import (
	"bytes"
	"testing"
)

// BenchmarkEncodeRead measures building and encoding a balance read with
// the customary preamble into a reused buffer.
func BenchmarkEncodeRead(b *testing.B) {
	b.ReportAllocs()
	buf := make([]byte, 0, 64)
	for b.Loop() {
		var err error
		buf, err = ReadRequest(meter1, DIBalance).AppendRequest(buf[:0], DefaultPreamble)
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeReply measures decoding a balance reply and its value.
func BenchmarkDecodeReply(b *testing.B) {
	b.ReportAllocs()
	in := hx(b, "FE FE 68 01 00 00 00 00 00 68 91 08 33 35 C3 33 78 56 34 33 FD 16")
	it, _ := Lookup(DIBalance)
	for b.Loop() {
		f, err := Decode(in)
		if err != nil {
			b.Fatal(err)
		}
		data, err := ReadReplyData(DIBalance, f)
		if err != nil {
			b.Fatal(err)
		}
		if v, err := it.DecodeValue(data); err != nil || v != 12345 {
			b.Fatal(v, err)
		}
	}
}

// BenchmarkFrameReader measures pulling glued replies out of a stream.
func BenchmarkFrameReader(b *testing.B) {
	b.ReportAllocs()
	one := hx(b, "FE FE 68 01 00 00 00 00 00 68 91 08 33 35 C3 33 78 56 34 33 FD 16")
	in := bytes.Repeat(one, 100)
	r := bytes.NewReader(in)
	fr := NewFrameReader(r)
	for b.Loop() {
		if _, err := fr.ReadFrame(); err != nil {
			r.Reset(in)
			fr = NewFrameReader(r)
		}
	}
}
