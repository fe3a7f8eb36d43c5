package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"testing"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/meterlink/dlt645"
	"github.com/voltpay/voltpay/meterlink/modbus"
	"github.com/voltpay/voltpay/server/demo"
	"github.com/voltpay/voltpay/server/postgres"
	"github.com/voltpay/voltpay/server/postgres/pgtest"
)

// TestSim_ServesSeededGateways seeds a small demo on free loopback ports,
// runs the sim in-process, reads one DL/T 645 meter and one Modbus meter
// over TCP, and checks that cancelling closes every listener.
func TestSim_ServesSeededGateways(t *testing.T) {
	db, svc, size := seedSmallDemo(t)
	// A gateway at a site: never bound, only skipped.
	sites, err := svc.Sites.FindSites(sys())
	if err != nil || len(sites) != 1 {
		t.Fatalf("sites = %v, %v", sites, err)
	}
	if _, err := svc.Sites.CreateGateway(sys(), voltpay.GatewayInput{SiteID: sites[0].ID, Name: "remote", Endpoint: "192.0.2.10:502",
		Protocol: voltpay.ProtocolModbusTCP}); err != nil {
		t.Fatalf("create remote gateway: %v", err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addrs, done := startSim(t, ctx, db)
	want := make([]string, size.Gateways)
	for g := range want {
		want[g] = fmt.Sprintf("127.0.0.1:%d", size.GatewayBasePort+g)
	}
	if fmt.Sprint(addrs) != fmt.Sprint(want) {
		t.Fatalf("listening on %v, want %v", addrs, want)
	}

	t.Run("DLT645", func(t *testing.T) {
		c := dial(t, want[1])
		addr := dlt645.MustParseAddress(fmt.Sprintf("%02d%010d", 2, 3)) // gateway 2, meter 3
		energy := read645(t, c, addr, dlt645.DIForwardActive)
		if len(energy) != 1 || energy[0] < 0 {
			t.Errorf("forward active energy = %v, want one value ≥ 0", energy)
		}
		if got := read645(t, c, addr, dlt645.DIVoltageA); got[0] != 2200 {
			t.Errorf("voltage = %d (0.1 V), want 2200", got[0])
		}
	})
	t.Run("ModbusRTU", func(t *testing.T) {
		c := dial(t, want[2])
		p := modbus.AcrelDDSY1352
		span, _ := p.Span(modbus.Holding)
		b, err := modbus.EncodeRTURequest(2, span)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Write(b); err != nil {
			t.Fatal(err)
		}
		_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
		resp, err := modbus.NewRTUReader(c).ReadResponse(2, span)
		if err != nil {
			t.Fatalf("read block of unit 2: %v", err)
		}
		got, err := p.DecodeBlock(modbus.Holding, span.Address, resp.Values)
		if err != nil {
			t.Fatal(err)
		}
		if got[modbus.Voltage] != 2200 || got[modbus.EnergyTotal] < 0 {
			t.Errorf("block = %v, want voltage 2200 and energy ≥ 0", got)
		}
	})

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("simulate: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("simulate did not stop after cancel")
	}
	for _, a := range want {
		if c, err := net.DialTimeout("tcp", a, time.Second); err == nil {
			c.Close()
			t.Errorf("%s still accepts connections after stop", a)
		}
	}
}

func TestSim_IsLoopback(t *testing.T) {
	for host, want := range map[string]bool{"127.0.0.1": true, "127.3.4.5": true, "::1": true, "localhost": true,
		"10.0.0.7": false, "192.168.1.20": false, "gw.example.com": false, "": false} {
		if got := isLoopback(host); got != want {
			t.Errorf("isLoopback(%q) = %v, want %v", host, got, want)
		}
	}
}

func dial(t testing.TB, addr string) net.Conn {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatalf("dial %s: %v", addr, err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// read645 reads di from meter addr and decodes it with the codec's table.
func read645(t testing.TB, c net.Conn, addr dlt645.Address, di dlt645.DI) []int64 {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	reply, err := dlt645.NewConn(c).Exchange(ctx, dlt645.ReadRequest(addr, di))
	if err != nil {
		t.Fatalf("read %s of %s: %v", di, addr, err)
	}
	data, err := dlt645.ReadReplyData(di, reply)
	if err != nil {
		t.Fatalf("read %s of %s: %v", di, addr, err)
	}
	it, _ := dlt645.Lookup(di)
	v, err := it.Decode(data)
	if err != nil {
		t.Fatalf("decode %s: %v", di, err)
	}
	return v
}

// seedSmallDemo seeds a fresh database with a small demo on free loopback
// ports: three gateways of three meters (0 and 1 speak DL/T 645, 2 — every
// third — Modbus RTU) and one direct meter.
func seedSmallDemo(t testing.TB) (*postgres.DB, demo.Services, demo.Size) {
	t.Helper()
	db, err := postgres.Open(context.Background(), pgtest.NewDatabase(t))
	if err != nil {
		t.Fatalf("open database: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	size := demo.Size{Gateways: 3, MetersPerGw: 3, DirectMeters: 1, AccountsPerGw: 1, GatewayBasePort: freePorts(t, 3)}
	svc := demo.Services{Sites: postgres.NewSiteService(db), Meters: postgres.NewMeterService(db),
		Tariffs: postgres.NewTariffService(db), Accounts: postgres.NewAccountService(db), Auth: postgres.NewAuthService(db)}
	if _, err := demo.Seed(sys(), svc, size, slog.New(slog.DiscardHandler)); err != nil {
		t.Fatalf("seed: %v", err)
	}
	return db, svc, size
}

// startSim runs the sim over db until ctx ends and returns the addresses it
// listens on, once it is ready, and a channel with simulate's result.
func startSim(t testing.TB, ctx context.Context, db *postgres.DB) ([]string, <-chan error) {
	t.Helper()
	ready := make(chan []string, 1)
	done := make(chan error, 1)
	go func() {
		done <- simulate(ctx, db, simOptions{Seed: 1, Tick: 10 * time.Millisecond, Ready: func(a []string) { ready <- a }})
	}()
	select {
	case addrs := <-ready:
		return addrs, done
	case err := <-done:
		t.Fatalf("simulate ended early: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("simulate never became ready")
	}
	return nil, done
}
