package modbus

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"testing"
)

// Real frames, CRCs computed independently (docs/PROTOCOLS.md §2.1 CRC rules).
const (
	rtuReadReq     = "01030000001185c6"           // unit 1, FC03 0x0000 × 17
	rtuRead2Req    = "010300000002c40b"           // unit 1, FC03 0x0000 × 2
	rtuRead2Reply  = "010304000030392e21"         // its reply [0, 0x3039]
	rtuException   = "018302c0f1"                 // unit 1, FC03 illegal data address
	rtuWriteSingle = "0106000a04d22b55"           // unit 1, FC06 0x000A = 1234 (request = reply)
	rtuWriteMulti  = "0110005700020400010000e6b5" // unit 1, FC10 0x0057 = [1, 0]
	rtuWriteMultiR = "011000570002f018"           // its reply
	rtuInputReply  = "0104020064b8db"             // unit 1, FC04 reply [100]
)

func TestRTU_RoundTrip(t *testing.T) {
	for _, h := range []string{rtuReadReq, rtuException, rtuWriteSingle, rtuWriteMulti, rtuWriteMultiR, rtuInputReply} {
		adu := mustHex(t, h)
		unit, pdu, err := DecodeRTU(adu)
		if err != nil {
			t.Fatalf("DecodeRTU(%s): %v", h, err)
		}
		again, err := AppendRTU(nil, unit, pdu)
		if err != nil || !bytes.Equal(again, adu) {
			t.Errorf("re-encode of %s = % x, %v", h, again, err)
		}
	}
	got, err := EncodeRTURequest(1, Request{Function: ReadHoldingRegisters, Quantity: 17})
	if err != nil || !bytes.Equal(got, mustHex(t, rtuReadReq)) {
		t.Errorf("EncodeRTURequest = % x, %v; want %s", got, err, rtuReadReq)
	}
	got, err = EncodeRTURequest(1, Request{Function: WriteMultipleRegisters, Address: 0x57, Quantity: 2, Values: []uint16{1, 0}})
	if err != nil || !bytes.Equal(got, mustHex(t, rtuWriteMulti)) {
		t.Errorf("EncodeRTURequest FC10 = % x, %v; want %s", got, err, rtuWriteMulti)
	}
	if _, err := EncodeRTURequest(1, Request{Function: ReadHoldingRegisters}); !errors.Is(err, ErrInvalidRequest) {
		t.Errorf("bad request: got %v, want ErrInvalidRequest", err)
	}
}

func TestDecodeRTU_Errors(t *testing.T) {
	bad := mustHex(t, rtuException)
	bad[4] ^= 1
	for name, tc := range map[string]struct {
		adu  []byte
		want error
	}{
		"ErrCRC":   {bad, ErrCRC},
		"ErrShort": {mustHex(t, "01834181"), ErrShortFrame},
		"ErrLong":  {make([]byte, MaxRTUSize+1), ErrFrameTooLong},
	} {
		t.Run(name, func(t *testing.T) {
			if _, _, err := DecodeRTU(tc.adu); !errors.Is(err, tc.want) {
				t.Errorf("got %v, want %v", err, tc.want)
			}
		})
	}
	if _, err := AppendRTU(nil, 1, make([]byte, MaxRTUSize-2)); !errors.Is(err, ErrFrameTooLong) {
		t.Errorf("AppendRTU oversize: got %v", err)
	}
	if _, err := AppendRTU(nil, 1, []byte{3}); !errors.Is(err, ErrShortFrame) {
		t.Errorf("AppendRTU 1-byte PDU: got %v", err)
	}
}

// chunkReader hands out its data in the given chunk sizes, then the rest
// in one read, then io.EOF: TCP segment boundaries in miniature.
type chunkReader struct {
	data   []byte
	chunks []int
}

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(c.data) == 0 {
		return 0, io.EOF
	}
	n := len(c.data)
	if len(c.chunks) > 0 {
		n, c.chunks = min(c.chunks[0], n), c.chunks[1:]
	}
	n = copy(p, c.data[:n])
	c.data = c.data[n:]
	return n, nil
}

func cat(t *testing.T, hexes ...string) []byte {
	var b []byte
	for _, h := range hexes {
		b = append(b, mustHex(t, h)...)
	}
	return b
}

