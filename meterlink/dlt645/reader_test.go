package dlt645

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"testing/iotest"
)

// chunks is a reader returning its parts one Read at a time.
type chunks [][]byte

func (c *chunks) Read(p []byte) (int, error) {
	if len(*c) == 0 {
		return 0, io.EOF
	}
	n := copy(p, (*c)[0])
	if n < len((*c)[0]) {
		(*c)[0] = (*c)[0][n:]
	} else {
		*c = (*c)[1:]
	}
	return n, nil
}

func TestFrameReader(t *testing.T) {
	req := hx(t, "FE FE FE FE 68 01 00 00 00 00 00 68 11 04 33 35 C3 33 44 16")
	reply := hx(t, "68 01 00 00 00 00 00 68 91 08 33 35 C3 33 78 56 34 33 FD 16")
	ack := hx(t, "68 01 00 00 00 00 00 68 9C 00 6D 16")
	badCS := bytes.Clone(reply)
	badCS[len(badCS)-2] ^= 0xFF
	cat := func(bs ...[]byte) []byte { return bytes.Join(bs, nil) }

	t.Run("Split", func(t *testing.T) {
		fr := NewFrameReader(iotest.OneByteReader(bytes.NewReader(cat([]byte{0xFE, 0xFE}, reply))))
		f, err := fr.ReadFrame()
		if err != nil || f.Control != 0x91 || len(f.Data) != 8 {
			t.Fatalf("got %+v, %v", f, err)
		}
		if _, err := fr.ReadFrame(); err != io.EOF {
			t.Fatalf("after the frame: got %v, want io.EOF", err)
		}
	})
	t.Run("Glued", func(t *testing.T) {
		fr := NewFrameReader(bytes.NewReader(cat(reply, ack, reply)))
		for i, want := range []Control{0x91, 0x9C, 0x91} {
			f, err := fr.ReadFrame()
			if err != nil || f.Control != want {
				t.Fatalf("frame %d: got %s, %v, want %s", i, f.Control, err, want)
			}
		}
	})
	t.Run("EchoAndGarbage", func(t *testing.T) {
		// Echo of our request, noise containing a stray 68, then the reply.
		in := cat(req, []byte{0x00, 0x68, 0x13, 0xFF, 0xFE}, reply)
		fr := NewFrameReader(&chunks{in[:7], in[7:23], in[23:]})
		f, err := fr.ReadReply()
		if err != nil || f.Control != 0x91 {
			t.Fatalf("got %+v, %v", f, err)
		}
		if fr.Discarded() == 0 {
			t.Fatal("discarded count not kept")
		}
	})
	t.Run("ErrChecksumThenResync", func(t *testing.T) {
		fr := NewFrameReader(bytes.NewReader(cat(badCS, ack)))
		if _, err := fr.ReadFrame(); !errors.Is(err, ErrChecksum) {
			t.Fatalf("got %v, want ErrChecksum", err)
		}
		f, err := fr.ReadFrame()
		if err != nil || f.Control != 0x9C {
			t.Fatalf("after resync: got %+v, %v", f, err)
		}
	})
	t.Run("ErrTruncated", func(t *testing.T) {
		fr := NewFrameReader(bytes.NewReader(reply[:len(reply)-3]))
		if _, err := fr.ReadFrame(); err != io.ErrUnexpectedEOF {
			t.Fatalf("got %v, want io.ErrUnexpectedEOF", err)
		}
	})
	t.Run("FakeHeaderHidesReply", func(t *testing.T) {
		// A noise header with both 68s and L = 0xFF promises 267 bytes; the
		// real reply behind it must still come out when input stalls.
		noise := []byte{0x68, 1, 2, 3, 4, 5, 6, 0x68, 0x91, 0xFF}
		fr := NewFrameReader(bytes.NewReader(cat(noise, reply)))
		f, err := fr.ReadFrame()
		if err != nil || f.Control != 0x91 {
			t.Fatalf("got %+v, %v", f, err)
		}
	})
	t.Run("TimeoutKeepsBytes", func(t *testing.T) {
		r := &chunks{reply[:5]}
		fr := NewFrameReader(iotest.TimeoutReader(r))
		// TimeoutReader: second Read returns ErrTimeout with no data.
		if _, err := fr.ReadFrame(); !errors.Is(err, iotest.ErrTimeout) {
			t.Fatalf("got %v, want timeout", err)
		}
		fr.r = &chunks{reply[5:]}
		if f, err := fr.ReadFrame(); err != nil || f.Control != 0x91 {
			t.Fatalf("late reply: got %+v, %v", f, err)
		}
	})
	t.Run("BoundedOnGarbage", func(t *testing.T) {
		junk := bytes.Repeat([]byte{0x68, 0, 0, 0, 0, 0, 0, 0x68, 0x91, 0xFF}, 1000)
		fr := NewFrameReader(bytes.NewReader(junk))
		_, err := fr.ReadFrame()
		if err == nil || fr.Buffered() > readerBuf {
			t.Fatalf("got %v, buffered %d", err, fr.Buffered())
		}
	})
}
