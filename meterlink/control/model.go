package control

import (
	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/meterlink/dlt645"
)

// Model is what the executor needs to know about a meter model.
type Model struct {
	// DirectClose: the meter accepts direct close (1C). Otherwise a close is
	// sent as close-allowed (1B) and confirmed by the relay command state,
	// while the contactor waits for the tenant's button.
	DirectClose bool
	// Credit is the layout of the meter's credit push (0x03); LayoutNone
	// for meters that keep no balance of their own.
	Credit dlt645.Layout
}

// DefaultModel is used for models not in Models: the Acrel prepaid meters'
// behaviour (direct close, vendor credit layout).
var DefaultModel = Model{DirectClose: true, Credit: dlt645.LayoutVendor}

// Models lists the meter models whose behaviour differs from DefaultModel,
// by model name without the vendor prefix and upper case.
var Models = map[string]Model{
	"DDSY1352":    {DirectClose: true, Credit: dlt645.LayoutVendor},
	"DTSY1352":    {DirectClose: true, Credit: dlt645.LayoutVendor},
	"DDSY1352-4G": {DirectClose: true, Credit: dlt645.LayoutVendor},
	"DDZY":        {DirectClose: false, Credit: dlt645.LayoutStateGrid}, // State-Grid style: 1B + button, ESAM MAC
	"DDS1352":     {DirectClose: true, Credit: dlt645.LayoutNone},       // remote-prepaid only: no balance on the meter
}

// ModelFor returns the behaviour of model (e.g. "Acrel DDSY1352").
func ModelFor(model string) Model {
	m, _ := voltpay.NormalizeMeterModel(model)
	if got, ok := Models[m]; ok {
		return got
	}
	return DefaultModel
}
