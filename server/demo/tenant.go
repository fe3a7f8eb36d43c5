package demo

import (
	"context"
	"fmt"

	"github.com/voltpay/voltpay"
)

// TenantPhone is the demo tenant's login: the first shop's account, signed
// in with login(username: TenantPhone, password: Password, tenant: true).
// Tenants get a login only from an operator (createTenantUser, which needs
// manage_accounts); the demo seeds this one so the tenant side can be tried
// at once.
const TenantPhone = "13810000000"

// seedTenantLogin gives the account whose phone is TenantPhone (the first
// one seedGateway opens) a tenant login and returns that account's id.
func seedTenantLogin(ctx context.Context, s Services, siteID int64) (int64, error) {
	page, err := s.Accounts.FindAccounts(ctx, voltpay.AccountFilter{SiteID: &siteID, Search: TenantPhone})
	if err != nil {
		return 0, fmt.Errorf("demo tenant: %w", err)
	}
	for _, a := range page.Items {
		if a.Phone == TenantPhone {
			if _, err := s.Auth.CreateTenantUser(ctx, a.ID, TenantPhone, Password); err != nil {
				return 0, fmt.Errorf("demo tenant login: %w", err)
			}
			return a.ID, nil
		}
	}
	return 0, fmt.Errorf("demo tenant: no account with phone %s was opened (size.AccountsPerGw is 0?)", TenantPhone)
}
