package graph

import (
	"encoding/base64"
	"encoding/json"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph/model"
	"github.com/voltpay/voltpay/receipt"
)

// layoutJSON is the stored form (receipt.Layout's JSON) of a layout as
// sent; SiteService.SetReceiptLayout checks it. Errors: INVALID_INPUT for
// a logo that is not base64.
func layoutJSON(in model.ReceiptLayoutInput) ([]byte, error) {
	l := receipt.Layout{Title: in.Title, Footer: in.Footer, Fields: in.Fields, PublicURL: in.PublicURL}
	if in.LogoPng != nil && *in.LogoPng != "" {
		logo, err := base64.StdEncoding.DecodeString(*in.LogoPng)
		if err != nil {
			return nil, voltpay.Invalid("logoPng", "logoPng is not base64 (%v): send the PNG file's bytes in standard base64", err)
		}
		l.Logo = logo
	}
	return json.Marshal(l)
}
