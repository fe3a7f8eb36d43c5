package modbus

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"testing"
)

// Modbus-TCP frames: transaction 0x0001, protocol 0, length, unit 0x11.
const (
	tcpReadReq   = "000100000006110300000002" // FC03 0x0000 × 2
	tcpReadReply = "00010000000711030400003039"
	tcpException = "000100000003118302"
	tcpStale     = "00000000000711030400010002" // transaction 0: a late reply
)

func TestTCP_RoundTrip(t *testing.T) {
	for _, h := range []string{tcpReadReq, tcpReadReply, tcpException} {
		adu := mustHex(t, h)
		hdr, pdu, err := DecodeTCP(adu)
		if err != nil {
			t.Fatalf("DecodeTCP(%s): %v", h, err)
		}
		if hdr != (MBAP{Transaction: 1, Unit: 0x11}) {
			t.Errorf("header %+v", hdr)
		}
		again, err := AppendTCP(nil, hdr, pdu)
		if err != nil || !bytes.Equal(again, adu) {
			t.Errorf("re-encode of %s = % x, %v", h, again, err)
		}
	}
	got, err := EncodeTCPRequest(MBAP{Transaction: 1, Unit: 0x11}, Request{Function: ReadHoldingRegisters, Quantity: 2})
	if err != nil || !bytes.Equal(got, mustHex(t, tcpReadReq)) {
		t.Errorf("EncodeTCPRequest = % x, %v", got, err)
	}
	if _, err := EncodeTCPRequest(MBAP{}, Request{}); !errors.Is(err, ErrInvalidRequest) {
		t.Errorf("bad request: %v", err)
	}
}

func TestDecodeTCP_Errors(t *testing.T) {
	for name, tc := range map[string]struct {
		hex  string
		want error
	}{
		"ErrShort":    {"0001000000021103", ErrShortFrame},
		"ErrProtocol": {"000100010003118302", ErrMalformed},
		"ErrLength":   {"000100000004118302", ErrMalformed},
		"ErrLenField": {"000100000001118302", ErrMalformed},
	} {
		t.Run(name, func(t *testing.T) {
			if _, _, err := DecodeTCP(mustHex(t, tc.hex)); !errors.Is(err, tc.want) {
				t.Errorf("got %v, want %v", err, tc.want)
			}
		})
	}
	if _, _, err := DecodeTCP(make([]byte, MaxTCPSize+1)); !errors.Is(err, ErrFrameTooLong) {
		t.Errorf("oversize: %v", err)
	}
	if _, err := AppendTCP(nil, MBAP{}, make([]byte, MaxPDUSize+1)); !errors.Is(err, ErrFrameTooLong) {
		t.Errorf("AppendTCP oversize: %v", err)
	}
	if _, err := AppendTCP(nil, MBAP{}, []byte{3}); !errors.Is(err, ErrShortFrame) {
		t.Errorf("AppendTCP short: %v", err)
	}
}

func TestTCPReader_ReadResponse(t *testing.T) {
	req := Request{Function: ReadHoldingRegisters, Quantity: 2}
	h := MBAP{Transaction: 1, Unit: 0x11}
	t.Run("SplitAndStale", func(t *testing.T) {
		tr := NewTCPReader(&chunkReader{data: cat(t, tcpStale, tcpReadReply), chunks: []int{1, 6, 3, 2, 9}})
		resp, err := tr.ReadResponse(h, req)
		if err != nil || !reflect.DeepEqual(resp.Values, []uint16{0, 0x3039}) {
			t.Fatalf("got %+v, %v", resp, err)
		}
	})
	t.Run("Exception", func(t *testing.T) {
		var ex *Exception
		if _, err := NewTCPReader(bytes.NewReader(mustHex(t, tcpException))).ReadResponse(h, req); !errors.As(err, &ex) || ex.Code != IllegalDataAddress {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("ErrOtherUnit", func(t *testing.T) {
		if _, err := NewTCPReader(bytes.NewReader(mustHex(t, tcpReadReply))).ReadResponse(MBAP{Transaction: 1, Unit: 1}, req); !errors.Is(err, ErrMismatch) {
			t.Fatalf("got %v, want ErrMismatch", err)
		}
	})
	t.Run("ErrTruncated", func(t *testing.T) {
		if _, err := NewTCPReader(bytes.NewReader(mustHex(t, tcpReadReply[:20]))).ReadResponse(h, req); !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Fatalf("got %v, want io.ErrUnexpectedEOF", err)
		}
	})
	t.Run("ErrBadHeader", func(t *testing.T) {
		if _, err := NewTCPReader(bytes.NewReader(mustHex(t, "0001000000ff11"))).ReadResponse(h, req); !errors.Is(err, ErrMalformed) {
			t.Fatalf("got %v, want ErrMalformed", err)
		}
	})
	t.Run("ErrTooManyStale", func(t *testing.T) {
		data := bytes.Repeat(mustHex(t, tcpStale), maxStaleTCPFrames+1)
		if _, err := NewTCPReader(bytes.NewReader(data)).ReadResponse(h, req); !errors.Is(err, ErrNoFrame) {
			t.Fatalf("got %v, want ErrNoFrame", err)
		}
	})
}

func TestTCPReader_ReadRequest(t *testing.T) {
	tr := NewTCPReader(bytes.NewReader(cat(t, tcpReadReq, "000200000006110100000001")))
	h, req, err := tr.ReadRequest()
	if err != nil || h.Transaction != 1 || req.Quantity != 2 {
		t.Fatalf("got %+v %+v %v", h, req, err)
	}
	h, req, err = tr.ReadRequest()
	if !errors.Is(err, ErrInvalidRequest) || h.Transaction != 2 || req.Function != 0x01 {
		t.Fatalf("FC01: got %+v %+v %v, want ErrInvalidRequest with header", h, req, err)
	}
	if _, _, err := tr.ReadRequest(); err != io.EOF {
		t.Fatalf("at end: %v", err)
	}
}
