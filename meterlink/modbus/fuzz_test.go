package modbus

import (
	"bytes"
	"encoding/hex"
	"errors"
	"testing"
)

// rtuSeeds are real RTU frames (requests, replies, an exception) used as
// the seed corpus of the RTU fuzzers.
var rtuSeeds = []string{
	rtuReadReq, rtuRead2Req, rtuRead2Reply, rtuException, rtuWriteSingle,
	rtuWriteMulti, rtuWriteMultiR, rtuInputReply, "ff8302" + "3030",
}

func seedBytes(h string) []byte {
	b, _ := hex.DecodeString(h)
	return b
}

// checkPDU asserts that whatever decodes as a request or reply PDU
// re-encodes to the same bytes.
func checkPDU(t *testing.T, pdu []byte) {
	if req, err := DecodeRequest(pdu); err == nil {
		again, err := AppendRequest(nil, req)
		if err != nil || !bytes.Equal(again, pdu) {
			t.Fatalf("request % x decoded to %+v, re-encoded to % x, %v", pdu, req, again, err)
		}
	}
	resp, err := DecodeResponse(pdu)
	var again []byte
	var ex *Exception
	switch {
	case errors.As(err, &ex):
		again, err = AppendException(nil, ex.Function, ex.Code), nil
	case err == nil:
		again, err = AppendResponse(nil, resp)
	default:
		return
	}
	if err != nil || !bytes.Equal(again, pdu) {
		t.Fatalf("reply % x decoded to %+v, re-encoded to % x, %v", pdu, resp, again, err)
	}
}

func FuzzDecodeRTU(f *testing.F) {
	for _, h := range rtuSeeds {
		f.Add(seedBytes(h))
	}
	f.Fuzz(func(t *testing.T, adu []byte) {
		unit, pdu, err := DecodeRTU(adu)
		if err != nil {
			return
		}
		again, err := AppendRTU(nil, unit, pdu)
		if err != nil || !bytes.Equal(again, adu) {
			t.Fatalf("frame % x re-encoded to % x, %v", adu, again, err)
		}
		checkPDU(t, pdu)
	})
}

// fuzzRequests are the requests FuzzRTUReader reads replies for.
var fuzzRequests = []Request{
	{Function: ReadHoldingRegisters, Address: 0, Quantity: 2},
	{Function: ReadInputRegisters, Address: 0, Quantity: 1},
	{Function: WriteSingleRegister, Address: 0x0A, Values: []uint16{1234}},
	{Function: WriteMultipleRegisters, Address: 0x57, Quantity: 2, Values: []uint16{1, 0}},
}

func FuzzRTUReader(f *testing.F) {
	for i, h := range rtuSeeds {
		f.Add(seedBytes(h), byte(i), byte(0))
		f.Add(append(seedBytes("00ff0103"), seedBytes(h)...), byte(1), byte(i))
	}
	f.Add(seedBytes(rtuRead2Req+rtuRead2Reply+rtuWriteSingle+rtuWriteSingle), byte(3), byte(0x80))
	f.Fuzz(func(t *testing.T, data []byte, chunk, mode byte) {
		cr := &chunkReader{data: data}
		for i := range len(data) {
			cr.chunks = append(cr.chunks, 1+(int(chunk)+i)%7)
		}
		r := NewRTUReader(cr)
		r.SkipEcho = mode&0x80 != 0
		r.MaxDiscard = 64
		for i := 0; i <= len(data); i++ {
			if mode&0x40 != 0 {
				if _, _, err := r.ReadRequest(); err != nil && !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrInvalidRequest) {
					break
				}
				continue
			}
			req := fuzzRequests[(int(mode)+i)%len(fuzzRequests)]
			resp, err := r.ReadResponse(1, req)
			var ex *Exception
			if errors.As(err, &ex) {
				if ex.Function != req.Function {
					t.Fatalf("exception %v for %s", ex, req.Function)
				}
				continue
			}
			if err != nil {
				break
			}
			if _, err := AppendResponse(nil, resp); err != nil || resp.Function != req.Function {
				t.Fatalf("reply %+v to %+v does not re-encode: %v", resp, req, err)
			}
			if r.Buffered() > len(r.buf) {
				t.Fatalf("buffered %d bytes", r.Buffered())
			}
		}
	})
}

func FuzzDecodeTCP(f *testing.F) {
	for _, h := range []string{tcpReadReq, tcpReadReply, tcpException, tcpStale, "000200000006110100000001"} {
		f.Add(seedBytes(h))
	}
	f.Fuzz(func(t *testing.T, adu []byte) {
		if h, pdu, err := DecodeTCP(adu); err == nil {
			again, err := AppendTCP(nil, h, pdu)
			if err != nil || !bytes.Equal(again, adu) {
				t.Fatalf("frame % x re-encoded to % x, %v", adu, again, err)
			}
			checkPDU(t, pdu)
		}
		// The same bytes as a stream: must end in an error, never hang.
		tr := NewTCPReader(bytes.NewReader(adu))
		for range len(adu) + 1 {
			if _, _, err := tr.ReadFrame(); err != nil {
				return
			}
		}
		t.Fatal("TCPReader returned more frames than bytes")
	})
}
