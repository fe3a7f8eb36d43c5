package control

import (
	"encoding/json"
	"fmt"

	"github.com/voltpay/voltpay"
)

// params holds the kind-specific parameters of a command (its JSON params).
// Absent thresholds are taken from the meter's own configuration.
type params struct {
	AmountFen         *int64   `json:"amountFen"`         // credit
	Alarm1Fen         *int64   `json:"alarm1Fen"`         // push_settings
	Alarm2Fen         *int64   `json:"alarm2Fen"`         // push_settings
	OverdraftLimitFen *int64   `json:"overdraftLimitFen"` // push_settings
	HoardingLimitFen  *int64   `json:"hoardingLimitFen"`  // push_settings
	CloseAllowedFen   *int64   `json:"closeAllowedFen"`   // push_settings
	Prices            []string `json:"prices"`            // push_tariff: rates 1..4 (尖峰平谷), yuan/kWh
}

// parseParams decodes c's params; a command the executor cannot understand
// fails at once (retrying cannot fix it).
func parseParams(c *voltpay.Command) (params, error) {
	var p params
	if len(c.Params) == 0 {
		return p, nil
	}
	if err := json.Unmarshal(c.Params, &p); err != nil {
		return p, fmt.Errorf("params %s are not valid: %v", c.Params, err)
	}
	return p, nil
}
