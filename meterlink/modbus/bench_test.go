package modbus

import (
	"bytes"
	"testing"
)

var benchReq = Request{Function: ReadHoldingRegisters, Address: 0, Quantity: 17}

func BenchmarkEncodeRTURequest(b *testing.B) {
	buf := make([]byte, 0, MaxRTUSize)
	b.ReportAllocs()
	for b.Loop() {
		pdu, _ := AppendRequest(buf[:0], benchReq)
		_, _ = AppendRTU(pdu[len(pdu):], 1, pdu)
	}
}

// benchReply is the 39-byte reply of the Acrel 17-register poll.
func benchReply(b *testing.B) []byte {
	pdu, err := AppendResponse(nil, Response{Function: ReadHoldingRegisters, Values: make([]uint16, 17)})
	if err != nil {
		b.Fatal(err)
	}
	adu, _ := AppendRTU(nil, 1, pdu)
	return adu
}

func BenchmarkDecodeRTUResponse(b *testing.B) {
	adu := benchReply(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(adu)))
	for b.Loop() {
		_, pdu, err := DecodeRTU(adu)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := ParseResponse(benchReq, pdu); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRTUReader(b *testing.B) {
	adu := benchReply(b)
	src := bytes.NewReader(adu)
	r := NewRTUReader(src)
	b.ReportAllocs()
	b.SetBytes(int64(len(adu)))
	for b.Loop() {
		src.Reset(adu)
		if _, err := r.ReadResponse(1, benchReq); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTCPReader(b *testing.B) {
	pdu, _ := AppendResponse(nil, Response{Function: ReadHoldingRegisters, Values: make([]uint16, 17)})
	adu, _ := AppendTCP(nil, MBAP{Transaction: 7, Unit: 1}, pdu)
	src := bytes.NewReader(adu)
	r := NewTCPReader(src)
	b.ReportAllocs()
	for b.Loop() {
		src.Reset(adu)
		if _, err := r.ReadResponse(MBAP{Transaction: 7, Unit: 1}, benchReq); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkProfileDecodeBlock(b *testing.B) {
	words := make([]uint16, 17)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := AcrelDDSY1352.DecodeBlock(Holding, 0, words); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCRC16(b *testing.B) {
	buf := make([]byte, MaxRTUSize-2)
	b.SetBytes(int64(len(buf)))
	for b.Loop() {
		CRC16(buf)
	}
}
