package voltpay

import (
	"slices"
	"strings"
)

// MeterModels lists the meter models Voltpay can read and control, by the
// name a meter is stored with, and the meter protocols each is read over.
// An unknown model used to be read with the DDSY1352 register map and
// controlled as a DDSY1352, so a mistyped model was read with the wrong
// registers; now it is refused when the meter is created or updated.
// meterlink keeps the behaviour of each (control.Models, modbus.Profiles,
// the simulator's firmware); a test there checks that it knows every one.
var MeterModels = map[string][]string{
	"DDSY1352":    {MeterProtocolDLT645, MeterProtocolModbus}, // Acrel single-phase prepaid
	"DTSY1352":    {MeterProtocolDLT645, MeterProtocolModbus}, // Acrel three-phase prepaid
	"DDSY1352-4G": {MeterProtocolDLT645},                      // Acrel single-phase prepaid, 4G
	"DDS1352":     {MeterProtocolDLT645},                      // Acrel single-phase, remote prepaid only
	"DDZY":        {MeterProtocolDLT645},                      // State-Grid style prepaid (ESAM)
	"ADF400L":     {MeterProtocolModbus},                      // Acrel multi-user metering device
}

// meterVendors are the vendor prefixes a model may be written with.
var meterVendors = []string{"ACREL"}

// NormalizeMeterModel returns model as stored (upper case, without a vendor
// prefix: "Acrel ddsy1352" → "DDSY1352") and whether it is in MeterModels.
func NormalizeMeterModel(model string) (string, bool) {
	m := strings.ToUpper(strings.TrimSpace(model))
	for _, v := range meterVendors {
		m = strings.TrimSpace(strings.TrimPrefix(m, v))
	}
	_, ok := MeterModels[m]
	return m, ok
}

// validateModel normalises in.Model and refuses a model Voltpay does not
// know, or one not read over in.Protocol, listing the models it knows. An
// empty model is left empty: the meter is treated as the default model
// (DDSY1352), as before.
func (in *MeterInput) validateModel() error {
	if in.Model == "" {
		return nil
	}
	m, ok := NormalizeMeterModel(in.Model)
	if !ok {
		return Invalid("model", "unknown meter model %q; known models: %s (a mistyped model would be read with the wrong registers)", in.Model, KnownMeterModels(""))
	}
	if !slices.Contains(MeterModels[m], in.Protocol) {
		return Invalid("model", "model %s is not read over %s; models read over %s: %s", m, in.Protocol, in.Protocol, KnownMeterModels(in.Protocol))
	}
	in.Model = m
	return nil
}

// KnownMeterModels lists the models (read over protocol, or all when "") in
// order, comma-separated.
func KnownMeterModels(protocol string) string {
	var out []string
	for m, protos := range MeterModels {
		if protocol == "" || slices.Contains(protos, protocol) {
			out = append(out, m)
		}
	}
	slices.Sort(out)
	return strings.Join(out, ", ")
}
