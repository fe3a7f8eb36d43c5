package graph

import (
	"context"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph/model"
)

// The tenant app's sign-in and accounts. A tenant's session has a current
// account (Principal.AccountID), which the services and the object guard
// confine every read to; switchAccount and bindAccount change it.

// signInWithWechat exchanges the mini-program's code and signs its person in.
func (r *Resolver) signInWithWechat(ctx context.Context, code string) (*model.LoginResult, error) {
	if r.Wechat == nil {
		return nil, voltpay.Errorf(voltpay.EUNAVAILABLE, "sign-in from the WeChat mini-program is not set up on this server (VOLTPAY_WECHAT_APPID, VOLTPAY_WECHAT_APP_SECRET); sign in with a texted code instead")
	}
	openid, err := r.Wechat.OpenID(ctx, code)
	if err != nil {
		return nil, err
	}
	info := RequestInfoFrom(ctx)
	s, err := r.TenantService.SignInWithWechat(ctx, openid, info.IP)
	if err != nil {
		return nil, err
	}
	return startSession(info, s), nil
}

// nowCurrent makes accountID the current account of this request's
// principal too: the answer of switchAccount or bindAccount, and the
// object guard that checks it, see the account the session now has.
func nowCurrent(ctx context.Context, accountID int64) {
	if p := voltpay.PrincipalFrom(ctx); p.IsTenant() {
		p.AccountID = accountID
	}
}

// tenantAccounts lists the caller's bound accounts for the switcher.
func (r *Resolver) tenantAccounts(ctx context.Context) ([]*model.BoundAccount, error) {
	as, err := r.TenantService.TenantAccounts(ctx)
	if err != nil {
		return nil, err
	}
	current := voltpay.PrincipalFrom(ctx).AccountID
	out := make([]*model.BoundAccount, len(as))
	for i, a := range as {
		out[i] = &model.BoundAccount{ID: a.ID, No: a.No, TenantName: a.TenantName, ShopNo: a.ShopNo, Status: a.Status,
			BalanceFen: a.BalanceFen, Current: a.ID == current}
	}
	return out, nil
}

// managerOnly refuses callers without manage_accounts a field of an account.
func managerOnly(ctx context.Context, what string) error {
	if !voltpay.PrincipalFrom(ctx).Can(voltpay.PermManageAccounts) {
		return voltpay.Errorf(voltpay.EFORBIDDEN, "an account's %s is shown to callers with permission %s only", what, voltpay.PermManageAccounts)
	}
	return nil
}
