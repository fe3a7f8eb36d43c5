// Package recharge is self-service recharge: it opens recharge orders at
// the payment providers (through payment.Gateway), turns their verified
// notifications into exactly-once credits (through postgres.RechargeStore,
// which also hands the relay close to meterlink in the same transaction),
// refunds through the original channel, and reconciles what the providers
// say with what we hold: orders left pending, refunds left processing, and
// each day's bill.
package recharge

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/payment"
	"github.com/voltpay/voltpay/server/postgres"
)

// Service implements voltpay.RechargeService.
type Service struct {
	store    *postgres.RechargeStore
	gateways map[string]payment.Gateway
	missing  map[string]string // channel → why it is unavailable
	log      *slog.Logger
	// TTL is how long an order can be paid (voltpay.DefaultOrderTTL).
	TTL time.Duration
	// Credited, when set, hears of every settled payment (metrics, benchmarks).
	Credited func(*postgres.PayResult)
	// Audit, when set, records each daily statement check for finance.
	Audit interface {
		Record(ctx context.Context, e *voltpay.AuditEntry) error
	}
}

var _ voltpay.RechargeService = (*Service)(nil)

// New returns the service. gateways holds the configured providers;
// missing says, per channel that is not configured, why (shown to callers).
func New(store *postgres.RechargeStore, gateways map[string]payment.Gateway, missing map[string]string, log *slog.Logger) *Service {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Service{store: store, gateways: gateways, missing: missing, log: log, TTL: voltpay.DefaultOrderTTL}
}

// Channels tells which channels can take payments.
func (s *Service) Channels() []voltpay.ChannelStatus {
	var out []voltpay.ChannelStatus
	for _, ch := range []string{voltpay.ChannelWechat, voltpay.ChannelAlipay} {
		st := voltpay.ChannelStatus{Channel: ch}
		if gw := s.gateways[ch]; gw != nil {
			st.Available = true
			for _, m := range gw.Methods() {
				st.Methods = append(st.Methods, string(m))
			}
		} else {
			st.Reason = s.unavailable(ch)
		}
		out = append(out, st)
	}
	return out
}

func (s *Service) unavailable(ch string) string {
	if r := s.missing[ch]; r != "" {
		return r
	}
	return fmt.Sprintf("%s is not configured on this server (see README: payment configuration)", channelName(ch))
}

func channelName(ch string) string {
	switch ch {
	case voltpay.ChannelWechat:
		return "WeChat Pay"
	case voltpay.ChannelAlipay:
		return "Alipay"
	}
	return ch
}

// gateway returns the channel's gateway, or UNAVAILABLE with the reason.
func (s *Service) gateway(ch string) (payment.Gateway, error) {
	if gw := s.gateways[ch]; gw != nil {
		return gw, nil
	}
	if ch != voltpay.ChannelWechat && ch != voltpay.ChannelAlipay {
		return nil, voltpay.Invalid("channel", "self-service recharge takes wechat or alipay, got %q (cash and bank transfers are sales at the desk)", ch)
	}
	return nil, voltpay.Errorf(voltpay.EUNAVAILABLE, "%s; pay at the desk or through another channel", s.unavailable(ch))
}

