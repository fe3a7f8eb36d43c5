package acrel

import (
	"bytes"
	"errors"
	"io"
	"net"
	"os"
	"testing"
	"time"
)

// TestPassThrough: the platform side reads the meter's Modbus reply out of
// a stream that also carries garbage, a heartbeat, a time-sync request, an
// upload and a repeated login, and answers the last two.
func TestPassThrough(t *testing.T) {
	platform, device := net.Pipe()
	defer platform.Close()
	defer device.Close()
	now := time.Date(2023, 10, 10, 17, 7, 27, 0, China)
	var uploads []Upload
	pt := PassThrough(platform, Options{Now: func() time.Time { return now },
		OnUpload: func(u Upload) { uploads = append(uploads, Upload{Serial: u.Serial, Body: bytes.Clone(u.Body)}) }})

	req := mustHex("010300000001840A")
	reply := mustHex("0103020064B9AF")
	got := make(chan []byte, 1)
	go func() { // the device
		fr := NewFrameReader(device)
		f, err := fr.ReadFrame()
		if err != nil || f.Cmd != CmdPassThrough || !bytes.Equal(f.Body, req) {
			t.Errorf("device read %+v, %v; want the request in a 0x90 frame", f, err)
		}
		var s []byte
		s = append(s, 0x00, 0x7B, 0x11)
		s = append(s, Heartbeat()...)
		s = Append(s, CmdTimeSync, SerialField("12345678901234"))
		s = Append(s, CmdUpload, append(SerialField("12345678901234"), 1, 2, 3))
		s = Append(s, CmdLogin, LoginBody("12345678901234", nil))
		s = Append(s, CmdPassThrough, reply[:3])
		s = Append(s, CmdAlarm, []byte{1})
		s = Append(s, CmdPassThrough, reply[3:])
		go func() { _, _ = device.Write(s) }()
		var answers []byte
		for range 2 {
			f, err := fr.ReadFrame()
			if err != nil {
				t.Errorf("device: %v", err)
				break
			}
			answers = Append(answers, f.Cmd, f.Body)
		}
		got <- answers
	}()
	if n, err := pt.Write(req); n != len(req) || err != nil {
		t.Fatalf("Write = %d, %v", n, err)
	}
	buf := make([]byte, 4)
	var read []byte
	for len(read) < len(reply) {
		n, err := pt.Read(buf)
		if err != nil {
			t.Fatalf("Read: %v", err)
		}
		read = append(read, buf[:n]...)
	}
	if !bytes.Equal(read, reply) {
		t.Errorf("read % X, want % X", read, reply)
	}
	want := Append(Append(nil, CmdTimeSync, mustHex("170A0A0311071B")), CmdLogin, nil)
	if a := <-got; !bytes.Equal(a, want) {
		t.Errorf("device got % X, want time-sync reply and login reply % X", a, want)
	}
	if len(uploads) != 1 || uploads[0].Serial != "12345678901234" || len(uploads[0].Body) != 23 {
		t.Errorf("uploads = %+v", uploads)
	}
}

// TestFrameReaderDeadline: a frame half received when the read deadline
// passes is completed by the next read.
func TestFrameReaderDeadline(t *testing.T) {
	a, b := net.Pipe()
	defer a.Close()
	defer b.Close()
	pt := NewConn(a, nil)
	frame := Append(nil, CmdPassThrough, mustHex("0103020064B9AF"))
	go func() { _, _ = b.Write(frame[:5]) }()
	_ = pt.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
	if _, err := pt.Read(make([]byte, 16)); !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("Read = %v, want a deadline error", err)
	}
	go func() { _, _ = b.Write(frame[5:]); _ = b.Close() }()
	_ = pt.SetReadDeadline(time.Time{})
	got, err := io.ReadAll(pt)
	if err != nil || !bytes.Equal(got, mustHex("0103020064B9AF")) {
		t.Errorf("ReadAll = % X, %v", got, err)
	}
}

// TestFrameReaderChunks reads frames split into every chunk size, between
// garbage and a broken frame.
func TestFrameReaderChunks(t *testing.T) {
	bad := Heartbeat()
	bad[4] ^= 0x40
	var s []byte
	s = append(s, 0xFF, 0x7B, 0x00)
	s = append(s, bad...)
	s = append(s, Heartbeat()...)
	s = Append(s, CmdLogin, LoginBody("12345678901234", []byte{0x7D, 0x7D, 0x7B}))
	s = append(s, LoginReply()...)
	for chunk := 1; chunk <= len(s); chunk++ {
		fr := NewFrameReader(&chunked{b: s, n: chunk})
		var cmds []byte
		for {
			f, err := fr.ReadFrame()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("chunk %d: %v", chunk, err)
			}
			cmds = append(cmds, f.Cmd)
		}
		if !bytes.Equal(cmds, []byte{CmdHeartbeat, CmdLogin, CmdLogin}) || fr.Discarded() != 3+7 {
			t.Errorf("chunk %d: commands % X, discarded %d; want 94 84 84 and 10", chunk, cmds, fr.Discarded())
		}
	}
}

// chunked reads b n bytes at a time.
type chunked struct {
	b []byte
	n int
}

func (c *chunked) Read(p []byte) (int, error) {
	if len(c.b) == 0 {
		return 0, io.EOF
	}
	n := copy(p, c.b[:min(c.n, len(c.b))])
	c.b = c.b[n:]
	return n, nil
}
