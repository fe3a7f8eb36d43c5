// Package model holds the API's own types: gqlgen generates most of them
// (models_gen.go); the few written by hand here adapt GraphQL shapes that
// differ from the domain's.
package model

import "github.com/voltpay/voltpay"

// TariffInput is the GraphQL form of voltpay.TariffInput: prices as a list
// of rate/price pairs and periods with "HH:MM" starts.
type TariffInput struct {
	SiteID        int64                 `json:"siteId"`
	Name          string                `json:"name"`
	Kind          string                `json:"kind"`
	Prices        []*RatePriceInput     `json:"prices"`
	Periods       []*TariffPeriodInput  `json:"periods"`
	Variants      []*TariffVariantInput `json:"variants"`
	Tiers         []*TariffTierInput    `json:"tiers"`
	BillingPeriod *string               `json:"billingPeriod,omitempty"`
}

// TariffPeriodInput starts a rate at "HH:MM".
type TariffPeriodInput struct {
	Start string `json:"start"`
	Rate  string `json:"rate"`
}

// RatePriceInput prices one rate.
type RatePriceInput struct {
	Rate  string        `json:"rate"`
	Price voltpay.Price `json:"price"`
}

// TariffTierInput is one tier; UpToWh is nil for the last.
type TariffTierInput struct {
	UpToWh *voltpay.Wh   `json:"upToWh,omitempty"`
	Price  voltpay.Price `json:"price"`
}