func TestRTUReader_ReadResponse(t *testing.T) {
	read2 := Request{Function: ReadHoldingRegisters, Address: 0, Quantity: 2}
	reply := "010304000030392e21" // values [0, 0x3039]
	want := []uint16{0, 0x3039}
	for name, tc := range map[string]struct {
		data     []byte
		chunks   []int
		skipEcho bool
	}{
		"Whole":        {data: cat(t, reply)},
		"ByteByByte":   {data: cat(t, reply), chunks: []int{1, 1, 1, 1, 1, 1, 1, 1, 1, 1}},
		"Split3":       {data: cat(t, reply), chunks: []int{3, 4}},
		"Garbage":      {data: cat(t, "ff00010203fe", reply)},
		"GarbageUnit":  {data: cat(t, "0103", reply)}, // looks like a start, isn't
		"OtherUnit":    {data: cat(t, "020304000030391d21", reply)},
		"StaleLength":  {data: cat(t, "0103020064b9af", reply)},
		"BadCRC":       {data: cat(t, "010304000030392e22", reply)},
		"EchoSkipped":  {data: cat(t, rtuRead2Req, reply), skipEcho: true},
		"EchoIgnored":  {data: cat(t, rtuRead2Req, reply)}, // framing skips it anyway
		"EchoSplit":    {data: cat(t, rtuRead2Req, reply), chunks: []int{5, 5, 2}, skipEcho: true},
		"GluedTrailer": {data: cat(t, reply, "0103")},
	} {
		t.Run(name, func(t *testing.T) {
			r := NewRTUReader(&chunkReader{data: tc.data, chunks: tc.chunks})
			r.SkipEcho = tc.skipEcho
			resp, err := r.ReadResponse(1, read2)
			if err != nil || !reflect.DeepEqual(resp.Values, want) {
				t.Fatalf("got %+v, %v; want values %v", resp, err, want)
			}
		})
	}
}

func TestRTUReader_Glued(t *testing.T) {
	read2 := Request{Function: ReadHoldingRegisters, Address: 0, Quantity: 2}
	single := Request{Function: WriteSingleRegister, Address: 0x0A, Values: []uint16{1234}}
	r := NewRTUReader(bytes.NewReader(cat(t, "010304000030392e21", rtuWriteSingle, rtuException)))
	if _, err := r.ReadResponse(1, read2); err != nil {
		t.Fatalf("first: %v", err)
	}
	if r.Buffered() == 0 {
		t.Fatal("glued frames not kept for the next call")
	}
	if _, err := r.ReadResponse(1, single); err != nil {
		t.Fatalf("second: %v", err)
	}
	var ex *Exception
	if _, err := r.ReadResponse(1, read2); !errors.As(err, &ex) || ex.Code != IllegalDataAddress {
		t.Fatalf("third: got %v, want illegal data address", err)
	}
	if _, err := r.ReadResponse(1, read2); err != io.EOF {
		t.Fatalf("at end: got %v, want io.EOF", err)
	}
}

