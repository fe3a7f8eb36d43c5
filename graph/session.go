package graph

import (
	"context"
	"net/http"
	"time"

	"github.com/voltpay/voltpay"
	"github.com/voltpay/voltpay/graph/model"
)

// SessionCookie is the name of the admin SPA's session cookie.
const SessionCookie = "voltpay_session"

// login signs in and, for browsers, sets the HTTP-only session cookie.
func (r *Resolver) login(ctx context.Context, username, password string, tenant bool) (*model.LoginResult, error) {
	info := RequestInfoFrom(ctx)
	s, err := r.AuthService.Login(ctx, username, password, tenant, info.IP)
	if err != nil {
		return nil, err
	}
	if info.SetCookie != nil {
		info.SetCookie(&http.Cookie{Name: SessionCookie, Value: s.Token, Path: "/", Expires: s.ExpiresAt,
			HttpOnly: true, Secure: info.SecureCookie, SameSite: http.SameSiteLaxMode})
	}
	return &model.LoginResult{Token: s.Token, ExpiresAt: s.ExpiresAt, Principal: s.Principal}, nil
}

// logout ends the caller's session and clears the cookie.
func (r *Resolver) logout(ctx context.Context) (bool, error) {
	info := RequestInfoFrom(ctx)
	if p := voltpay.PrincipalFrom(ctx); p.Kind == voltpay.PrincipalAPIKey {
		return false, voltpay.Errorf(voltpay.EINVALID, "an API key has no session to end; revoke it with revokeApiKey instead")
	}
	if err := r.AuthService.Logout(ctx, info.SessionToken); err != nil {
		return false, err
	}
	if info.SetCookie != nil {
		info.SetCookie(&http.Cookie{Name: SessionCookie, Value: "", Path: "/", Expires: time.Unix(0, 0), MaxAge: -1,
			HttpOnly: true, Secure: info.SecureCookie, SameSite: http.SameSiteLaxMode})
	}
	return true, nil
}
