package voltpay

import (
	"context"
	"time"
)

// A tenant person (a tenant_users row) signs in to the tenant app by phone
// and password (a login an operator made), by a one-time SMS code, or from
// the WeChat mini-program, and is bound to any number of accounts; an
// account may be bound to several people (the shop's owner, a bookkeeper).
// A tenant's session has a current account, one of their bound accounts:
// Principal.AccountID, which everything a tenant reads and pays is confined
// to. switchAccount changes it; a binding that ends (unbound by the tenant,
// revoked by an operator) stops counting at the next request of every
// session of the person, websockets included.

// Ways a binding was made: TenantBinding.Via.
const (
	// BindViaOperator: an operator gave the person a login for the account
	// (createTenantUser), or the login predates bindings.
	BindViaOperator = "operator"
	// BindViaCode: the person typed the binding code of the account's
	// opening receipt.
	BindViaCode = "binding_code"
	// BindViaSMS: the person typed a code texted to the account's phone.
	BindViaSMS = "sms"
)

// TenantBinding is a person's right to see and recharge one account.
type TenantBinding struct {
	ID           int64     `db:"id"`
	TenantUserID int64     `db:"tenant_user_id"`
	AccountID    int64     `db:"account_id"`
	Via          string    `db:"via"`
	CreatedAt    time.Time `db:"created_at"`
	// Phone is the person's phone, nil for a WeChat-only person.
	Phone *string `db:"phone"`
	// Wechat reports whether the person signs in from the mini-program.
	Wechat bool `db:"wechat"`
}

// Limits of bindings: how many accounts one person may be bound to, and how
// many people one account (so Account.bindings lists them whole).
const (
	MaxAccountsPerPerson  = 20
	MaxBindingsPerAccount = 50
)

// SMS sign-in and binding codes: 6 digits, valid SMSCodeTTL, at most
// SMSCodeAttempts wrong guesses each.
const (
	SMSCodeDigits   = 6
	SMSCodeTTL      = 5 * time.Minute
	SMSCodeAttempts = 5
)

// The texts of the codes (code, minutes; code, account number, minutes).
// Mainland SMS providers send only approved templates, so these are what
// the templates must say ({1}, {2}, {3} for the values; README, SMS); the
// provider adds the signature (【…】).
const (
	SignInCodeText  = "您的验证码是%s，%d分钟内有效，请勿泄露。"
	BindingCodeText = "您的验证码是%s，用于绑定户号%s，%d分钟内有效，如非本人操作请忽略。"
)

// BindingCodeLen is the length of an account's binding code (绑定码),
// printed on its opening receipt: 8 characters of
// "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".
const BindingCodeLen = 8

// BindCheck proves that a tenant may bind an account: exactly one of the
// binding code of its opening receipt or an SMS code sent to its phone
// (requestBindingCode).
type BindCheck struct {
	BindingCode string
	SMSCode     string
}

// WechatLogin exchanges the code of wx.login in the mini-program for the
// person's openid (jscode2session). Errors: UNAUTHENTICATED (a bad, used
// or expired code), UNAVAILABLE (WeChat not configured or not answering).
type WechatLogin interface {
	OpenID(ctx context.Context, code string) (string, error)
}

// TenantService is the tenant app's own side of sign-in and accounts.
// Errors: UNAUTHENTICATED, FORBIDDEN, INVALID_INPUT, CONFLICT, NOT_FOUND,
// UNAVAILABLE.
type TenantService interface {
	// RequestSignInCode texts a sign-in code to phone (any mobile number:
	// whether a person has it is not revealed), throttled per phone and
	// per client address.
	RequestSignInCode(ctx context.Context, phone, ip string) error
	// SignInWithCode checks a code from RequestSignInCode and opens a
	// tenant session, making the person (unbound) if the phone is new.
	SignInWithCode(ctx context.Context, phone, code, ip string) (*Session, error)
	// SignInWithWechat opens a tenant session for the person of openid,
	// making them (unbound) if new.
	SignInWithWechat(ctx context.Context, openid, ip string) (*Session, error)
	// KioskSignIn opens a short kiosk session (KioskSessionMaxAge) on the
	// one account found by shop (shop or account number) and check (the
	// last 4 digits of its contact phone or its binding code), for a kiosk
	// that sent the site's kiosk key as device.
	KioskSignIn(ctx context.Context, in KioskSignInInput) (*Session, error)

	// TenantAccounts lists the calling tenant's bound accounts, oldest
	// binding first (at most MaxAccountsPerPerson).
	TenantAccounts(ctx context.Context) ([]*Account, error)
	// SwitchAccount makes one of the caller's bound accounts the current
	// account of the session of token, and returns the principal as it
	// now is.
	SwitchAccount(ctx context.Context, token string, accountID int64) (*Principal, error)
	// RequestBindingCode texts a binding code to the contact phone of the
	// account numbered accountNo, for the calling tenant.
	RequestBindingCode(ctx context.Context, accountNo string) error
	// BindAccount binds the caller to the account numbered accountNo,
	// checking check, and makes it the current account of the session of
	// token.
	BindAccount(ctx context.Context, token, accountNo string, check BindCheck) (*Account, error)
	// UnbindAccount ends the caller's binding to accountID.
	UnbindAccount(ctx context.Context, accountID int64) error

	// FindBindingsByAccountIDs returns the bindings of each account, oldest
	// first (at most MaxBindingsPerAccount each).
	FindBindingsByAccountIDs(ctx context.Context, accountIDs []int64) (map[int64][]*TenantBinding, error)
	// RevokeBinding ends a binding (an operator's doing): the person's
	// sessions lose the account at once.
	RevokeBinding(ctx context.Context, id int64) (*TenantBinding, error)
	// BindingCodes returns the binding code of each account.
	BindingCodes(ctx context.Context, accountIDs []int64) (map[int64]string, error)
}

// NormalizeMobile is NormalizePhone for numbers that receive texts: a
// landline is refused with INVALID_INPUT naming field.
func NormalizeMobile(field, s string) (string, error) {
	p, err := NormalizePhone(field, s)
	if err != nil {
		return "", err
	}
	if !mobileRE.MatchString(p) {
		return "", Invalid(field, "phone %q is a landline, which cannot receive a text: use a mobile number (11 digits starting with 1)", s)
	}
	return p, nil
}

// The office kiosk (用户查询机): a touch screen at the property office where a
// tenant looks their account up and pays by QR code.
const (
	// KioskSessionMaxAge is how long a kiosk session lasts, however used:
	// long enough to look up and pay, short enough that a tenant who walks
	// away leaves nothing behind (the screen also signs out after 60 s
	// without a touch).
	KioskSessionMaxAge = 10 * time.Minute
	// KioskPhoneDigits is how many last digits of the contact phone the
	// kiosk's check takes.
	KioskPhoneDigits = 4
)

// KioskSignInInput is a kiosk's lookup: the kiosk's key (Device), the
// shop or account number a tenant typed, and their check.
type KioskSignInInput struct {
	Device string
	Shop   string
	Check  string
	IP     string
}
