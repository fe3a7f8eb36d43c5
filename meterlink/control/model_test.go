package control_test

import (
	"slices"
	"testing"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/meterlink/control"
	"github.com/voltpay/voltpay/meterlink/modbus"
)

// TestIssue11_KnownModelsHaveBehaviour: every model a meter may be created
// with has its control behaviour (DL/T 645) or register map (Modbus), so
// none falls back to another model's.
func TestIssue11_KnownModelsHaveBehaviour(t *testing.T) {
	for model, protos := range voltpay.MeterModels {
		if slices.Contains(protos, voltpay.MeterProtocolDLT645) {
			if _, ok := control.Models[model]; !ok {
				t.Errorf("%s is read over DL/T 645 but control.Models does not know it", model)
			}
		}
		if slices.Contains(protos, voltpay.MeterProtocolModbus) {
			if _, ok := modbus.Profiles["Acrel "+model]; !ok {
				t.Errorf("%s is read over Modbus but modbus.Profiles has no register map for it", model)
			}
		}
	}
}