func TestRTUReader_Errors(t *testing.T) {
	read2 := Request{Function: ReadHoldingRegisters, Address: 0, Quantity: 2}
	t.Run("ErrTruncated", func(t *testing.T) {
		r := NewRTUReader(bytes.NewReader(mustHex(t, "0103040000")))
		if _, err := r.ReadResponse(1, read2); !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Errorf("got %v, want io.ErrUnexpectedEOF", err)
		}
	})
	t.Run("ErrNoFrame", func(t *testing.T) {
		r := NewRTUReader(bytes.NewReader(bytes.Repeat([]byte{0x55}, 10*MaxRTUSize)))
		if _, err := r.ReadResponse(1, read2); !errors.Is(err, ErrNoFrame) {
			t.Errorf("got %v, want ErrNoFrame", err)
		}
	})
	t.Run("ErrNoProgress", func(t *testing.T) {
		r := NewRTUReader(zeroReader{})
		if _, err := r.ReadResponse(1, read2); !errors.Is(err, io.ErrNoProgress) {
			t.Errorf("got %v, want io.ErrNoProgress", err)
		}
	})
	t.Run("ErrInvalidRequest", func(t *testing.T) {
		r := NewRTUReader(bytes.NewReader(nil))
		if _, err := r.ReadResponse(1, Request{Function: ReadHoldingRegisters}); !errors.Is(err, ErrInvalidRequest) {
			t.Errorf("got %v, want ErrInvalidRequest", err)
		}
	})
	t.Run("ExceptionAliasUnit", func(t *testing.T) {
		r := NewRTUReader(bytes.NewReader(mustHex(t, "ff8302"+crcHex(t, "ff8302"))))
		var ex *Exception
		if _, err := r.ReadResponse(1, read2); !errors.As(err, &ex) {
			t.Errorf("got %v, want *Exception from unit 0xFF", err)
		}
	})
	t.Run("EchoOfWriteSingle", func(t *testing.T) {
		// With SkipEcho the echo is dropped and the real reply (identical
		// bytes) taken; without a second copy the reader must not accept
		// the echo as the reply.
		single := Request{Function: WriteSingleRegister, Address: 0x0A, Values: []uint16{1234}}
		r := NewRTUReader(bytes.NewReader(mustHex(t, rtuWriteSingle)))
		r.SkipEcho = true
		if _, err := r.ReadResponse(1, single); err != io.EOF {
			t.Errorf("echo only: got %v, want io.EOF", err)
		}
		r = NewRTUReader(bytes.NewReader(cat(t, rtuWriteSingle, rtuWriteSingle)))
		r.SkipEcho = true
		if _, err := r.ReadResponse(1, single); err != nil {
			t.Errorf("echo + reply: %v", err)
		}
	})
	t.Run("Reset", func(t *testing.T) {
		r := NewRTUReader(bytes.NewReader(cat(t, "010304000030392e21", "010304000030392e21")))
		if _, err := r.ReadResponse(1, read2); err != nil {
			t.Fatal(err)
		}
		r.Reset()
		if _, err := r.ReadResponse(1, read2); err != io.EOF {
			t.Errorf("after Reset: got %v, want io.EOF", err)
		}
	})
}

type zeroReader struct{}

func (zeroReader) Read([]byte) (int, error) { return 0, nil }

func crcHex(t *testing.T, h string) string {
	c := CRC16(mustHex(t, h))
	const digits = "0123456789abcdef"
	return string([]byte{digits[byte(c)>>4], digits[byte(c)&15], digits[c>>12], digits[(c>>8)&15]})
}

func TestRTUReader_ReadRequest(t *testing.T) {
	r := NewRTUReader(&chunkReader{
		data:   cat(t, "00ff", rtuReadReq, rtuWriteMulti, "010100000001fdca", rtuWriteSingle, "010f0000000a0201026569"),
		chunks: []int{3, 7, 1, 9},
	})
	unit, req, err := r.ReadRequest()
	if err != nil || unit != 1 || !reflect.DeepEqual(req, Request{Function: ReadHoldingRegisters, Quantity: 17}) {
		t.Fatalf("first: %d %+v %v", unit, req, err)
	}
	_, req, err = r.ReadRequest()
	if err != nil || !reflect.DeepEqual(req.Values, []uint16{1, 0}) || req.Address != 0x57 {
		t.Fatalf("second: %+v %v", req, err)
	}
	// FC01 is framed but not served: the caller gets ErrInvalidRequest
	// and the function, to answer "illegal function".
	_, req, err = r.ReadRequest()
	if !errors.Is(err, ErrInvalidRequest) || req.Function != 0x01 {
		t.Fatalf("FC01: %+v %v, want ErrInvalidRequest", req, err)
	}
	_, req, err = r.ReadRequest()
	if err != nil || req.Function != WriteSingleRegister || req.Values[0] != 1234 {
		t.Fatalf("third: %+v %v", req, err)
	}
	if _, req, err = r.ReadRequest(); !errors.Is(err, ErrInvalidRequest) || req.Function != 0x0F {
		t.Fatalf("FC0F: %+v %v, want ErrInvalidRequest", req, err)
	}
	t.Run("InvalidButFramed", func(t *testing.T) {
		r := NewRTUReader(bytes.NewReader(mustHex(t, "010300000000"+crcHex(t, "010300000000"))))
		unit, req, err := r.ReadRequest()
		if !errors.Is(err, ErrMalformed) || unit != 1 || req.Function != ReadHoldingRegisters {
			t.Errorf("got %d %+v %v, want unit 1, FC03, ErrMalformed", unit, req, err)
		}
	})
}
