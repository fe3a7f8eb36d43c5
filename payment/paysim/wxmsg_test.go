package paysim

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestKeywordValueOK: the keyword types as WeChat's table gives them.
func TestKeywordValueOK(t *testing.T) {
	for _, c := range []struct {
		kind, v string
		ok      bool
	}{
		{"thing", "余额不足，请及时充值", true},
		{"thing", "一二三四五六七八九十一二三四五六七八九十", true},
		{"thing", "一二三四五六七八九十一二三四五六七八九十一", false},
		{"thing", "", false},
		{"amount", "12.30元", true},
		{"amount", "¥1200", true},
		{"amount", "十二元", false},
		{"amount", "12.345", false},
		{"time", "2026-12-08 09:30", true},
		{"time", "2026年12月8日 09:30", true},
		{"time", "09:30", true},
		{"time", "明天", false},
		{"date", "2026年12月8日", true},
		{"phrase", "已断电", true},
		{"phrase", "已经断电了吗", false},
		{"phrase", "off", false},
		{"number", "12.5", true},
		{"number", "1e3", false},
		{"character_string", "VP-0101", true},
		{"character_string", "有中文", false},
		{"unknown", "x", false},
	} {
		if got := KeywordValueOK(c.kind, c.v); got != c.ok {
			t.Errorf("%s %q: %v, want %v", c.kind, c.v, got, c.ok)
		}
	}
}

// FuzzWechatMessageSend: whatever body a send carries, the fake answers
// WeChat's JSON with an errcode and delivers only what it accepted.
func FuzzWechatMessageSend(f *testing.F) {
	good, _ := json.Marshal(map[string]any{"touser": "o1", "template_id": "VP_POWER", "data": map[string]any{
		"thing1": map[string]string{"value": "A-0101"}, "phrase2": map[string]string{"value": "已断电"},
		"thing3": map[string]string{"value": "欠费"}, "time4": map[string]string{"value": "09:30"}}})
	for _, s := range [][]byte{good, []byte(`{}`), []byte(`{"data":{"thing1":{"value":5}}}`), []byte(`[`), nil} {
		f.Add(s)
	}
	fake := NewWechatMessages("wx", "secret")
	h := fake.Handler()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/cgi-bin/token?grant_type=client_credential&appid=wx&secret=secret", nil))
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &tok); err != nil || tok.AccessToken == "" {
		f.Fatalf("token: %s", rec.Body)
	}
	fake.Grant("o1", "VP_POWER", 1<<30)
	f.Fuzz(func(t *testing.T, body []byte) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/cgi-bin/message/subscribe/send?access_token="+tok.AccessToken, bytes.NewReader(body)))
		var res struct {
			ErrCode *int  `json:"errcode"`
			MsgID   int64 `json:"msgid"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil || res.ErrCode == nil {
			t.Fatalf("%q: answer %q", body, rec.Body)
		}
		if (*res.ErrCode == 0) != (res.MsgID != 0) {
			t.Fatalf("%q: errcode %d with msgid %d", body, *res.ErrCode, res.MsgID)
		}
	})
}
