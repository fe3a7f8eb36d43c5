package poller_test

import (
	"context"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/meterlink/bus"
	"github.com/voltpay/voltpay/meterlink/poller"
	"github.com/voltpay/voltpay/meterlink/sim"
)

// TestPoller_EveryFaultKind polls the simulated DL/T 645 and Modbus buses
// while each kind of fault hits a fifth of the replies (a twentieth for
// disconnects, which also end the cycle of their bus). Retries and the
// next cycles read every meter, and no reading ever carries a value the
// meter does not hold: a fault costs time, never a wrong number.
func TestPoller_EveryFaultKind(t *testing.T) {
	for f := sim.FaultDrop; f <= sim.FaultDisconnect; f++ {
		t.Run(f.String(), func(t *testing.T) {
			e := newEnv(t)
			faults := sim.Faults{DelayBy: 300 * time.Millisecond}
			p := []*float64{&faults.Drop, &faults.Delay, &faults.Corrupt, &faults.Split, &faults.Coalesce,
				&faults.Echo, &faults.Garbage, &faults.Disconnect}[f-sim.FaultDrop]
			*p = 0.2
			if f == sim.FaultDisconnect {
				*p = 0.05
			}
			for _, fl := range []*sim.Fleet{e.dlt, e.mb} {
				for i := range fl.Gateways() {
					fl.Gateway(i).SetFaults(faults)
				}
			}
			retrying := func(g *voltpay.Gateway) bus.Settings {
				s := testSettings(g)
				s.Retries = 2
				return s
			}
			pl := poller.New(poller.Config{BusSettings: retrying}, e.src, e.sink, nil)
			defer pl.Close()
			read := map[int64]bool{}
			for cycle := 1; len(read) < len(e.byID); cycle++ {
				if cycle > 8 {
					t.Fatalf("after 8 cycles %d of %d meters were read", len(read), len(e.byID))
				}
				ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
				_, err := pl.RunCycle(ctx, poller.Full)
				cancel()
				if err != nil {
					t.Fatalf("cycle %d: %v", cycle, err)
				}
				got, _, _ := e.sink.reset()
				for id, r := range got {
					want := e.byID[id].State()
					if int64(r.EnergyWh) != floorTo(want.EnergyWh[0], e.modbus(id)) {
						t.Fatalf("cycle %d: meter %d read %d Wh, the meter holds %d", cycle, id, r.EnergyWh, want.EnergyWh[0])
					}
					if r.BalanceFen != nil && int64(*r.BalanceFen) != want.BalanceFen {
						t.Fatalf("cycle %d: meter %d read balance %d, the meter holds %d", cycle, id, *r.BalanceFen, want.BalanceFen)
					}
					read[id] = true
				}
			}
		})
	}
}

// floorTo is the energy a register shows: DL/T 645 in 0.01 kWh; the Modbus
// profile's resolution is checked by TestPoller_RunCycle, so compare it the
// same way.
func floorTo(wh int64, modbus bool) int64 {
	if modbus {
		return wh - wh%10
	}
	return int64(floor10(wh))
}

// TestPoller_SerialSideDead: the converter accepts TCP but its RS-485 side
// is dead (no meter answers): every meter behind it fails, and after
// OfflineAfter cycles the gateway is recorded offline, then online again
// once the bus answers.
func TestPoller_SerialSideDead(t *testing.T) {
	e := newEnv(t)
	e.dlt.Gateway(0).SetSerialDead(true)
	for i := 1; i <= 3; i++ {
		st := e.cycle(t, poller.Status)
		if st.Failures != 5 {
			t.Fatalf("cycle %d: %+v; want the 5 meters of the dead bus failed", i, st)
		}
	}
	if st, ok := e.sink.gatewayState(1); !ok || st.Online {
		t.Fatalf("dead bus: gateway state %+v (%v); want offline", st, ok)
	}
	e.dlt.Gateway(0).SetSerialDead(false)
	e.cycle(t, poller.Status)
	if st, ok := e.sink.gatewayState(1); !ok || !st.Online {
		t.Fatalf("bus back: gateway state %+v (%v); want online", st, ok)
	}
}
