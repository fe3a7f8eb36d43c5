package main

import (
	"context"
	"fmt"
	"log/slog"
	"sync/atomic"
	"testing"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/server/postgres"
	"github.com/voltpay/voltpay/server/postgres/pgtest"
)

// A command committed by another process (another database handle, no
// shared event bus) wakes this process's executor through LISTEN.
func TestListenCommands_OtherProcess(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var woken atomic.Int64
	if err := listenCommands(ctx, pgtest.URL(t), func() { woken.Add(1) }, slog.New(slog.DiscardHandler)); err != nil {
		t.Fatal(err)
	}
	other, err := postgres.Open(context.Background(), pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	other.MaxSites = manySites
	site, err := postgres.NewSiteService(other).CreateSite(sys(), voltpay.SiteInput{Name: "listen", Code: fmt.Sprintf("L%d", 100000+next())})
	if err != nil {
		t.Fatal(err)
	}
	m, err := postgres.NewMeterService(other).CreateMeter(sys(), voltpay.MeterInput{SiteID: site.ID,
		Address: fmt.Sprintf("71%010d", next()), Protocol: voltpay.MeterProtocolDLT645})
	if err != nil {
		t.Fatal(err)
	}
	before := woken.Load()
	if _, err := postgres.NewCommandService(other).EnqueueCommand(sys(), voltpay.CommandInput{MeterID: m.ID,
		Kind: voltpay.CmdTimeSync, IdempotencyKey: newKey()}); err != nil {
		t.Fatal(err)
	}
	eventually(t, "woken by the other process's command", func() bool { return woken.Load() > before })
}
