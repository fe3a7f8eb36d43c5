package main

import "github.com/voltpay/voltpay"

// everyPage collects a whole listing, page by page: fetch returns the page
// after the item id it is given (0: the first page), id names an item.
func everyPage[T any](fetch func(after int64) (*voltpay.Page[T], error), id func(T) int64) ([]T, error) {
	var out []T
	var after int64
	for {
		p, err := fetch(after)
		if err != nil {
			return nil, err
		}
		out = append(out, p.Items...)
		if !p.HasNext || len(p.Items) == 0 {
			return out, nil
		}
		after = id(p.Items[len(p.Items)-1])
	}
}

func gatewayID(g *voltpay.Gateway) int64 { return g.ID }
func meterID(m *voltpay.Meter) int64     { return m.ID }

// firstPage is the largest page, the start of a listing read whole.
var firstPage = voltpay.PageArgs{First: voltpay.MaxPageSize}
