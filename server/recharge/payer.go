package recharge

import (
	"context"

	"github.com/voltpay/voltpay"
)

// tenantPayer fills in the payer of a tenant's mini-program payment: the
// openid WeChat gave when the session signed in from the mini-program,
// never one the client sends (a client naming another person's openid
// would have WeChat ask that person to pay, or refuse). Operators and API
// keys name the payer themselves; so does Alipay's mini-program, which
// the tenant app has no sign-in of.
func tenantPayer(ctx context.Context, in *voltpay.RechargeOrderInput) error {
	p := voltpay.PrincipalFrom(ctx)
	if !p.IsTenant() || in.Method != voltpay.PayMiniProgram || in.Channel != voltpay.ChannelWechat {
		return nil
	}
	switch {
	case p.WechatOpenID == "":
		return voltpay.Invalid("method", "paying in the WeChat mini-program needs a sign-in from the mini-program; signed in by a texted code, pay by method h5 (WeChat H5 or Alipay)")
	case in.PayerID != "" && in.PayerID != p.WechatOpenID:
		return voltpay.Invalid("payerId", "leave payerId empty: the mini-program pays as the person WeChat signed in")
	}
	in.PayerID = p.WechatOpenID
	return nil
}
