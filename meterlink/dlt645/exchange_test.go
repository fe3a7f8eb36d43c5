package dlt645

import (
	"context"
	"errors"
	"io"
	"net"
	"testing"
	"time"
)

// fakeMeter reads one request from conn and answers with the given writes.
func fakeMeter(t *testing.T, conn net.Conn, writes ...[]byte) {
	t.Helper()
	go func() {
		buf := make([]byte, 64)
		if _, err := conn.Read(buf); err != nil {
			return
		}
		for _, w := range writes {
			if _, err := conn.Write(w); err != nil {
				return
			}
		}
	}()
}

func TestConn_Exchange(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	reply := hx(t, "68 01 00 00 00 00 00 68 91 08 33 35 C3 33 78 56 34 33 FD 16")
	lateStatus := hx(t, "68 01 00 00 00 00 00 68 91 06 36 38 33 37 83 33 F6 16")

	t.Run("EchoLateGarbageSplit", func(t *testing.T) {
		a, b := net.Pipe()
		defer a.Close()
		defer b.Close()
		echo, _ := ReadRequest(meter1, DIBalance).AppendRequest(nil, 4)
		fakeMeter(t, b, echo, lateStatus, []byte{0x00, 0xFE, 0xFE}, reply[:5], reply[5:])
		f, err := NewConn(a).Exchange(ctx, ReadRequest(meter1, DIBalance))
		if err != nil {
			t.Fatal(err)
		}
		data, err := ReadReplyData(DIBalance, f)
		if err != nil || len(data) != 4 {
			t.Fatalf("data % X, %v", data, err)
		}
	})
	t.Run("ErrMeterRefused", func(t *testing.T) {
		a, b := net.Pipe()
		defer a.Close()
		defer b.Close()
		fakeMeter(t, b, hx(t, "68 01 00 00 00 00 00 68 D1 01 35 D8 16"))
		_, err := NewConn(a).Exchange(ctx, ReadRequest(meter1, DIBalance))
		if !errors.Is(err, ErrNoData) {
			t.Fatalf("got %v, want ErrNoData", err)
		}
	})
	t.Run("ErrTimeout", func(t *testing.T) {
		a, b := net.Pipe()
		defer a.Close()
		defer b.Close()
		fakeMeter(t, b) // reads, never answers
		short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
		defer cancel()
		_, err := NewConn(a).Exchange(short, ReadRequest(meter1, DIBalance))
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("got %v, want DeadlineExceeded", err)
		}
	})
	t.Run("BroadcastNoWait", func(t *testing.T) {
		a, b := net.Pipe()
		defer a.Close()
		defer b.Close()
		go func() { _, _ = io.Copy(io.Discard, b) }()
		f, err := NewConn(a).Exchange(ctx, mustBroadcast(t))
		if err != nil || f.Len() != overhead {
			t.Fatalf("got %+v, %v", f, err)
		}
	})
}
