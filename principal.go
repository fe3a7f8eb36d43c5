package voltpay

import (
	"context"
	"time"
)

// PrincipalKind says who is calling: an operator of the property office, an
// integrator's API key, or a tenant.
type PrincipalKind string

const (
	PrincipalOperator PrincipalKind = "operator"
	PrincipalAPIKey   PrincipalKind = "apikey"
	PrincipalTenant   PrincipalKind = "tenant"
	PrincipalSystem   PrincipalKind = "system" // background jobs, seeding
)

// Principal is the authenticated caller of a request. Services read it from
// the context to scope what they return and to record who did what.
type Principal struct {
	Kind PrincipalKind
	ID   int64  // operator, API key or tenant user id
	Name string // username, key name or tenant phone, for logs and audit
	Role Role   // operators only
	// Scopes are the permissions granted to an API key.
	Scopes []Permission
	// AccountID is the one account a tenant may see.
	AccountID int64
	// WechatOpenID is, for a tenant signed in from the WeChat mini-program,
	// the openid WeChat gave for them; payments in the mini-program (JSAPI)
	// name it as the payer. Empty for any other sign-in.
	WechatOpenID string
	// Kiosk marks a tenant principal from the property office's kiosk
	// (KioskSignIn): it belongs to no person (ID 0), sees AccountID only and
	// may not bind, switch or change a password.
	Kiosk bool
	// IP is the client address the request came from.
	IP string
	// RenewedUntil is set when this request slid the caller's session: its
	// new expiry, for the HTTP layer to refresh the session cookie.
	RenewedUntil time.Time
}

// Can reports whether p holds permission perm.
func (p *Principal) Can(perm Permission) bool {
	if p == nil {
		return false
	}
	switch p.Kind {
	case PrincipalSystem:
		return true
	case PrincipalOperator:
		return p.Role.Can(perm)
	case PrincipalAPIKey:
		for _, s := range p.Scopes {
			if s == perm {
				return true
			}
		}
	case PrincipalTenant:
		return perm == PermReadAccounts || perm == PermRecharge
	}
	return false
}

// IsTenant reports whether p is a tenant, whose reads are confined to AccountID.
func (p *Principal) IsTenant() bool { return p != nil && p.Kind == PrincipalTenant }

type principalKey struct{}

// WithPrincipal returns a context carrying p.
func WithPrincipal(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// PrincipalFrom returns the principal in ctx, or nil when the caller is anonymous.
func PrincipalFrom(ctx context.Context) *Principal {
	p, _ := ctx.Value(principalKey{}).(*Principal)
	return p
}

// SystemContext returns ctx acting as the system itself (seeding, jobs).
func SystemContext(ctx context.Context, name string) context.Context {
	return WithPrincipal(ctx, &Principal{Kind: PrincipalSystem, Name: name})
}
