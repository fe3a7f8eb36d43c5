package main

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/voltpay/voltpay"
)

// TestAPI_MeterChannels creates the channels of a multi-user device through
// GraphQL and reads them back; a channel taken twice, a channel on a DL/T
// 645 meter and channel 37 are refused.
func TestAPI_MeterChannels(t *testing.T) {
	env := newEnv(t)
	manager := env.operator(t, voltpay.RoleManager)
	n := next()
	gw, err := env.Res.SiteService.CreateGateway(sys(), voltpay.GatewayInput{SiteID: env.Site.ID, Name: fmt.Sprintf("多用户 %d", n),
		Endpoint: fmt.Sprintf("10.%d.%d.%d:502", 150+n%50, (n/50)%250, n%250), Protocol: voltpay.ProtocolModbusRTU})
	if err != nil {
		t.Fatalf("create gateway: %v", err)
	}
	in := func(channel any, protocol string) map[string]any {
		m := map[string]any{"siteId": env.Site.ID, "address": "9", "model": "ADF400L", "protocol": protocol}
		if protocol == voltpay.MeterProtocolModbus {
			m["gatewayId"] = gw.ID
		} else {
			m["address"] = fmt.Sprintf("%012d", 700000000+next())
		}
		if channel != nil {
			m["channel"] = channel
		}
		return m
	}
	const create = `mutation($in: MeterInput!) { createMeter(input: $in) { id address channel protocol } }`
	type meterOut struct {
		ID, Address, Protocol string
		Channel               int
	}
	var ids []string
	for _, ch := range []int{1, 2} {
		var out struct{ CreateMeter meterOut }
		manager.do(t, create, map[string]any{"in": in(ch, voltpay.MeterProtocolModbus)}).Decode(t, &out)
		if out.CreateMeter.Channel != ch || out.CreateMeter.Address != "9" {
			t.Fatalf("created %+v, want channel %d at address 9", out.CreateMeter, ch)
		}
		ids = append(ids, out.CreateMeter.ID)
	}
	var own struct{ CreateMeter meterOut }
	manager.do(t, create, map[string]any{"in": in(nil, voltpay.MeterProtocolModbus)}).Decode(t, &own)
	if own.CreateMeter.Channel != 0 {
		t.Errorf("channel omitted: got %d, want 0", own.CreateMeter.Channel)
	}

	var read struct{ Meter meterOut }
	manager.do(t, `query($id: ID!) { meter(id: $id) { id address channel protocol } }`, map[string]any{"id": ids[1]}).Decode(t, &read)
	if read.Meter.Channel != 2 || read.Meter.Protocol != voltpay.MeterProtocolModbus {
		t.Errorf("read %+v, want channel 2", read.Meter)
	}
	id, _ := strconv.ParseInt(ids[0], 10, 64)
	if m, err := env.Res.MeterService.FindMeterByID(sys(), id); err != nil || m.Channel != 1 {
		t.Errorf("stored %+v, %v; want channel 1", m, err)
	}

	for name, tc := range map[string]struct {
		in          map[string]any
		code, field string
	}{
		"ChannelTaken":    {in(2, voltpay.MeterProtocolModbus), voltpay.ECONFLICT, ""},
		"Channel37":       {in(37, voltpay.MeterProtocolModbus), voltpay.EINVALID, "channel"},
		"DLT645Channel":   {in(1, voltpay.MeterProtocolDLT645), voltpay.EINVALID, "channel"},
		"NegativeChannel": {in(-1, voltpay.MeterProtocolModbus), voltpay.EINVALID, "channel"},
	} {
		t.Run(name, func(t *testing.T) {
			resp := manager.do(t, create, map[string]any{"in": tc.in})
			if resp.Code() != tc.code || (tc.field != "" && resp.Errors[0].Extensions.Field != tc.field) {
				t.Fatalf("got %+v, want %s on %q", resp.Errors, tc.code, tc.field)
			}
			if tc.code == voltpay.ECONFLICT && !strings.Contains(resp.Errors[0].Message, "channel 2") {
				t.Errorf("message %q should name the channel", resp.Errors[0].Message)
			}
		})
	}
}
