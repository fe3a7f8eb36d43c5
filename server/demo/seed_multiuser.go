package demo

import (
	"context"
	"fmt"
	"strconv"

	"github.com/voltpay/voltpay"
)

// seedMultiUser puts a multi-user metering device (多用户计量装置) of
// size.MultiUserChannels channels on the site's first Modbus gateway, at
// the unit id after that bus's meters: one Acrel ADF400L for a floor of
// kiosks, each channel a meter of its own (the first half with accounts).
// It returns how many meters it created; none without a Modbus gateway.
func seedMultiUser(ctx context.Context, s Services, site *voltpay.Site, tariffs []*voltpay.Tariff, size Size) (int, error) {
	if size.MultiUserChannels == 0 {
		return 0, nil
	}
	page, err := s.Sites.FindGateways(ctx, voltpay.GatewayFilter{SiteID: &site.ID})
	if err != nil {
		return 0, fmt.Errorf("multi-user device: %w", err)
	}
	var gw *voltpay.Gateway
	for _, g := range page.Items {
		if voltpay.MeterProtocolFor(g.Protocol) == voltpay.MeterProtocolModbus {
			gw = g
			break
		}
	}
	if gw == nil {
		return 0, nil
	}
	unit := strconv.Itoa(size.MetersPerGw + 1)
	for ch := 1; ch <= size.MultiUserChannels; ch++ {
		room := fmt.Sprintf("K3-%02d", ch)
		m, err := s.Meters.CreateMeter(ctx, voltpay.MeterInput{SiteID: site.ID, BuildingID: gw.BuildingID, Floor: "3F",
			Room: room, Address: unit, Channel: ch, Model: "ADF400L", Phases: 1, Protocol: voltpay.MeterProtocolModbus,
			GatewayID: &gw.ID, CTRatio: 1, TariffID: &tariffs[ch%len(tariffs)].ID, PrepaidMode: voltpay.PrepaidPlatform})
		if err != nil {
			return 0, fmt.Errorf("multi-user device channel %d: %w", ch, err)
		}
		if ch > size.MultiUserChannels/2 {
			continue
		}
		_, _, err = s.Accounts.OpenAccount(ctx, voltpay.OpenAccountInput{
			Account: voltpay.AccountInput{SiteID: site.ID, TenantName: fmt.Sprintf("%s(%s)", shopNames[(ch+7)%len(shopNames)], room),
				ShopNo: room, Phone: fmt.Sprintf("137%08d", 10000000+ch)},
			MeterIDs:  []int64{m.ID},
			FirstSale: &voltpay.SaleInput{AmountFen: voltpay.Fen(3000 + ch*500), Channel: voltpay.ChannelCash, IdempotencyKey: fmt.Sprintf("demo-open-mu-%02d", ch)},
		})
		if err != nil {
			return 0, fmt.Errorf("account for channel %d: %w", ch, err)
		}
	}
	return size.MultiUserChannels, nil
}
