package sim_test

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/voltpay/voltpay/meterlink/dlt645"
	"github.com/voltpay/voltpay/meterlink/sim"
)

func TestGateway_Bus(t *testing.T) {
	t.Run("ReadAddress", func(t *testing.T) {
		f, cl := oneMeter645(t, 1, prepaid(), sim.GatewayConfig{})
		r, err := cl.exchange(dlt645.ReadAddressRequest(), time.Second)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := dlt645.Address(r.Data), f.Meters()[0].Addr(); got != want {
			t.Fatalf("address = %s, want %s", got, want)
		}
	})
	t.Run("WildcardCollision", func(t *testing.T) {
		_, cl := oneMeter645(t, 2, prepaid(), sim.GatewayConfig{})
		if _, err := cl.exchange(dlt645.ReadAddressRequest(), short); err == nil {
			t.Fatal("two meters answered an all-AA read cleanly")
		}
	})
	t.Run("BadChecksumSilent", func(t *testing.T) {
		f, cl := oneMeter645(t, 1, prepaid(), sim.GatewayConfig{})
		b, _ := dlt645.ReadRequest(f.Meters()[0].Addr(), dlt645.DIBalance).MarshalBinary()
		b[len(b)-2]++
		if _, err := cl.c.Write(b); err != nil {
			t.Fatal(err)
		}
		if _, err := cl.read(short); !isTimeout(err) {
			t.Fatalf("err = %v, want timeout", err)
		}
		r, err := cl.exchange(dlt645.ReadRequest(f.Meters()[0].Addr(), dlt645.DIBalance), time.Second)
		if err != nil || !r.Control.IsReply() {
			t.Fatalf("next read: %v", err)
		}
	})
	t.Run("Concurrent", func(t *testing.T) {
		f, _ := oneMeter645(t, 4, prepaid(), sim.GatewayConfig{Preamble: -1})
		var wg sync.WaitGroup
		errs := make(chan error, 4)
		for _, m := range f.Meters() {
			cl := dial645(t, f.Addr(0))
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 20 {
					r, err := cl.exchange(dlt645.ReadRequest(m.Addr(), dlt645.DIForwardActiveBlock), time.Second)
					if err == nil {
						_, err = dlt645.ReadReplyData(dlt645.DIForwardActiveBlock, r)
					}
					if err != nil {
						errs <- err
						return
					}
				}
			}()
		}
		for range 50 {
			f.Advance(time.Minute)
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
	})
}

func TestDLT645_Thresholds(t *testing.T) {
	mc := prepaid()
	mc.Alarm1Fen, mc.HoardingLimitFen = 15000, 20000
	mc.CustomerNumber = dlt645.MustParseAddress("123")
	f, cl := oneMeter645(t, 1, mc, sim.GatewayConfig{})
	m := f.Meters()[0]
	if s := dlt645.Status3(cl.readValue(m.Addr(), dlt645.DIStatusWord3)[0]); !s.PreTripAlarm() {
		t.Fatalf("status3 = %016b, want pre-trip alarm below alarm 1", s)
	}
	p := dlt645.Profile{Name: "test", Layout: dlt645.LayoutStateGrid, MAC: zeroMAC{}}
	credit := func(amount int64, cust string) error {
		req, _ := dlt645.CreditRequest(m.Addr(), p, dlt645.Credit{AmountFen: amount, PurchaseCount: 4, CustomerNumber: dlt645.MustParseAddress(cust)})
		_, err := cl.exchange(req, time.Second)
		return err
	}
	if err := credit(100, "999"); !errors.Is(err, dlt645.ErrCustomerMismatch) {
		t.Fatalf("err = %v, want ErrCustomerMismatch", err)
	}
	if err := credit(10000, "123"); !errors.Is(err, dlt645.ErrHoardingExceeded) {
		t.Fatalf("err = %v, want ErrHoardingExceeded", err)
	}
	if err := credit(7000, "123"); err != nil {
		t.Fatalf("credit: %v", err)
	}
	if s := dlt645.Status3(cl.readValue(m.Addr(), dlt645.DIStatusWord3)[0]); s.PreTripAlarm() {
		t.Fatalf("status3 = %016b, alarm should clear above alarm 1", s)
	}
}

func TestNewFleet(t *testing.T) {
	t.Run("ErrSize", func(t *testing.T) {
		if _, err := sim.NewFleet(sim.Config{Gateways: 1, MetersPerGateway: 300}); err == nil {
			t.Fatal("want an error for 300 meters on one bus")
		}
	})
	t.Run("Lookup", func(t *testing.T) {
		f, err := sim.NewFleet(sim.Config{Seed: 5, Gateways: 3, MetersPerGateway: 10})
		if err != nil {
			t.Fatal(err)
		}
		if len(f.Meters()) != 30 || f.Gateways() != 3 {
			t.Fatalf("%d meters on %d gateways", len(f.Meters()), f.Gateways())
		}
		for _, m := range f.Meters() {
			if f.Meter(m.Addr()) != m || m.Addr().Validate() != nil {
				t.Fatalf("meter %s not found or invalid", m.Addr())
			}
		}
		if f.Addr(0) != "" {
			t.Fatal("address before Start")
		}
		_ = f.Close() // never started: must not block
	})
}
