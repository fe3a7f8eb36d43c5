package voltpay

import (
	"context"
	"time"
)

// Operator is a member of the property office's staff who signs in to the
// admin SPA.
type Operator struct {
	ID          int64      `db:"id"`
	Username    string     `db:"username"`
	DisplayName string     `db:"display_name"`
	Role        Role       `db:"role"`
	Disabled    bool       `db:"disabled"`
	CreatedAt   time.Time  `db:"created_at"`
	LastLoginAt *time.Time `db:"last_login_at"`
}

// OperatorInput creates or edits an operator. An empty Password keeps the old one.
type OperatorInput struct {
	Username    string
	DisplayName string
	Role        Role
	Password    string
	Disabled    bool
	// Fields names the fields an update was sent (nil: all of them);
	// UpdateOperator keeps the operator's value of every other field.
	Fields FieldSet
}

// AsInput is the operator's editable fields as an input, the values an
// update keeps for the fields it was not sent (KeepAbsent); the empty
// password keeps the password.
func (o *Operator) AsInput() OperatorInput {
	return OperatorInput{Username: o.Username, DisplayName: o.DisplayName, Role: o.Role, Disabled: o.Disabled}
}

// MinPasswordLen is the shortest password accepted for operators and tenants.
const MinPasswordLen = 10

// APIKey is an integrator's credential. Only its hash is stored; the secret
// is shown once, at creation.
type APIKey struct {
	ID        int64        `db:"id"`
	Name      string       `db:"name"`
	Prefix    string       `db:"prefix"` // the public part, shown in lists to recognise a key
	Scopes    []Permission `db:"-"`
	CreatedBy *int64       `db:"created_by"` // the operator who created it
	// CreatedByKeyID is the API key that created it, if one did.
	CreatedByKeyID *int64 `db:"created_by_key_id"`
	// Creator names who created it: "operator <username>", "API key <name>" or "system".
	Creator    string     `db:"creator"`
	CreatedAt  time.Time  `db:"created_at"`
	RevokedAt  *time.Time `db:"revoked_at"`
	LastUsedAt *time.Time `db:"last_used_at"`
}

// TenantUser is a tenant's login, bound to one account. A disabled one
// cannot sign in.
type TenantUser struct {
	ID          int64      `db:"id"`
	AccountID   int64      `db:"account_id"`
	Phone       string     `db:"phone"`
	Disabled    bool       `db:"disabled"`
	CreatedAt   time.Time  `db:"created_at"`
	LastLoginAt *time.Time `db:"last_login_at"`
}

// MaxTenantUsers is how many tenant logins one account may have, disabled
// ones included (Account.tenantUsers lists them whole): a shop gives its
// owner and a few staff a login, and a disabled login is enabled again
// rather than replaced.
const MaxTenantUsers = 20

// ResetTenantPasswordInput sets a tenant login's password, for a tenant
// who forgot theirs. IdempotencyKey ("": none) makes it safe to retry.
type ResetTenantPasswordInput struct {
	UserID         int64
	NewPassword    string
	IdempotencyKey string
}

// Session is a signed-in operator's or tenant's session. Token is the
// secret, returned once at login.
type Session struct {
	Token     string
	Principal *Principal
	ExpiresAt time.Time
}

// SessionTTL is how long a session lasts without use (the idle timeout,
// VOLTPAY_SESSION_IDLE_TIMEOUT); each use slides it, up to the session's
// maximum age.
const SessionTTL = 2 * time.Hour

// SessionMaxAge is how long an operator's session lasts at most, however
// much it is used (VOLTPAY_SESSION_MAX_AGE): a stolen session ends with the
// shift. TenantSessionMaxAge is the same for tenants, who sign in on their
// own phones (VOLTPAY_TENANT_SESSION_MAX_AGE).
const (
	SessionMaxAge       = 12 * time.Hour
	TenantSessionMaxAge = 7 * 24 * time.Hour
)

// OperatorFilter selects operators: all of them, a page at a time (rows
// are never deleted, so the list only grows).
type OperatorFilter struct {
	Page PageArgs
}

// APIKeyFilter selects API keys: all of them, revoked ones included, a page
// at a time.
type APIKeyFilter struct {
	Page PageArgs
}

// AuthService signs people and programs in and manages their credentials.
// Errors: UNAUTHENTICATED, FORBIDDEN, INVALID_INPUT, CONFLICT, NOT_FOUND.
type AuthService interface {
	// Login checks an operator's (or, with tenant, a tenant's) password and opens a session.
	Login(ctx context.Context, username, password string, tenant bool, ip string) (*Session, error)
	Logout(ctx context.Context, token string) error
	// Authenticate resolves a session token or API key secret to its principal.
	Authenticate(ctx context.Context, token string) (*Principal, error)

	// FindOperators lists operators, oldest first, disabled ones included.
	FindOperators(ctx context.Context, f OperatorFilter) (*Page[*Operator], error)
	FindOperatorByID(ctx context.Context, id int64) (*Operator, error)
	CreateOperator(ctx context.Context, in OperatorInput) (*Operator, error)
	UpdateOperator(ctx context.Context, id int64, in OperatorInput) (*Operator, error)
	// EnsureAdmin creates operator "admin" with password when no operator exists
	// and reports whether it did.
	EnsureAdmin(ctx context.Context, password string) (bool, error)

	CreateAPIKey(ctx context.Context, name string, scopes []Permission) (*APIKey, string, error)
	RevokeAPIKey(ctx context.Context, id int64) (*APIKey, error)
	// FindAPIKeys lists API keys, oldest first, revoked ones included.
	FindAPIKeys(ctx context.Context, f APIKeyFilter) (*Page[*APIKey], error)

	CreateTenantUser(ctx context.Context, accountID int64, phone, password string) (*TenantUser, error)
	// FindTenantUsersByAccountIDs returns the tenant logins of each account,
	// oldest first, in one query; accounts without any have no key.
	FindTenantUsersByAccountIDs(ctx context.Context, accountIDs []int64) (map[int64][]*TenantUser, error)
	// ResetTenantPassword sets a tenant login's password and ends its
	// sessions.
	ResetTenantPassword(ctx context.Context, in ResetTenantPasswordInput) (*TenantUser, error)
	// SetTenantUserDisabled disables a tenant login, ending its sessions,
	// or enables it again.
	SetTenantUserDisabled(ctx context.Context, id int64, disabled bool) (*TenantUser, error)
	// ChangePassword changes the calling operator's or tenant's own
	// password, checking their current one, and ends their other sessions
	// (all but the session of token).
	ChangePassword(ctx context.Context, token, current, next string) error
}
