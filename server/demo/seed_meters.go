package demo

import (
	"context"
	"fmt"

	"github.com/voltpay/voltpay"
)

func seedTariffs(ctx context.Context, ts voltpay.TariffService, siteID int64) ([]*voltpay.Tariff, error) {
	tier1 := voltpay.Wh(200_000)
	inputs := []voltpay.TariffInput{
		{SiteID: siteID, Name: "商业平价电价", Kind: voltpay.TariffFlat, Prices: map[string]voltpay.Price{voltpay.RateFlat: 8523}},
		{SiteID: siteID, Name: "商业峰谷电价", Kind: voltpay.TariffTOU,
			Prices: map[string]voltpay.Price{voltpay.RateSharp: 13580, voltpay.RatePeak: 11320, voltpay.RateFlat: 8523, voltpay.RateValley: 3890},
			Periods: []voltpay.TariffPeriod{
				{StartMinute: 0, Rate: voltpay.RateValley}, {StartMinute: 8 * 60, Rate: voltpay.RateFlat},
				{StartMinute: 10 * 60, Rate: voltpay.RatePeak}, {StartMinute: 11 * 60, Rate: voltpay.RateSharp},
				{StartMinute: 13 * 60, Rate: voltpay.RatePeak}, {StartMinute: 19 * 60, Rate: voltpay.RateSharp},
				{StartMinute: 21 * 60, Rate: voltpay.RateFlat}, {StartMinute: 23 * 60, Rate: voltpay.RateValley},
			}},
		{SiteID: siteID, Name: "办公阶梯电价", Kind: voltpay.TariffTiered, BillingPeriod: voltpay.PeriodMonth,
			Tiers: []voltpay.TariffTier{{UpToWh: &tier1, Price: 8523}, {Price: 9523}}},
	}
	var out []*voltpay.Tariff
	for _, in := range inputs {
		t, err := ts.CreateTariff(ctx, in)
		if err != nil {
			return nil, fmt.Errorf("tariff %s: %w", in.Name, err)
		}
		out = append(out, t)
	}
	return out, nil
}

var shopNames = []string{"张记面馆", "好又多超市", "星光咖啡", "小米之家", "老王烧烤", "丽人美发", "文华书店", "优衣服饰",
	"鲜果时光", "蜜雪冰城", "华为体验店", "周大福珠宝", "海底捞火锅", "屈臣氏", "名创优品", "安踏体育", "喜茶",
	"绿叶药房", "阳光眼镜", "快乐儿童乐园"}

// seedGateway creates gateway g with its meters and opens accounts for
// the first AccountsPerGw of them, each with an opening sale.
func seedGateway(ctx context.Context, s Services, site *voltpay.Site, b *voltpay.Building, tariffs []*voltpay.Tariff, g int, size Size) (int, error) {
	proto, meterProto, model := voltpay.ProtocolDLT645, voltpay.MeterProtocolDLT645, "DDSY1352"
	if g%3 == 2 {
		proto, meterProto, model = voltpay.ProtocolModbusRTU, voltpay.MeterProtocolModbus, "DTSY1352"
	}
	gw, err := s.Sites.CreateGateway(ctx, voltpay.GatewayInput{SiteID: site.ID, BuildingID: &b.ID,
		Name: fmt.Sprintf("%s 通讯管理机 %d", b.Name, g+1), Endpoint: fmt.Sprintf("127.0.0.1:%d", size.GatewayBasePort+g),
		Protocol: proto})
	if err != nil {
		return 0, fmt.Errorf("gateway %d: %w", g, err)
	}
	for i := 0; i < size.MetersPerGw; i++ {
		floor := b.Floors[i%len(b.Floors)]
		addr := fmt.Sprintf("%02d%010d", g+1, i+1)
		phases := 1
		if meterProto == voltpay.MeterProtocolModbus {
			addr, phases = fmt.Sprint(i+1), 3
		}
		m, err := s.Meters.CreateMeter(ctx, voltpay.MeterInput{SiteID: site.ID, BuildingID: &b.ID, Floor: floor,
			Room: fmt.Sprintf("%s-%02d", floor, i/len(b.Floors)+1), Address: addr, Model: model, Phases: phases,
			Protocol: meterProto, GatewayID: &gw.ID, CTRatio: 1, TariffID: &tariffs[i%len(tariffs)].ID,
			PrepaidMode: voltpay.PrepaidPlatform})
		if err != nil {
			return 0, fmt.Errorf("meter %s: %w", addr, err)
		}
		if i >= size.AccountsPerGw {
			continue
		}
		k := g*size.AccountsPerGw + i
		_, _, err = s.Accounts.OpenAccount(ctx, voltpay.OpenAccountInput{
			Account: voltpay.AccountInput{SiteID: site.ID, TenantName: fmt.Sprintf("%s(%s)", shopNames[k%len(shopNames)], m.Room),
				ShopNo: m.Room, Phone: fmt.Sprintf("138%08d", 10000000+k)},
			MeterIDs:  []int64{m.ID},
			FirstSale: &voltpay.SaleInput{AmountFen: voltpay.Fen(5000 + (k%20)*2500), Channel: voltpay.ChannelCash, IdempotencyKey: fmt.Sprintf("demo-open-%06d", k)},
		})
		if err != nil {
			return 0, fmt.Errorf("account for meter %s: %w", addr, err)
		}
	}
	return size.MetersPerGw, nil
}