// CreateOrder opens a recharge order and the provider's trade for it. The
// same idempotency key returns the same order (and its pay parameters)
// without a second trade. Errors: INVALID_INPUT, NOT_FOUND, CONFLICT,
// FORBIDDEN (a tenant's other account), UNAVAILABLE (channel not
// configured, provider unreachable: the order is closed, nothing charged).
func (s *Service) CreateOrder(ctx context.Context, in voltpay.RechargeOrderInput) (*voltpay.RechargeOrder, error) {
	if err := validateOrder(ctx, &in); err != nil {
		return nil, err
	}
	gw, err := s.gateway(in.Channel)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(gw.Methods(), payment.Method(in.Method)) {
		return nil, voltpay.Invalid("method", "%s here takes %v, not %s", channelName(in.Channel), gw.Methods(), in.Method)
	}
	o, created, err := s.store.InsertOrder(ctx, in, s.TTL)
	if err != nil {
		return nil, err
	}
	if !created && (o.PrepayJSON != "" || o.State != voltpay.OrderPending) {
		return o, nil // a retry: the first answer
	}
	pctx, cancel := context.WithTimeout(ctx, payment.DefaultTimeout)
	defer cancel()
	pre, err := gw.Prepay(pctx, payment.PrepayRequest{OutTradeNo: o.OutTradeNo, Description: o.Description,
		AmountFen: int64(o.AmountFen), Method: payment.Method(o.Method), PayerID: in.PayerID, ClientIP: in.ClientIP,
		ReturnURL: in.ReturnURL, ExpiresAt: o.ExpiresAt})
	if err != nil {
		s.log.Warn("recharge: the provider did not open the trade", "order", o.OutTradeNo, "channel", o.Channel, "err", err)
		if _, cerr := s.store.CloseOrder(context.WithoutCancel(ctx), o.ID, "the provider did not open the trade: "+err.Error()); cerr != nil {
			s.log.Error("recharge: closing an order the provider did not open", "order", o.OutTradeNo, "err", cerr)
		}
		if errors.Is(err, payment.ErrProvider) {
			return nil, voltpay.Errorf(voltpay.EINVALID, "%s refused the payment: %v", channelName(o.Channel), err)
		}
		return nil, voltpay.Errorf(voltpay.EUNAVAILABLE, "%s could not be reached (%v); nothing was charged, try again", channelName(o.Channel), err)
	}
	b, _ := json.Marshal(pre)
	if err := s.store.SetPrepay(ctx, o.ID, string(b)); err != nil {
		return nil, err
	}
	o.PrepayJSON = string(b)
	return o, nil
}

// validateOrder checks in and confines a tenant to their own account.
func validateOrder(ctx context.Context, in *voltpay.RechargeOrderInput) error {
	if p := voltpay.PrincipalFrom(ctx); p.IsTenant() && p.AccountID != in.AccountID {
		return voltpay.Errorf(voltpay.EFORBIDDEN, "a tenant can recharge only their own account")
	}
	if in.AmountFen < voltpay.MinRechargeFen || in.AmountFen > voltpay.MaxRechargeFen {
		return voltpay.Invalid("amountFen", "a recharge is between %s and %s yuan, got %s yuan", voltpay.MinRechargeFen, voltpay.MaxRechargeFen, in.AmountFen)
	}
	if err := tenantPayer(ctx, in); err != nil {
		return err
	}
	switch in.Method {
	case voltpay.PayMiniProgram:
		if in.PayerID == "" || len(in.PayerID) > 128 {
			return voltpay.Invalid("payerId", "the mini-program method needs the payer's openid (WeChat) or buyer open id (Alipay), up to 128 characters")
		}
	case voltpay.PayQR, voltpay.PayH5:
	default:
		return voltpay.Invalid("method", "unknown payment method %q; use mini_program, qr or h5", in.Method)
	}
	if in.IdempotencyKey != "" {
		if err := voltpay.ValidateIdempotencyKey(in.IdempotencyKey); err != nil {
			return err
		}
	}
	if len(in.MeterIDs) > 100 {
		return voltpay.Invalid("meterIds", "a recharge names at most 100 meters")
	}
	return nil
}

// FindOrder returns one order; a tenant only their own. Errors: NOT_FOUND.
func (s *Service) FindOrder(ctx context.Context, id int64) (*voltpay.RechargeOrder, error) {
	o, err := s.store.FindOrder(ctx, id)
	return own(ctx, o, err)
}

// FindOrderByNo returns the order of an out_trade_no; a tenant only their own.
func (s *Service) FindOrderByNo(ctx context.Context, no string) (*voltpay.RechargeOrder, error) {
	o, err := s.store.FindOrderByNo(ctx, no)
	return own(ctx, o, err)
}

func own(ctx context.Context, o *voltpay.RechargeOrder, err error) (*voltpay.RechargeOrder, error) {
	if err != nil {
		return nil, err
	}
	if p := voltpay.PrincipalFrom(ctx); p.IsTenant() && p.AccountID != o.AccountID {
		return nil, voltpay.Errorf(voltpay.ENOTFOUND, "recharge order not found; check the id")
	}
	return o, nil
}

// FindOrders lists orders, newest first.
func (s *Service) FindOrders(ctx context.Context, f voltpay.RechargeOrderFilter) (*voltpay.Page[*voltpay.RechargeOrder], error) {
	return s.store.FindOrders(ctx, f)
}

// OrderRefunds lists an order's refunds.
func (s *Service) OrderRefunds(ctx context.Context, orderID int64) ([]*voltpay.OrderRefund, error) {
	return s.store.OrderRefunds(ctx, orderID)
}
