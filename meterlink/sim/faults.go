package sim

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// Fault is one kind of misbehaviour the gateway can apply to a reply.
type Fault uint8

// The faults of docs/PROTOCOLS.md §6. Serial-side death and offline meters
// are states, not per-reply faults: see Gateway.SetSerialDead and
// Meter.SetOffline.
const (
	FaultNone       Fault = iota
	FaultDrop             // the reply never comes
	FaultDelay            // the reply comes Faults.DelayBy late, holding the bus
	FaultCorrupt          // one byte of the reply is flipped (bad CS/CRC)
	FaultSplit            // the reply is written in 2..4 chunks with pauses
	FaultCoalesce         // the reply is held and written glued to the next one
	FaultEcho             // the request is echoed before the reply
	FaultGarbage          // line noise precedes the reply
	FaultDisconnect       // the gateway closes the TCP connection instead of replying
	numFaults
)

var faultNames = [...]string{"none", "drop", "delay", "corrupt", "split", "coalesce", "echo", "garbage", "disconnect"}

// String names the fault, e.g. "drop".
func (f Fault) String() string {
	if int(f) < len(faultNames) {
		return faultNames[f]
	}
	return fmt.Sprintf("fault %d", uint8(f))
}

// Faults holds per-reply fault probabilities (each 0..1, summing to at most
// 1; one random draw per reply picks at most one fault) and their
// parameters.
type Faults struct {
	Drop, Delay, Corrupt, Split, Coalesce, Echo, Garbage, Disconnect float64

	DelayBy    time.Duration // lateness of a delayed reply (default 200 ms)
	SplitPause time.Duration // pause between split chunks (default 2 ms)
}

func (f Faults) delayBy() time.Duration {
	if f.DelayBy > 0 {
		return f.DelayBy
	}
	return 200 * time.Millisecond
}

func (f Faults) splitPause() time.Duration {
	if f.SplitPause > 0 {
		return f.SplitPause
	}
	return 2 * time.Millisecond
}

// pick draws the fault for one reply: exactly one Float64 from r, so the
// sequence of faults depends only on the seed and the number of replies.
func (f Faults) pick(r *rand.Rand) Fault {
	u := r.Float64()
	for i, p := range []float64{f.Drop, f.Delay, f.Corrupt, f.Split, f.Coalesce, f.Echo, f.Garbage, f.Disconnect} {
		if u < p {
			return Fault(i + 1)
		}
		u -= p
	}
	return FaultNone
}
