package bus

import "sync/atomic"

// Stats are cumulative counters of one Bus since New, for metrics.
type Stats struct {
	Requests      uint64 // calls that reached the line (after queueing)
	Attempts      uint64 // requests written, including retries
	Retries       uint64 // attempts after the first of a request
	Replies       uint64 // matching replies, normal or meter error
	MeterErrors   uint64 // matching replies that were error/exception replies
	Timeouts      uint64 // attempts that ended without a reply
	Garbled       uint64 // attempts ended by a bad checksum/CRC or framing
	Dials         uint64 // connect attempts
	DialFailures  uint64 // connect attempts that failed
	Reconnects    uint64 // connections dropped by the bus (timeouts, I/O errors)
	BytesSent     uint64
	BytesReceived uint64 // including drained and discarded bytes
}

// counters is the live, lock-free form of Stats.
type counters struct {
	requests, attempts, retries, replies, meterErrors, timeouts, garbled atomic.Uint64
	dials, dialFailures, reconnects, bytesSent, bytesReceived            atomic.Uint64
}

func (c *counters) snapshot() Stats {
	return Stats{
		Requests:      c.requests.Load(),
		Attempts:      c.attempts.Load(),
		Retries:       c.retries.Load(),
		Replies:       c.replies.Load(),
		MeterErrors:   c.meterErrors.Load(),
		Timeouts:      c.timeouts.Load(),
		Garbled:       c.garbled.Load(),
		Dials:         c.dials.Load(),
		DialFailures:  c.dialFailures.Load(),
		Reconnects:    c.reconnects.Load(),
		BytesSent:     c.bytesSent.Load(),
		BytesReceived: c.bytesReceived.Load(),
	}
}

// Stats returns a snapshot of the bus's counters. Safe for concurrent use.
func (b *Bus) Stats() Stats { return b.stats.snapshot() }
