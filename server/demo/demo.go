// Package demo seeds a database with a demonstration site: buildings,
// gateways, tariffs, a few hundred meters and tenants with opening sales,
// one operator per role and one tenant login (TenantPhone). `make run` uses
// it so that a newcomer sees a living system at once. It talks only to the service interfaces.
package demo

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/voltpay/voltpay"
)

// Services are what seeding needs.
type Services struct {
	Sites    voltpay.SiteService
	Meters   voltpay.MeterService
	Tariffs  voltpay.TariffService
	Accounts voltpay.AccountService
	Auth     voltpay.AuthService
}

// Password is the password of the demo operators (cashier, manager, …)
// and of the demo tenant (TenantPhone).
const Password = "voltpay-demo"

// Size says how much to seed.
type Size struct {
	Gateways        int // each with MetersPerGateway meters
	MetersPerGw     int
	DirectMeters    int // 4G meters without a gateway
	AccountsPerGw   int // accounts opened per gateway; the rest stay unassigned
	GatewayBasePort int // below Linux's ephemeral range (32768–60999), so no outgoing connection holds it
	// MultiUserChannels is the channel count of one multi-user device on
	// the first Modbus gateway (0 = none; see seed_multiuser.go).
	MultiUserChannels int
}

// DefaultSize is a mall of a few hundred shops, one floor of them behind a
// 12-channel multi-user device.
var DefaultSize = Size{Gateways: 6, MetersPerGw: 50, DirectMeters: 20, AccountsPerGw: 40, GatewayBasePort: 17001,
	MultiUserChannels: 12}

// Seed fills an empty database (one without sites) and reports whether it
// did anything. It is safe to call on every start.
func Seed(ctx context.Context, s Services, size Size, log *slog.Logger) (bool, error) {
	ctx = voltpay.SystemContext(ctx, "demo-seed")
	sites, err := s.Sites.FindSites(ctx)
	if err != nil || len(sites) > 0 {
		return false, err
	}
	site, err := s.Sites.CreateSite(ctx, voltpay.SiteInput{Name: "伏特广场 Volt Plaza", Code: "VP", Timezone: "Asia/Shanghai", OfficePhone: "021-55550100"})
	if err != nil {
		return false, fmt.Errorf("site: %w", err)
	}
	mall, err := s.Sites.CreateBuilding(ctx, voltpay.BuildingInput{SiteID: site.ID, Name: "A座 商场", Floors: []string{"B1", "1F", "2F", "3F", "4F", "5F"}})
	if err != nil {
		return false, fmt.Errorf("building: %w", err)
	}
	tower, err := s.Sites.CreateBuilding(ctx, voltpay.BuildingInput{SiteID: site.ID, Name: "B座 写字楼", Floors: floors(1, 20)})
	if err != nil {
		return false, fmt.Errorf("building: %w", err)
	}
	tariffs, err := seedTariffs(ctx, s.Tariffs, site.ID)
	if err != nil {
		return false, err
	}
	if err := seedOperators(ctx, s.Auth); err != nil {
		return false, err
	}
	n := 0
	for g := 0; g < size.Gateways; g++ {
		b := mall
		if g%2 == 1 {
			b = tower
		}
		count, err := seedGateway(ctx, s, site, b, tariffs, g, size)
		if err != nil {
			return false, err
		}
		n += count
	}
	count, err := seedMultiUser(ctx, s, site, tariffs, size)
	if err != nil {
		return false, err
	}
	n += count
	for i := 0; i < size.DirectMeters; i++ {
		in := voltpay.MeterInput{SiteID: site.ID, BuildingID: &mall.ID, Floor: "1F", Room: fmt.Sprintf("K%02d", i+1),
			Address: fmt.Sprintf("9900%08d", i+1), Model: "DDSY1352-4G", Phases: 1, Protocol: voltpay.MeterProtocolDLT645,
			TariffID: &tariffs[0].ID, PrepaidMode: voltpay.PrepaidMeter}
		if _, err := s.Meters.CreateMeter(ctx, in); err != nil {
			return false, fmt.Errorf("direct meter %d: %w", i, err)
		}
	}
	tenantAccount, err := seedTenantLogin(ctx, s, site.ID)
	if err != nil {
		return false, err
	}
	log.Info("demo site seeded", "site", site.Name, "meters", n+size.DirectMeters, "operators", len(demoOperators)+1,
		"tenant_phone", TenantPhone, "tenant_account", tenantAccount)
	return true, nil
}

func floors(from, to int) []string {
	var out []string
	for f := from; f <= to; f++ {
		out = append(out, fmt.Sprintf("%dF", f))
	}
	return out
}

// demoOperators get Password; admin gets the server's admin password.
var demoOperators = []voltpay.OperatorInput{
	{Username: "manager", DisplayName: "王经理", Role: voltpay.RoleManager},
	{Username: "cashier", DisplayName: "李收银", Role: voltpay.RoleCashier},
	{Username: "finance", DisplayName: "赵财务", Role: voltpay.RoleFinance},
	{Username: "viewer", DisplayName: "访客", Role: voltpay.RoleViewer},
}

func seedOperators(ctx context.Context, auth voltpay.AuthService) error {
	for _, op := range demoOperators {
		op.Password = Password
		if _, err := auth.CreateOperator(ctx, op); err != nil {
			return fmt.Errorf("operator %s: %w", op.Username, err)
		}
	}
	return nil
}
