package recharge

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/payment"
	"github.com/voltpay/voltpay/server/postgres"
)

// CheckStatement compares the provider's bill of one day (its calendar
// day, Beijing time) with the orders paid here that day: every payment
// either side has that the other lacks, or with another amount, is a
// difference for finance. Refund lines are compared with the refunds that
// succeeded here that day the same way (diffRefunds).
func (s *Service) CheckStatement(ctx context.Context, channel string, day time.Time) ([]voltpay.StatementDiff, error) {
	gw, err := s.gateway(channel)
	if err != nil {
		return nil, err
	}
	from := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, payment.Shanghai)
	to := from.AddDate(0, 0, 1)
	lines, err := gw.Statement(ctx, from)
	if err != nil {
		return nil, voltpay.Errorf(voltpay.EUNAVAILABLE, "%s bill of %s could not be fetched: %v", channelName(channel), from.Format("2006-01-02"), err)
	}
	ours, err := s.store.PaidOrders(ctx, channel, from, to)
	if err != nil {
		return nil, err
	}
	refunds, err := s.store.SucceededRefunds(ctx, channel, from, to)
	if err != nil {
		return nil, err
	}
	d := from.Format("2006-01-02")
	return append(diffStatement(channel, d, lines, ours), diffRefunds(channel, d, lines, refunds)...), nil
}

// diffStatement lists the differences between a bill's payments and our
// paid orders (its refund lines are diffRefunds').
func diffStatement(channel, day string, lines []payment.StatementLine, ours []*voltpay.RechargeOrder) []voltpay.StatementDiff {
	byNo := map[string]*voltpay.RechargeOrder{}
	for _, o := range ours {
		byNo[o.OutTradeNo] = o
	}
	var out []voltpay.StatementDiff
	seen := map[string]bool{}
	for _, l := range lines {
		if l.Refund {
			continue
		}
		seen[l.OutTradeNo] = true
		d := voltpay.StatementDiff{Channel: channel, Day: day, OutTradeNo: l.OutTradeNo, TransactionID: l.TransactionID,
			TheirFen: voltpay.Fen(l.AmountFen)}
		o := byNo[l.OutTradeNo]
		switch {
		case o == nil:
			d.Problem = "paid at the provider, not paid here on that day: check the order (a lost notification the reconciler has not found, or paid another day)"
		case o.AmountFen != voltpay.Fen(l.AmountFen):
			d.OurFen, d.Problem = o.AmountFen, "amounts differ"
		case o.EntryID == nil:
			d.OurFen, d.Problem = o.AmountFen, "paid but not credited: "+o.Flag
		default:
			continue
		}
		out = append(out, d)
	}
	for _, o := range ours {
		if !seen[o.OutTradeNo] {
			out = append(out, voltpay.StatementDiff{Channel: channel, Day: day, OutTradeNo: o.OutTradeNo,
				TransactionID: deref(o.TransactionID), OurFen: o.AmountFen,
				Problem: fmt.Sprintf("paid here, missing from the %s bill", channelName(channel))})
		}
	}
	return out
}

// diffRefunds lists the differences between a bill's refund lines and the
// refunds that succeeded here: a refund made outside Voltpay (the
// merchant console) whose notification never came shows here.
func diffRefunds(channel, day string, lines []payment.StatementLine, ours []*postgres.ChannelRefund) []voltpay.StatementDiff {
	byNo := map[string]*postgres.ChannelRefund{}
	for _, r := range ours {
		byNo[r.OutRefundNo] = r
	}
	var out []voltpay.StatementDiff
	seen := map[string]bool{}
	for _, l := range lines {
		if !l.Refund {
			continue
		}
		seen[l.OutRefundNo] = true
		d := voltpay.StatementDiff{Channel: channel, Day: day, OutTradeNo: l.OutTradeNo, TransactionID: l.TransactionID,
			OutRefundNo: l.OutRefundNo, TheirFen: voltpay.Fen(l.AmountFen)}
		r := byNo[l.OutRefundNo]
		switch {
		case r == nil:
			d.Problem = fmt.Sprintf("refund %s at the provider, not refunded here on that day: a refund made outside Voltpay "+
				"(the merchant console) or its notification lost; check the order's ledger", l.OutRefundNo)
		case r.AmountFen != voltpay.Fen(l.AmountFen):
			d.OurFen, d.Problem = r.AmountFen, fmt.Sprintf("refund %s: amounts differ", l.OutRefundNo)
		default:
			continue
		}
		out = append(out, d)
	}
	for _, r := range ours {
		if !seen[r.OutRefundNo] {
			out = append(out, voltpay.StatementDiff{Channel: channel, Day: day, OutTradeNo: r.OutTradeNo, OutRefundNo: r.OutRefundNo,
				OurFen: r.AmountFen, Problem: fmt.Sprintf("refund %s succeeded here, missing from the %s bill", r.OutRefundNo, channelName(channel))})
		}
	}
	return out
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// RunStatementCheck checks yesterday's bill of every configured channel
// once a day at hour (Beijing time; the providers publish bills from
// about 10:00), logs every difference at WARN and records each check in
// the audit log for finance (CheckAndRecord).
func (s *Service) RunStatementCheck(ctx context.Context, hour int) error {
	for {
		now := time.Now().In(payment.Shanghai)
		next := time.Date(now.Year(), now.Month(), now.Day(), hour, 0, 0, 0, payment.Shanghai)
		if !next.After(now) {
			next = next.AddDate(0, 0, 1)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(time.Until(next)):
		}
		for ch := range s.gateways {
			_, _ = s.CheckAndRecord(ctx, ch, next.AddDate(0, 0, -1))
		}
	}
}

// CheckAndRecord runs CheckStatement for one channel and day, logs the
// outcome and records it in the audit log (actor system "recharge",
// operation "recharge.statement", result "ok", "differences" or the error
// code; the differences in args), where finance reads it (auditLog).
func (s *Service) CheckAndRecord(ctx context.Context, channel string, day time.Time) ([]voltpay.StatementDiff, error) {
	d := day.In(payment.Shanghai).Format("2006-01-02")
	diffs, err := s.CheckStatement(ctx, channel, day)
	e := &voltpay.AuditEntry{At: time.Now(), ActorKind: "system", ActorName: "recharge", Operation: "recharge.statement", Result: "ok"}
	switch {
	case err != nil:
		s.log.Error("recharge: daily statement check failed", "channel", channel, "day", d, "err", err)
		e.Result, e.Message = voltpay.ErrorCode(err), err.Error()
	case len(diffs) > 0:
		e.Result = "differences"
		e.Message = fmt.Sprintf("%s bill of %s: %d differences with our paid orders", channelName(channel), d, len(diffs))
		for _, x := range diffs {
			s.log.Warn("recharge: statement difference for finance", "channel", channel, "day", x.Day, "order", x.OutTradeNo,
				"transaction", x.TransactionID, "ours_fen", x.OurFen, "theirs_fen", x.TheirFen, "problem", x.Problem)
		}
	default:
		e.Message = fmt.Sprintf("%s bill of %s agrees with our paid orders", channelName(channel), d)
		s.log.Info("recharge: daily statement checked", "channel", channel, "day", d)
	}
	e.Args, _ = json.Marshal(map[string]any{"channel": channel, "day": d, "differences": diffs})
	if s.Audit != nil {
		if aerr := s.Audit.Record(context.WithoutCancel(ctx), e); aerr != nil {
			s.log.Error("recharge: recording the statement check", "err", aerr)
		}
	}
	return diffs, err
}
