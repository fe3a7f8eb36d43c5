package postgres

import (
	"errors"
	"strconv"

	"github.com/lib/pq"

	"github.com/voltpay/voltpay"
)

// meterConflict maps an insert or update error of meter in: a clash on
// meters_bus_address_channel_uniq becomes a CONFLICT naming the address and
// channel (channels of one multi-user device share the address, so the
// address alone would not say what clashed); anything else goes through
// mapError.
func meterConflict(err error, in *voltpay.MeterInput) error {
	var pe *pq.Error
	if errors.As(err, &pe) && pe.Code.Name() == "unique_violation" && pe.Constraint == "meters_link_id_uniq" {
		return voltpay.Errorf(voltpay.ECONFLICT, "an active meter already dials in with link id %s; two meters cannot share one 4G identity", *in.LinkID)
	}
	if !errors.As(err, &pe) || pe.Code.Name() != "unique_violation" || pe.Constraint != "meters_bus_address_channel_uniq" {
		return mapError(err)
	}
	where := "among direct meters"
	if in.GatewayID != nil {
		where = "on gateway " + strconv.FormatInt(*in.GatewayID, 10)
	}
	if in.Channel == 0 {
		return voltpay.Errorf(voltpay.ECONFLICT, "an active meter already has address %s (channel 0, a meter of its own) %s; retire it first or pick another address", in.Address, where)
	}
	return voltpay.Errorf(voltpay.ECONFLICT, "an active meter already is channel %d of the multi-user device at address %s %s; retire it first or pick another channel", in.Channel, in.Address, where)
}
