package voltpay

import (
	"strings"
	"testing"
)

// TestIssue11_UnknownMeterModel: a meter of a model Voltpay does not know
// (or one not read over the meter's protocol) is refused at creation, with
// the known models in the message, instead of being read with the DDSY1352
// register map.
func TestIssue11_UnknownMeterModel(t *testing.T) {
	in := func(model, protocol string) *MeterInput {
		addr := "000000000001"
		if protocol == MeterProtocolModbus {
			addr = "1"
		}
		return &MeterInput{SiteID: 1, Address: addr, Protocol: protocol, Model: model}
	}
	for _, model := range []string{"DDSY1325", "DDSY-1352", "xyz"} {
		err := in(model, MeterProtocolDLT645).Validate()
		if ErrorCode(err) != EINVALID || !strings.Contains(err.Error(), "ADF400L, DDS1352, DDSY1352, DDSY1352-4G, DDZY, DTSY1352") {
			t.Errorf("model %q: %v; want INVALID_INPUT listing the known models", model, err)
		}
	}
	if err := in("DDZY", MeterProtocolModbus).Validate(); ErrorCode(err) != EINVALID || !strings.Contains(err.Error(), "ADF400L, DDSY1352, DTSY1352") {
		t.Errorf("DDZY over Modbus: %v; want INVALID_INPUT listing the Modbus models", err)
	}
	for model, want := range map[string]string{"Acrel ddsy1352": "DDSY1352", " DTSY1352 ": "DTSY1352", "": ""} {
		m := in(model, MeterProtocolDLT645)
		if err := m.Validate(); err != nil || m.Model != want {
			t.Errorf("model %q: %q, %v; want %q", model, m.Model, err, want)
		}
	}
}
