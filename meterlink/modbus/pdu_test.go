package modbus

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestRequest_RoundTrip(t *testing.T) {
	for _, req := range []Request{
		{Function: ReadHoldingRegisters, Address: 0, Quantity: 17},
		{Function: ReadInputRegisters, Address: 0xFF83, Quantity: MaxReadQuantity},
		{Function: WriteSingleRegister, Address: 0x000A, Quantity: 1, Values: []uint16{1234}},
		{Function: WriteMultipleRegisters, Address: 0x0057, Quantity: 2, Values: []uint16{1, 0}},
	} {
		pdu, err := AppendRequest(nil, req)
		if err != nil {
			t.Fatalf("AppendRequest(%+v): %v", req, err)
		}
		got, err := DecodeRequest(pdu)
		if err != nil {
			t.Fatalf("DecodeRequest(% x): %v", pdu, err)
		}
		if !reflect.DeepEqual(got, req) {
			t.Errorf("round trip: got %+v, want %+v", got, req)
		}
	}
}

func TestAppendRequest_Invalid(t *testing.T) {
	for name, req := range map[string]Request{
		"ZeroRead":       {Function: ReadHoldingRegisters, Quantity: 0},
		"ReadTooMany":    {Function: ReadInputRegisters, Quantity: 126},
		"ReadPastEnd":    {Function: ReadHoldingRegisters, Address: 0xFFFF, Quantity: 2},
		"SingleNoValue":  {Function: WriteSingleRegister},
		"MultiTooMany":   {Function: WriteMultipleRegisters, Quantity: 124, Values: make([]uint16, 124)},
		"MultiCountDiff": {Function: WriteMultipleRegisters, Quantity: 3, Values: make([]uint16, 2)},
		"Coils":          {Function: 0x01, Quantity: 1},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := AppendRequest(nil, req); !errors.Is(err, ErrInvalidRequest) {
				t.Errorf("got %v, want ErrInvalidRequest", err)
			}
		})
	}
}

func TestDecodeRequest_Bad(t *testing.T) {
	for name, tc := range map[string]struct {
		hex  string
		want error
	}{
		"Short":        {"030000", ErrShortFrame},
		"ReadZero":     {"0300000000", ErrMalformed},
		"ReadLong":     {"030000000100", ErrMalformed},
		"MultiByteCnt": {"10000000020300010000", ErrMalformed},
		"MultiNoBC":    {"1000000002", ErrShortFrame},
		"MultiTrunc":   {"100000000204000100", ErrMalformed},
		"Unsupported":  {"0100000001", ErrInvalidRequest},
		"MultiTooMany": {"10000000000000", ErrMalformed},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := DecodeRequest(mustHex(t, tc.hex)); !errors.Is(err, tc.want) {
				t.Errorf("got %v, want %v", err, tc.want)
			}
		})
	}
}

func TestParseResponse(t *testing.T) {
	read := Request{Function: ReadHoldingRegisters, Address: 0, Quantity: 2}
	t.Run("Read", func(t *testing.T) {
		resp, err := ParseResponse(read, mustHex(t, "030400003039"))
		if err != nil || !reflect.DeepEqual(resp.Values, []uint16{0, 12345}) {
			t.Fatalf("got %+v, %v; want values [0 12345]", resp, err)
		}
	})
	t.Run("WriteSingle", func(t *testing.T) {
		req := Request{Function: WriteSingleRegister, Address: 0x0A, Values: []uint16{1234}}
		if _, err := ParseResponse(req, mustHex(t, "06000a04d2")); err != nil {
			t.Fatal(err)
		}
		if _, err := ParseResponse(req, mustHex(t, "06000a04d3")); !errors.Is(err, ErrMismatch) {
			t.Errorf("wrong echoed value: got %v, want ErrMismatch", err)
		}
	})
	t.Run("WriteMultiple", func(t *testing.T) {
		req := Request{Function: WriteMultipleRegisters, Address: 0x57, Quantity: 2, Values: []uint16{1, 0}}
		if _, err := ParseResponse(req, mustHex(t, "1000570002")); err != nil {
			t.Fatal(err)
		}
		if _, err := ParseResponse(req, mustHex(t, "1000570003")); !errors.Is(err, ErrMismatch) {
			t.Errorf("wrong echoed quantity: got %v, want ErrMismatch", err)
		}
	})
	t.Run("ErrCount", func(t *testing.T) {
		if _, err := ParseResponse(read, mustHex(t, "03020000")); !errors.Is(err, ErrMismatch) {
			t.Errorf("got %v, want ErrMismatch", err)
		}
	})
	t.Run("ErrFunction", func(t *testing.T) {
		if _, err := ParseResponse(read, mustHex(t, "04020000")); !errors.Is(err, ErrMismatch) {
			t.Errorf("got %v, want ErrMismatch", err)
		}
	})
	t.Run("ErrByteCount", func(t *testing.T) {
		for _, h := range []string{"0303000000", "030400", "0300", "03"} {
			if _, err := ParseResponse(read, mustHex(t, h)); err == nil {
				t.Errorf("%s: no error", h)
			}
		}
	})
}

func TestException(t *testing.T) {
	read := Request{Function: ReadHoldingRegisters, Quantity: 1}
	_, err := ParseResponse(read, AppendException(nil, ReadHoldingRegisters, IllegalDataAddress))
	var ex *Exception
	if !errors.As(err, &ex) || ex.Code != IllegalDataAddress || ex.Function != ReadHoldingRegisters {
		t.Fatalf("got %v, want *Exception illegal data address", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "illegal data address") || !strings.Contains(msg, "read holding registers") {
		t.Errorf("message %q does not name the exception and function", msg)
	}
	if ex.Temporary() {
		t.Error("illegal data address reported as temporary")
	}
	if !(&Exception{Code: ServerDeviceBusy}).Temporary() {
		t.Error("busy not reported as temporary")
	}
	if _, err := ParseResponse(read, mustHex(t, "8402")); !errors.Is(err, ErrMismatch) {
		t.Errorf("exception for another function: got %v, want ErrMismatch", err)
	}
	if _, err := DecodeResponse(mustHex(t, "830200")); !errors.Is(err, ErrMalformed) {
		t.Errorf("long exception: got %v, want ErrMalformed", err)
	}
	for c := ExceptionCode(0); c < 0x0D; c++ {
		if c.String() == "" {
			t.Errorf("code %d has no name", c)
		}
	}
}

func TestAppendResponse(t *testing.T) {
	for _, resp := range []Response{
		{Function: ReadInputRegisters, Quantity: 3, Values: []uint16{1, 2, 0xFFFF}},
		{Function: WriteSingleRegister, Address: 7, Values: []uint16{9}},
		{Function: WriteMultipleRegisters, Address: 7, Quantity: 9},
	} {
		pdu, err := AppendResponse(nil, resp)
		if err != nil {
			t.Fatal(err)
		}
		got, err := DecodeResponse(pdu)
		if err != nil || !reflect.DeepEqual(got, resp) {
			t.Errorf("round trip: got %+v, %v; want %+v", got, err, resp)
		}
	}
	for _, bad := range []Response{
		{Function: ReadHoldingRegisters},
		{Function: ReadHoldingRegisters, Values: make([]uint16, 126)},
		{Function: WriteSingleRegister},
		{Function: 0x2B},
	} {
		if _, err := AppendResponse(nil, bad); !errors.Is(err, ErrInvalidRequest) {
			t.Errorf("AppendResponse(%+v): got %v, want ErrInvalidRequest", bad, err)
		}
	}
}
