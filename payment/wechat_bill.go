package payment

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/wechatpay-apiv3/wechatpay-go/core"
	"github.com/wechatpay-apiv3/wechatpay-go/core/auth/validators"
	"github.com/wechatpay-apiv3/wechatpay-go/core/consts"
)

// maxBillBytes bounds a downloaded bill: a day of a site's recharges is
// a few hundred kilobytes at most.
const maxBillBytes = 64 << 20

type wechatBillRef struct {
	HashType    string `json:"hash_type"`
	HashValue   string `json:"hash_value"`
	DownloadURL string `json:"download_url"`
}

// Statement fetches the trade bill (bill_type ALL) of one Beijing day:
// paid trades and refunds. A day with no trades is an empty statement.
// WeChat publishes a day's bill from about 10:00 the next day.
func (g *WechatGateway) Statement(ctx context.Context, day time.Time) ([]StatementLine, error) {
	date := day.In(Shanghai).Format(time.DateOnly)
	q := url.Values{"bill_date": {date}, "bill_type": {"ALL"}}
	res, err := g.client.Get(ctx, consts.WechatPayAPIServer+"/v3/bill/tradebill?"+q.Encode())
	if err != nil {
		var ae *core.APIError
		if errors.As(err, &ae) && ae.Code == "NO_STATEMENT_EXIST" {
			return nil, nil
		}
		return nil, wxAPIError("trade bill "+date, err)
	}
	var ref wechatBillRef
	err = core.UnMarshalResponse(res.Response, &ref)
	if err != nil || ref.DownloadURL == "" {
		return nil, fmt.Errorf("wechat pay trade bill %s: no download_url in the answer", date)
	}
	if !strings.EqualFold(ref.HashType, "SHA1") {
		return nil, fmt.Errorf("wechat pay trade bill %s: hash type %q not supported", date, ref.HashType)
	}

	// The download is signed by us like any call, but WeChat does not sign
	// the file; its integrity is the SHA1 from the signed answer above.
	dl := core.NewClientWithValidator(g.client, &validators.NullValidator{})
	file, err := dl.Get(ctx, ref.DownloadURL)
	if err != nil {
		return nil, wxAPIError("trade bill download "+date, err)
	}
	defer file.Response.Body.Close()
	data, err := io.ReadAll(io.LimitReader(file.Response.Body, maxBillBytes+1))
	if err != nil {
		return nil, fmt.Errorf("wechat pay trade bill %s: reading the download: %w", date, err)
	}
	if len(data) > maxBillBytes {
		return nil, fmt.Errorf("wechat pay trade bill %s: larger than %d bytes", date, maxBillBytes)
	}
	sum := sha1.Sum(data)
	if !strings.EqualFold(hex.EncodeToString(sum[:]), ref.HashValue) {
		return nil, fmt.Errorf("wechat pay trade bill %s: SHA1 of the download does not match hash_value: retry later", date)
	}
	lines, err := parseWechatBill(data)
	if err != nil {
		return nil, fmt.Errorf("wechat pay trade bill %s: %w", date, err)
	}
	return lines, nil
}
