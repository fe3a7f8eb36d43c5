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

// login signs in and sets the HTTP-only session cookie.
//
// The token goes to a browser only in that cookie: a request from a web page
// (RequestInfo.Browser: it carries Sec-Fetch-Site or Origin, headers page
// scripts can neither set nor remove) gets an empty token in the answer, so
// that a script injected into the page never holds the session. Other
// clients (integrations, curl, the mini-program's native requests) get the
// token to send as a bearer token, as before.
func (r *Resolver) login(ctx context.Context, username, password string, tenant bool) (*model.LoginResult, error) {
	info := RequestInfoFrom(ctx)
	s, err := r.AuthService.Login(ctx, username, password, tenant, info.IP)
	if err != nil {
		return nil, err
	}
	return startSession(info, s), nil
}

// startSession answers a sign-in (login, signInWithCode, signInWithWechat, kioskSignIn)
// with session s, setting the cookie as login does.
func startSession(info *RequestInfo, s *voltpay.Session) *model.LoginResult {
	token := s.Token
	if info.SetCookie != nil {
		SetSessionCookie(info, s.Token, s.ExpiresAt)
		if info.Browser {
			token = ""
		}
	}
	return &model.LoginResult{Token: token, ExpiresAt: s.ExpiresAt, Principal: s.Principal}
}

// SetSessionCookie sets the HTTP-only session cookie to token until expires
// (at login, and whenever a request slides the session).
func SetSessionCookie(info *RequestInfo, token string, expires time.Time) {
	info.SetCookie(&http.Cookie{Name: SessionCookie, Value: token, Path: "/", Expires: expires,
		HttpOnly: true, Secure: info.SecureCookie, SameSite: http.SameSiteLaxMode})
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
