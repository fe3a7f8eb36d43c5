package acrel

import (
	"fmt"
	"net"
	"sync"
	"time"
)

// Handler deals with a frame a Conn read that is not a pass-through
// (0x90): it may answer with c.WriteFrame. f.Body is valid only during the
// call. An error ends the Conn's Read with that error.
type Handler func(c *Conn, f Frame) error

// Conn carries Modbus RTU over Acrel's 0x90 pass-through: each Write (one
// whole RTU ADU, as meterlink/bus writes them) goes out as one 0x90 frame,
// and Read returns the bodies of the 0x90 frames received, as one byte
// stream, so a Modbus RTU reader on top never sees the 7B 7B framing. Every
// other frame goes to the Conn's Handler, inside Read, as it arrives in
// the stream. Deadlines, addresses and Close are the underlying
// connection's.
//
// Read and Write are each safe for one caller at a time, and may run
// concurrently with each other and with WriteFrame.
type Conn struct {
	net.Conn
	handle Handler

	rmu        sync.Mutex
	fr         *FrameReader
	pbuf       [MaxBodySize]byte // the unread rest of the last 0x90 body
	pstart, pn int

	wmu  sync.Mutex
	wbuf []byte
}

// NewConn returns a Conn over c whose frames other than 0x90 go to handle
// (nil: dropped). It is the device side of the simulator; the platform
// side is PassThrough.
func NewConn(c net.Conn, handle Handler) *Conn {
	return &Conn{Conn: c, handle: handle, fr: NewFrameReader(c)}
}

// Options configure PassThrough. The zero value answers with time.Now and
// drops uploads.
type Options struct {
	// OnUpload receives every 0x91 data upload; its Body is valid only
	// during the call. Nil: uploads are dropped.
	OnUpload func(Upload)
	// Now is the clock of time-sync replies. Nil: time.Now.
	Now func() time.Time
}

// PassThrough returns the platform side of an Acrel 4G meter's connection
// (after its login) as a Conn for meterlink/bus: Modbus RTU requests
// written to it reach the meter wrapped in 0x90 frames, and its 0x90
// replies are read back unwrapped. What the meter sends on its own on the
// same stream is dealt with as it is read:
//   - heartbeats (0x94) are dropped;
//   - time-sync requests (0x93) are answered with opt.Now in Beijing time
//     (UTC+8, see TimeSyncReply): the meter asks for the platform's time,
//     and the platform keeps its meters on Beijing time;
//   - data uploads (0x91) go to opt.OnUpload;
//   - a repeated login (0x84) is acknowledged again;
//   - anything else (alarms 0x89, parameters 0x82, 0x97) is dropped, as
//     are bytes that are not frames.
//
// Frames are answered only while someone reads: the meter's requests wait
// in the stream between polls.
func PassThrough(c net.Conn, opt Options) *Conn {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	return NewConn(c, func(c *Conn, f Frame) error {
		switch f.Cmd {
		case CmdTimeSync:
			return c.WriteFrame(TimeSyncReply(opt.Now()))
		case CmdLogin:
			if _, err := DecodeLogin(f); err == nil {
				return c.WriteFrame(Frame{Cmd: CmdLogin})
			}
		case CmdUpload:
			if opt.OnUpload != nil {
				u, _ := DecodeUpload(f)
				opt.OnUpload(u)
			}
		}
		return nil
	})
}

// Read implements net.Conn: it returns bytes of 0x90 bodies, handling
// other frames on the way. Errors are the underlying connection's (a
// deadline passing keeps a frame half received for the next Read) or a
// Handler's.
func (c *Conn) Read(p []byte) (int, error) {
	c.rmu.Lock()
	defer c.rmu.Unlock()
	if c.pstart < c.pn {
		n := copy(p, c.pbuf[c.pstart:c.pn])
		c.pstart += n
		return n, nil
	}
	if len(p) == 0 {
		return 0, nil
	}
	for {
		f, err := c.fr.ReadFrame()
		if err != nil {
			return 0, err
		}
		if f.Cmd == CmdPassThrough {
			if len(f.Body) == 0 {
				continue
			}
			n := copy(p, f.Body)
			c.pstart, c.pn = 0, copy(c.pbuf[:], f.Body[n:])
			return n, nil
		}
		if c.handle != nil {
			if err := c.handle(c, f); err != nil {
				return 0, err
			}
		}
	}
}

// Write implements net.Conn: p goes out as the body of one 0x90 frame, so
// it must be one whole Modbus RTU ADU. It returns ErrTooLong for more than
// MaxBodySize bytes.
func (c *Conn) Write(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if err := c.WriteFrame(Frame{Cmd: CmdPassThrough, Body: p}); err != nil {
		return 0, err
	}
	return len(p), nil
}

// WriteFrame sends f in one write of the underlying connection. It returns
// ErrTooLong for a body over MaxBodySize, or the write's error.
func (c *Conn) WriteFrame(f Frame) error {
	if len(f.Body) > MaxBodySize {
		return fmt.Errorf("%w: body of %d bytes, at most %d", ErrTooLong, len(f.Body), MaxBodySize)
	}
	c.wmu.Lock()
	defer c.wmu.Unlock()
	c.wbuf = Append(c.wbuf[:0], f.Cmd, f.Body)
	_, err := c.Conn.Write(c.wbuf)
	return err
}

var _ net.Conn = (*Conn)(nil)
