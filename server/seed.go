package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/voltpay/voltpay/server/demo"
	"github.com/voltpay/voltpay/server/postgres"
)

// seedDemo seeds the demonstration site when the database has none.
func seedDemo(ctx context.Context, db *postgres.DB, adminPassword string, log *slog.Logger) error {
	svc := demo.Services{Sites: postgres.NewSiteService(db), Meters: postgres.NewMeterService(db),
		Tariffs: postgres.NewTariffService(db), Accounts: postgres.NewAccountService(db), Auth: postgres.NewAuthService(db)}
	seeded, err := demo.Seed(ctx, svc, demo.DefaultSize, log)
	if err != nil {
		return err
	}
	if seeded {
		admin := "the password printed above"
		if adminPassword != "" {
			admin = adminPassword
		}
		fmt.Printf("\n  Demo site seeded. Sign in as:\n    admin / %s\n    manager, cashier, finance, viewer / %s\n"+
			"    tenant (login with tenant: true) %s / %s\n\n", admin, demo.Password, demo.TenantPhone, demo.Password)
	}
	return nil
}
