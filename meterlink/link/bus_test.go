package link

import (
	"bytes"
	"errors"
	"net"
	"testing"
	"time"

	"github.com/voltpay/voltpay/meterlink/bus"
	"github.com/voltpay/voltpay/meterlink/dlt645"
)

// TestListener_Bus reads a meter through a bus.Bus whose connection source
// is a Listener, across a reconnect of the device.
func TestListener_Bus(t *testing.T) {
	l := newListener(t, Options{})
	addr := dlt645.MustParseAddress("000012345678")
	// meter answers balance reads with 12.34 (BCD 1234, 2 decimals), a
	// heartbeat glued before and after each reply.
	meter := func(c net.Conn) {
		fr := dlt645.NewFrameReader(c)
		for {
			req, err := fr.ReadFrame()
			if err != nil {
				return
			}
			b, _ := dlt645.Frame{Addr: req.Addr, Control: req.Control.Reply(),
				Data: append(bytes.Clone(req.Data), 0x34, 0x12, 0x00, 0x00)}.AppendRequest(bytes.Clone(heart), 4)
			if _, err := c.Write(append(b, heart...)); err != nil {
				return
			}
		}
	}
	dev := device(t, l, testIMEI+"\r\n")
	go meter(dev)

	b, err := bus.New(l.DialFunc(testIMEI), bus.DLT645, bus.DefaultSettings(bus.DLT645, 9600), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	read := func() {
		t.Helper()
		reply, err := b.DLT645(ctxT(t, 3*time.Second), dlt645.ReadRequest(addr, dlt645.DIBalance))
		if err != nil {
			t.Fatal(err)
		}
		v, err := dlt645.ReadReplyData(dlt645.DIBalance, reply)
		if err != nil {
			t.Fatal(err)
		}
		if want := []byte{0x34, 0x12, 0x00, 0x00}; !bytes.Equal(v, want) {
			t.Fatalf("balance bytes % X, want % X", v, want)
		}
	}
	read()
	read()

	// The device reconnects (NAT drop); the bus redials and reaches it.
	dev2 := device(t, l, testIMEI+"\r\n")
	go meter(dev2)
	waitClosed(t, dev, 2*time.Second)
	read()
	if s := b.Stats(); s.Replies != 3 {
		t.Errorf("Stats.Replies = %d, want 3", s.Replies)
	}
	if err := b.Close(); err != nil && !errors.Is(err, net.ErrClosed) {
		t.Errorf("bus Close = %v", err)
	}
	if d := l.Devices(); len(d) != 1 {
		t.Errorf("closing the bus must not disconnect the device: Devices = %+v", d)
	}
}
