package voltpay

import "fmt"

// Permission is one right checked by the API's @can directive. Operators get
// permissions through their role, API keys through their scopes; tenants hold
// PermReadAccounts and PermRecharge only, which the services confine to the tenant's account.
type Permission string

const (
	// PermReadAccounts reads accounts, their meters and ledger entries.
	PermReadAccounts Permission = "read_accounts"
	// PermReadSite reads sites, buildings, gateways, tariffs and operators.
	PermReadSite Permission = "read_site"
	// PermSell records sales (售电).
	PermSell Permission = "sell"
	// PermRefund records refunds (退电).
	PermRefund Permission = "refund"
	// PermReverse reverses ledger entries (冲正).
	PermReverse Permission = "reverse"
	// PermManageAccounts opens, closes and edits accounts, attaches and replaces meters.
	PermManageAccounts Permission = "manage_accounts"
	// PermManageMeters edits sites, buildings, gateways and meters.
	PermManageMeters Permission = "manage_meters"
	// PermManageTariffs edits tariffs.
	PermManageTariffs Permission = "manage_tariffs"
	// PermControl sends remote controls to meters (trip, close, guarantee).
	PermControl Permission = "control"
	// PermReadAudit reads the audit log.
	PermReadAudit Permission = "read_audit"
	// PermManageOperators manages operators and API keys.
	PermManageOperators Permission = "manage_operators"
	// PermRecharge opens self-service recharge orders (WeChat Pay, Alipay)
	// and reads them; tenants hold it for their own account.
	PermRecharge Permission = "recharge"
)

// AllPermissions lists every permission an operator role or API key scope can hold.
var AllPermissions = []Permission{
	PermReadAccounts, PermReadSite, PermSell, PermRefund, PermReverse,
	PermManageAccounts, PermManageMeters, PermManageTariffs, PermControl,
	PermReadAudit, PermManageOperators, PermRecharge,
}

// Role is an operator's job in the property office.
type Role string

const (
	RoleAdmin   Role = "admin"   // everything, including operators and API keys
	RoleManager Role = "manager" // runs the site: accounts, meters, tariffs, control, audit
	RoleCashier Role = "cashier" // the sales desk: open/close accounts, sell, refund
	RoleFinance Role = "finance" // money checks: reversals, audit
	RoleViewer  Role = "viewer"  // reads only
)

// Roles lists the roles in order of decreasing power.
var Roles = []Role{RoleAdmin, RoleManager, RoleCashier, RoleFinance, RoleViewer}

var rolePermissions = map[Role][]Permission{
	RoleAdmin: AllPermissions,
	RoleManager: {PermReadAccounts, PermReadSite, PermSell, PermRefund, PermReverse,
		PermManageAccounts, PermManageMeters, PermManageTariffs, PermControl, PermReadAudit, PermRecharge},
	RoleCashier: {PermReadAccounts, PermReadSite, PermSell, PermRefund, PermManageAccounts, PermRecharge},
	RoleFinance: {PermReadAccounts, PermReadSite, PermReverse, PermReadAudit, PermRecharge},
	RoleViewer:  {PermReadAccounts, PermReadSite},
}

// Can reports whether role r holds permission p.
func (r Role) Can(p Permission) bool {
	for _, q := range rolePermissions[r] {
		if q == p {
			return true
		}
	}
	return false
}

// Permissions returns the permissions of role r.
func (r Role) Permissions() []Permission { return rolePermissions[r] }

// Validate returns INVALID_INPUT unless r is a known role.
func (r Role) Validate() error {
	if _, ok := rolePermissions[r]; !ok {
		return Invalid("role", "unknown role %q; use one of %v", string(r), Roles)
	}
	return nil
}

// ValidateScopes returns INVALID_INPUT unless every scope is a known permission.
func ValidateScopes(scopes []Permission) error {
	if len(scopes) == 0 {
		return Invalid("scopes", "an API key needs at least one scope, e.g. read_accounts")
	}
	for _, s := range scopes {
		known := false
		for _, p := range AllPermissions {
			known = known || p == s
		}
		if !known {
			return Invalid("scopes", "unknown scope %q; use permissions such as %v", string(s), AllPermissions[:3])
		}
	}
	return nil
}

// String implements fmt.Stringer.
func (r Role) String() string { return string(r) }

var _ fmt.Stringer = Role("")
