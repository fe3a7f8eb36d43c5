package dlt645

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"
)

// deadliner is the part of net.Conn that lets a context interrupt a read.
type deadliner interface {
	SetDeadline(t time.Time) error
}

// Conn runs request/reply exchanges over one connection to one RS-485 bus
// (a gateway socket or a 4G device that dialled in). It never dials: the
// caller owns rw and closes it. It is not safe for concurrent use, which
// matches the bus: exactly one outstanding request at a time.
type Conn struct {
	rw io.ReadWriter
	fr *FrameReader
	// Preamble is the number of FE wake-up bytes sent before each request;
	// NewConn sets DefaultPreamble.
	Preamble int
	buf      []byte
}

// NewConn returns a Conn over rw with the default preamble.
func NewConn(rw io.ReadWriter) *Conn {
	return &Conn{rw: rw, fr: NewFrameReader(rw), Preamble: DefaultPreamble}
}

// Reader returns the Conn's FrameReader, e.g. for its Discarded count.
func (c *Conn) Reader() *FrameReader { return c.fr }

// Exchange drops stale buffered input, sends req and returns the reply that
// matches it (see Matches), skipping echoes, replies to earlier requests,
// garbage and frames with bad checksums. Broadcasts return a zero Frame and
// nil at once: meters never answer them.
//
// If rw has SetDeadline (a net.Conn), ctx's deadline and cancellation
// interrupt the read; otherwise only the reader's own errors end the wait.
// Errors: a *MeterError (with the reply) for an abnormal reply, ctx.Err()
// wrapped when ctx ends, the write or read error of rw otherwise.
func (c *Conn) Exchange(ctx context.Context, req Frame) (Frame, error) {
	if err := ctx.Err(); err != nil {
		return Frame{}, err
	}
	if d, ok := c.rw.(deadliner); ok {
		dl, _ := ctx.Deadline() // zero if none: clears an old deadline
		if err := d.SetDeadline(dl); err != nil {
			return Frame{}, fmt.Errorf("dlt645: set deadline: %w", err)
		}
		// Cancelling ctx interrupts a blocked read through the deadline. If
		// the callback has started when we return, wait for it: left running,
		// it could cut short the next exchange on this connection.
		fired := make(chan struct{})
		stop := context.AfterFunc(ctx, func() { defer close(fired); _ = d.SetDeadline(time.Unix(1, 0)) })
		defer func() {
			if !stop() {
				<-fired
			}
		}()
	}
	var err error
	if c.buf, err = req.AppendRequest(c.buf[:0], c.Preamble); err != nil {
		return Frame{}, err
	}
	c.fr.Discard()
	if _, err := c.rw.Write(c.buf); err != nil {
		return Frame{}, c.wrap(ctx, "write request", err)
	}
	if !ExpectsReply(req) {
		return Frame{}, nil
	}
	for {
		f, err := c.fr.ReadFrame()
		if errors.Is(err, ErrChecksum) {
			continue // a garbled frame; the real reply may still follow
		}
		if err != nil {
			return Frame{}, c.wrap(ctx, "read reply", err)
		}
		if !Matches(req, f) {
			continue
		}
		return f, ReplyError(f)
	}
}

// wrap reports ctx's error in preference to the I/O error it caused.
func (c *Conn) wrap(ctx context.Context, op string, err error) error {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return fmt.Errorf("dlt645: %s: %w", op, ctxErr)
	}
	// The conn deadline we set from ctx can fire a moment before ctx's own
	// timer; report it as the context's deadline all the same.
	if dl, ok := ctx.Deadline(); ok && errors.Is(err, os.ErrDeadlineExceeded) && !time.Now().Before(dl) {
		return fmt.Errorf("dlt645: %s: %w", op, context.DeadlineExceeded)
	}
	return fmt.Errorf("dlt645: %s: %w", op, err)
}
