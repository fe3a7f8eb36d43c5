package sitegw

import (
	"crypto/tls"
	"net/netip"
	"strings"
	"testing"
)

func TestConfig_Validate(t *testing.T) {
	conv := netip.MustParseAddrPort("127.0.0.1:502")
	users := map[string]string{"u": "p"}
	for _, tc := range []struct {
		name string
		cfg  Config
		want string // "" for valid
	}{
		{"OK", Config{Allow: []netip.AddrPort{conv}, Users: users}, ""},
		{"ErrEmptyAllowlist", Config{Users: users}, "allowlist is empty"},
		{"ErrNoCredentials", Config{Allow: []netip.AddrPort{conv}}, "no credentials"},
		{"ErrEmptyPassword", Config{Allow: []netip.AddrPort{conv}, Users: map[string]string{"u": ""}}, `password of user "u"`},
		{"ErrEmptyUser", Config{Allow: []netip.AddrPort{conv}, Users: map[string]string{"": "p"}}, "user name"},
		{"ErrPortZero", Config{Allow: []netip.AddrPort{netip.MustParseAddrPort("127.0.0.1:0")}, Users: users}, "port 0"},
		{"ErrUnspecified", Config{Allow: []netip.AddrPort{netip.MustParseAddrPort("0.0.0.0:502")}, Users: users}, "unspecified"},
		{"ErrHalfTLS", Config{Allow: []netip.AddrPort{conv}, Users: users, TLSCertFile: "c.pem"}, "both a certificate file and a key file"},
		{"ErrNegative", Config{Allow: []netip.AddrPort{conv}, Users: users, IdleTimeout: -1}, "negative"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.cfg.Validate()
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("got %v, want nil", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("got %v, want an error with %q", err, tc.want)
			}
		})
	}
	t.Run("ErrBothAtOnce", func(t *testing.T) {
		err := (&Config{}).Validate()
		if err == nil || !strings.Contains(err.Error(), "allowlist") || !strings.Contains(err.Error(), "credentials") {
			t.Fatalf("got %v, want both problems", err)
		}
	})
	t.Run("ErrMissingTLSFiles", func(t *testing.T) {
		_, err := New(Config{Allow: []netip.AddrPort{conv}, Users: users, TLSCertFile: "/nonexistent/c.pem", TLSKeyFile: "/nonexistent/k.pem"})
		if err == nil || !strings.Contains(err.Error(), "TLS key pair") {
			t.Fatalf("got %v, want a TLS key pair error", err)
		}
	})
}

func TestParseAllow(t *testing.T) {
	got, err := ParseAllow(" 127.0.0.1:502, [::1]:4001 ,")
	want := []netip.AddrPort{netip.MustParseAddrPort("127.0.0.1:502"), netip.MustParseAddrPort("[::1]:4001")}
	if err != nil || len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("got %v, %v; want %v", got, err, want)
	}
	for in, wantErr := range map[string]string{
		"converter.lan:502": "hostnames are not allowed",
		"127.0.0.1":         "want ip:port",
		"127.0.0.1:99999":   "127.0.0.1:99999",
	} {
		if _, err := ParseAllow(in); err == nil || !strings.Contains(err.Error(), wantErr) {
			t.Errorf("ParseAllow(%q): got %v, want an error with %q", in, err, wantErr)
		}
	}
	if got, err := ParseAllow(""); err != nil || len(got) != 0 {
		t.Errorf("ParseAllow(\"\"): got %v, %v; want empty (Validate refuses it)", got, err)
	}
}

func TestDialer_Errors(t *testing.T) {
	for _, tc := range []struct {
		name, url string
		tls       *tls.Config
		want      string
	}{
		{"ErrScheme", "http://u:p@127.0.0.1:1080", nil, `unsupported scheme "http"`},
		{"ErrSocks4", "socks4://u:p@127.0.0.1:1080", nil, "use socks5:// or socks5+tls://"},
		{"ErrNoCredentials", "socks5://127.0.0.1:1080", nil, "missing credentials"},
		{"ErrNoPassword", "socks5://u@127.0.0.1:1080", nil, "missing credentials"},
		{"ErrNoPort", "socks5://u:p@127.0.0.1", nil, "needs host:port"},
		{"ErrTLSConfigPlainScheme", "socks5://u:p@127.0.0.1:1080", &tls.Config{}, "use socks5+tls://"},
		{"ErrBadURL", "socks5://u:p@127.0.0.1:port", nil, "proxy URL"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Dialer(tc.url, tc.tls, 0)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error with %q", err, tc.want)
			}
		})
	}
}
