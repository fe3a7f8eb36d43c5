package main

import (
	"context"
	"fmt"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/receipt"
)

// load finds receipt no as the caller and gathers what it prints, with
// its site's layout. Errors: NOT_FOUND (no such receipt for this caller),
// INVALID_INPUT (an entry that prints no receipt).
func (p *receiptPrinter) load(ctx context.Context, no string) (*receipt.Receipt, *receipt.Layout, error) {
	page, err := p.res.LedgerService.FindEntries(ctx, voltpay.LedgerFilter{ReceiptNo: no, Page: voltpay.PageArgs{First: 1, SkipTotal: true}})
	if err != nil {
		return nil, nil, err
	}
	if len(page.Items) == 0 {
		return nil, nil, voltpay.Errorf(voltpay.ENOTFOUND, "no receipt %s: check the number on the ledger entry", no)
	}
	e := page.Items[0]
	acct, err := p.res.AccountService.FindAccountByID(ctx, e.AccountID)
	if err != nil {
		return nil, nil, err
	}
	kind, reverses, err := p.kindOf(ctx, e, acct)
	if err != nil {
		return nil, nil, err
	}
	site, err := p.site(ctx, acct.SiteID)
	if err != nil {
		return nil, nil, err
	}
	loc, err := time.LoadLocation(site.Timezone)
	if err != nil {
		loc, _ = time.LoadLocation(voltpay.DefaultTimezone)
	}
	meters, err := p.meters(ctx, e, acct)
	if err != nil {
		return nil, nil, err
	}
	rc := &receipt.Receipt{
		No: e.ReceiptNo, Kind: kind, SiteName: site.Name, AccountNo: acct.No, Tenant: acct.TenantName, Shop: acct.ShopNo,
		Meters: meters, AmountFen: int64(e.AmountFen), BalanceAfterFen: int64(e.BalanceAfterFen),
		BalanceBeforeFen: int64(e.BalanceAfterFen - e.AmountFen), Operator: e.Actor, Time: e.CreatedAt.In(loc),
		Note: e.Note, Reverses: reverses,
	}
	if e.Channel != nil {
		rc.Channel = *e.Channel
	}
	return rc, p.layout(ctx, site), nil
}

// kindOf is what entry e of account a prints as: a sale written with the
// account's opening (the same transaction, so the same time) is the
// opening's receipt; a reversal names the receipt it undoes.
// Errors: INVALID_INPUT for entries without a printed receipt.
func (p *receiptPrinter) kindOf(ctx context.Context, e *voltpay.LedgerEntry, a *voltpay.Account) (receipt.Kind, string, error) {
	switch e.Type {
	case voltpay.EntrySale:
		if e.CreatedAt.Equal(a.OpenedAt) {
			return receipt.KindOpening, "", nil
		}
		return receipt.KindSale, "", nil
	case voltpay.EntryRefund:
		return receipt.KindRefund, "", nil
	case voltpay.EntryReversal:
		if e.ReversesID == nil {
			return receipt.KindReversal, "", nil
		}
		orig, err := p.res.LedgerService.FindEntryByID(ctx, *e.ReversesID)
		if err != nil {
			return "", "", err
		}
		return receipt.KindReversal, orig.ReceiptNo, nil
	}
	return "", "", voltpay.Invalid("number", "entry %s is a %s: receipts print for sales, refunds, reversals and account openings; see it in the ledger instead", e.ReceiptNo, e.Type)
}

// site is the account's site.
func (p *receiptPrinter) site(ctx context.Context, id int64) (*voltpay.Site, error) {
	sites, err := p.res.SiteService.FindSites(ctx)
	if err != nil {
		return nil, err
	}
	for _, s := range sites {
		if s.ID == id {
			return s, nil
		}
	}
	return nil, voltpay.Errorf(voltpay.ENOTFOUND, "site %d not found", id)
}

// meters are the addresses a receipt names: the entry's meter, or else
// the account's meters.
func (p *receiptPrinter) meters(ctx context.Context, e *voltpay.LedgerEntry, a *voltpay.Account) ([]string, error) {
	var ms []*voltpay.Meter
	if e.MeterID != nil {
		found, err := p.res.MeterService.FindMetersByIDs(ctx, []int64{*e.MeterID})
		if err != nil {
			return nil, err
		}
		ms = found
	} else {
		byAccount, err := p.res.MeterService.FindMetersByAccountIDs(ctx, []int64{a.ID})
		if err != nil {
			return nil, err
		}
		ms = byAccount[a.ID]
	}
	out := make([]string, 0, len(ms))
	for _, m := range ms {
		addr := m.Address
		if m.Channel > 0 {
			addr = fmt.Sprintf("%s/%d", m.Address, m.Channel)
		}
		out = append(out, addr)
	}
	return out, nil
}

// layout is the site's receipt layout; a stored one that no longer parses
// (written by hand, or by an older server) prints the defaults and is
// logged, so that the desk can still print.
func (p *receiptPrinter) layout(ctx context.Context, site *voltpay.Site) *receipt.Layout {
	stored, err := p.res.SiteService.FindReceiptLayouts(ctx, []int64{site.ID})
	if err == nil {
		var l *receipt.Layout
		if l, err = receipt.ParseLayout(stored[site.ID]); err == nil {
			return l
		}
	}
	p.log.WarnContext(ctx, "receipt: the site's layout is unreadable; printing the defaults", "site", site.ID, "err", err)
	return &receipt.Layout{}
}
