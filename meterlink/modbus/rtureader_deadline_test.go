package modbus

import (
	"errors"
	"net"
	"os"
	"testing"
	"time"
)

// TestRTUReader_DeadlineNotSticky: after a read deadline passes, the same
// reader still finds a reply that arrives later (a late reply on a bus).
func TestRTUReader_DeadlineNotSticky(t *testing.T) {
	client, server := net.Pipe()
	defer client.Close()
	defer server.Close()
	req := Request{Function: ReadHoldingRegisters, Address: 0, Quantity: 1}
	r := NewRTUReader(client)

	client.SetReadDeadline(time.Now().Add(20 * time.Millisecond))
	if _, err := r.ReadResponse(1, req); !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("first read: got %v, want a deadline error", err)
	}
	adu, err := AppendRTU(nil, 1, []byte{0x03, 0x02, 0x00, 0x2A})
	if err != nil {
		t.Fatal(err)
	}
	go server.Write(adu)
	client.SetReadDeadline(time.Now().Add(5 * time.Second))
	resp, err := r.ReadResponse(1, req)
	if err != nil {
		t.Fatalf("read after the deadline: %v", err)
	}
	if len(resp.Values) != 1 || resp.Values[0] != 42 {
		t.Fatalf("got %+v, want one register of 42", resp)
	}
}
