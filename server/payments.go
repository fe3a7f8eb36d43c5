package main

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/payment"
	"github.com/voltpay/voltpay/server/postgres"
	"github.com/voltpay/voltpay/server/recharge"
)

// maxNotifyBody bounds a provider notification (theirs are a few KiB).
const maxNotifyBody = 64 << 10

// newRecharge builds the payment gateways configured in the environment
// (README: payment configuration) and the recharge service on them. A
// channel that is not configured, or configured wrongly, is left out and
// reported as unavailable with the reason: the rest of the server runs.
func newRecharge(ctx context.Context, db *postgres.DB, getenv func(string) string, log *slog.Logger) *recharge.Service {
	gateways := map[string]payment.Gateway{}
	missing := map[string]string{}
	add := func(channel string, gw payment.Gateway, err error) {
		switch {
		case err != nil:
			log.Error("payment channel misconfigured; it stays unavailable until fixed", "channel", channel, "err", err)
			missing[channel] = "misconfigured on this server: " + err.Error()
		case gw == nil:
			log.Info("payment channel not configured", "channel", channel)
		default:
			log.Info("payment channel ready", "channel", channel, "methods", gw.Methods())
			gateways[channel] = gw
		}
	}
	wx, err := wechatGateway(ctx, getenv)
	add(voltpay.ChannelWechat, wx, err)
	ali, err := alipayGateway(getenv)
	add(voltpay.ChannelAlipay, ali, err)
	svc := recharge.New(postgres.NewRechargeStore(db), gateways, missing, log)
	svc.Audit = postgres.NewAuditService(db)
	return svc
}

func wechatGateway(ctx context.Context, getenv func(string) string) (payment.Gateway, error) {
	cfg, err := payment.LoadWechatConfig(getenv)
	if cfg == nil || err != nil {
		return nil, err
	}
	return payment.NewWechat(ctx, cfg)
}

func alipayGateway(getenv func(string) string) (payment.Gateway, error) {
	cfg, err := payment.LoadAlipayConfig(getenv)
	if cfg == nil || err != nil {
		return nil, err
	}
	return payment.NewAlipay(cfg)
}

// runRecharge runs the reconciler (pending orders, processing refunds)
// and the daily statement check at 10:00 Beijing time.
func runRecharge(ctx context.Context, svc *recharge.Service, log *slog.Logger) {
	go func() {
		if err := svc.RunReconciler(ctx, recharge.ReconcileConfig{}); err != nil {
			log.Error("recharge reconciler stopped", "err", err)
		}
	}()
	go func() {
		if err := svc.RunStatementCheck(ctx, 10); err != nil {
			log.Error("statement check stopped", "err", err)
		}
	}()
}

// mountWebhooks routes the providers' notify URLs.
func mountWebhooks(mux *http.ServeMux, svc *recharge.Service) {
	for _, ch := range []string{voltpay.ChannelWechat, voltpay.ChannelAlipay} {
		mux.Handle("/pay/notify/"+ch, http.MaxBytesHandler(svc.Webhook(ch), maxNotifyBody))
	}
}
