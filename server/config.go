package main

import (
	"encoding/hex"
	"errors"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/voltpay/voltpay/graph"
	"github.com/voltpay/voltpay/payment"
	"github.com/voltpay/voltpay/server/postgres"
)

// DefaultLinkAddr is where 4G meters and DTUs dial in unless
// VOLTPAY_LINK_ADDR says otherwise.
const DefaultLinkAddr = ":7700"

// defaultDatabaseURL is DATABASE_URL's default (serve, migrate, sim).
const defaultDatabaseURL = "postgres://postgres@127.0.0.1:5432/voltpay?sslmode=disable"

// config is the program's configuration. Every field is an option of
// serveOptions (a flag and an environment variable; the README lists them).
type config struct {
	DatabaseURL     string
	MigrateURL      string // the schema owner's URL: applies schema.sql, then DatabaseURL's role serves
	Addr            string
	AdminPassword   string
	SeedDemo        bool
	Poller          bool   // read the meters behind every gateway on a schedule, and send commands
	MeterPassword   uint32 // DL/T 645 password of writes and relay commands (6 digits)
	LinkAddr        string // where 4G meters and DTUs dial in (the poller's link listener)
	MeterMasterKey  []byte // derives each meter's credit MAC key (State-Grid credit layout)
	LogLevel        slog.Level
	LogFormat       string // json or text
	MaxBodyBytes    int64
	MaxDepth        int
	MaxComplexity   int
	MaxTokens       int // lexer tokens of one GraphQL document (signed-in callers)
	MaxFields       int // fields and fragment spreads of one GraphQL document (signed-in callers)
	RequestTimeout  time.Duration
	Introspection   string // who may introspect: signed-in, all or off
	MetricsAddr     string // a listen address of its own for /metrics
	MetricsToken    string // bearer token /metrics asks for on the main address
	SecureCookies   bool
	AllowedOrigins  []string
	ShutdownTimeout time.Duration
	Sessions        postgres.SessionLifetimes
	// SMSInboxAddr serves the fake SMS's inbox for the demo and browser
	// tests (loopback only, and only with SMS fake); empty: not served.
	SMSInboxAddr string
	// KioskKey is the secret the office kiosk sends with each lookup
	// (kioskSignIn); empty: the kiosk is off.
	KioskKey string
	// Payment holds the payment channels' settings by variable name; the
	// payment package reads them through PaymentEnv.
	Payment map[string]string
	// SMS is the driver texts to tenants go through (server/sms.go).
	SMS smsSettings
	// WechatMessages is the WeChat subscription messages' driver
	// (server/wechat_messages.go).
	WechatMessages wechatMessageSettings
	// Outbox is the warnings' outbox (server/outbox.go).
	Outbox outboxSettings
}

// PaymentEnv looks a payment setting up by its variable name, as
// payment.LoadWechatConfig and LoadAlipayConfig expect of os.Getenv.
func (c *config) PaymentEnv(key string) string { return c.Payment[key] }

// loadConfig reads `voltpay serve`'s settings from args and the environment.
func loadConfig(args []string) (*config, error) {
	c := &config{}
	if err := serveOptions(c).parse(args, os.LookupEnv); err != nil {
		return nil, err
	}
	if err := c.SMS.check(); err != nil {
		return nil, err
	}
	if _, err := c.wechatMessenger(); err != nil { // refuse missing credentials at start
		return nil, err
	}
	return c, nil
}

// serveOptions declares every setting of `voltpay serve` into c.
func serveOptions(c *config) *options {
	o := &options{command: "voltpay serve"}
	addDatabaseOptions(o, c)
	o.add("addr", "VOLTPAY_ADDR", ":8080", "listen address of the API (host:port; :8080 is every interface)", text(&c.Addr))
	o.add("admin-password", "VOLTPAY_ADMIN_PASSWORD", "", "password of the first operator admin, created only when the database has no operator (empty: a random one, printed once)", text(&c.AdminPassword)).Secret = true
	o.addBool("seed-demo", "VOLTPAY_SEED_DEMO", "false", "seed the demo site when the database has no site", &c.SeedDemo)
	o.addBool("poller", "VOLTPAY_POLLER", "false", "run meterlink: read the meters on a schedule, execute the command queue, accept 4G meters", &c.Poller)
	o.add("link-addr", "VOLTPAY_LINK_ADDR", DefaultLinkAddr, "where 4G meters and DTUs dial in (with the poller)", text(&c.LinkAddr))
	o.secret("VOLTPAY_METER_PASSWORD", "the meters' programming password (up to 6 digits, level 02) for writes and relay commands", meterPassword(&c.MeterPassword)).Default = "0"
	o.secret("VOLTPAY_METER_MASTER_KEY", "3DES key in hex (32 or 48 digits) deriving each meter's credit MAC key", masterKey(&c.MeterMasterKey))
	addLogOptions(o, c)
	o.add("max-body-bytes", "VOLTPAY_MAX_BODY_BYTES", "1048576", "largest request body in bytes", integer(&c.MaxBodyBytes, 1024, maxInt))
	o.add("max-depth", "VOLTPAY_MAX_DEPTH", "12", "deepest GraphQL operation", integer(&c.MaxDepth, 2, 1000))
	o.add("max-complexity", "VOLTPAY_MAX_COMPLEXITY", "250000", "most complex GraphQL operation", integer(&c.MaxComplexity, 100, 1<<31-1))
	o.add("max-tokens", "VOLTPAY_MAX_TOKENS", strconv.Itoa(graph.DefaultSignedIn.MaxTokens), "most lexer tokens of a GraphQL document (signed-in callers)", integer(&c.MaxTokens, 100, 1<<31-1))
	o.add("max-fields", "VOLTPAY_MAX_FIELDS", strconv.Itoa(graph.DefaultSignedIn.MaxSelections), "most fields and fragment spreads of a GraphQL document (signed-in callers)", integer(&c.MaxFields, 10, 1<<31-1))
	o.add("request-timeout", "VOLTPAY_REQUEST_TIMEOUT", "30s", "longest query or mutation (the HTTP write timeout is 10 s more)", duration(&c.RequestTimeout, time.Second))
	o.add("introspection", "VOLTPAY_INTROSPECTION", string(graph.IntrospectionSignedIn), "who may introspect the GraphQL schema: signed-in, all or off", oneOf(&c.Introspection,
		string(graph.IntrospectionSignedIn), string(graph.IntrospectionAll), string(graph.IntrospectionOff)))
	o.add("metrics-addr", "VOLTPAY_METRICS_ADDR", "", "serve /metrics on this address of its own (e.g. 127.0.0.1:9464)", text(&c.MetricsAddr))
	o.secret("VOLTPAY_METRICS_TOKEN", "bearer token /metrics requires on the main address", text(&c.MetricsToken))
	o.addBool("secure-cookies", "VOLTPAY_SECURE_COOKIES", "false", "mark the session cookie Secure (set it behind HTTPS)", &c.SecureCookies)
	o.add("allowed-origins", "VOLTPAY_ALLOWED_ORIGINS", "", "comma-separated host patterns allowed to open websockets from browsers (empty: same origin)", commaList(&c.AllowedOrigins))
	o.add("shutdown-timeout", "VOLTPAY_SHUTDOWN_TIMEOUT", "20s", "how long shutdown waits for requests in flight", duration(&c.ShutdownTimeout, 0))
	c.Sessions = postgres.DefaultSessionLifetimes
	o.add("session-idle-timeout", "VOLTPAY_SESSION_IDLE_TIMEOUT", durationText(c.Sessions.Idle), "a session unused this long ends", duration(&c.Sessions.Idle, time.Minute))
	o.add("session-max-age", "VOLTPAY_SESSION_MAX_AGE", durationText(c.Sessions.MaxAge), "an operator's session ends this long after login, however used", duration(&c.Sessions.MaxAge, time.Minute))
	o.add("tenant-session-max-age", "VOLTPAY_TENANT_SESSION_MAX_AGE", durationText(c.Sessions.TenantMaxAge), "a tenant's session ends this long after login, however used", duration(&c.Sessions.TenantMaxAge, time.Minute))
	o.secret("VOLTPAY_KIOSK_KEY", "the office kiosk's key: a kiosk opened once at /kiosk/?device=<key> may look tenants' accounts up (empty: the kiosk is off)", text(&c.KioskKey))
	o.add("sms-inbox-addr", "VOLTPAY_SMS_INBOX_ADDR", "", "with VOLTPAY_SMS=fake only: serve the fake's inbox (GET /sms/inbox?phone=…) on this loopback address, for the demo and browser tests", text(&c.SMSInboxAddr))
	addPaymentOptions(o, c)
	addSMSOptions(o, c)
	addWechatMessageOptions(o, c)
	addOutboxOptions(o, c)
	return o
}

// migrateOptions declares the settings of `voltpay migrate`.
func migrateOptions(c *config) *options {
	o := &options{command: "voltpay migrate"}
	addDatabaseOptions(o, c)
	addLogOptions(o, c)
	return o
}

// addDatabaseOptions declares the database URLs of serve and migrate.
func addDatabaseOptions(o *options, c *config) {
	o.add("database-url", "DATABASE_URL", defaultDatabaseURL, "PostgreSQL URL the server uses", text(&c.DatabaseURL))
	o.add("migrate-database-url", "VOLTPAY_MIGRATE_DATABASE_URL", "", "PostgreSQL URL of the schema's owner, which applies the schema and grants DATABASE_URL's role its privileges (empty: DATABASE_URL applies it)", text(&c.MigrateURL))
}

// addLogOptions declares the log settings every long-running command shares.
func addLogOptions(o *options, c *config) {
	o.add("log-format", "VOLTPAY_LOG_FORMAT", "json", "json or text", oneOf(&c.LogFormat, "json", "text"))
	o.add("log-level", "VOLTPAY_LOG_LEVEL", "info", "debug, info, warn or error", func(s string) error {
		if c.LogLevel.UnmarshalText([]byte(s)) != nil {
			return errors.New("use debug, info, warn or error")
		}
		return nil
	})
}

// paymentVariables are the payment channels' settings, read by the payment
// package (README: Payments). Secrets among them are read only from the
// environment.
var paymentVariables = []struct {
	env, help string
	secret    bool
}{
	{"VOLTPAY_WECHAT_MCHID", "WeChat Pay merchant id; empty: WeChat Pay off", false},
	{"VOLTPAY_WECHAT_APPID", "the mini-program / official account app id the trades are for", false},
	{"VOLTPAY_WECHAT_MCH_SERIAL", "the merchant API certificate's serial", false},
	{"VOLTPAY_WECHAT_MCH_KEY_FILE", "the merchant API private key (PKCS#8 PEM file)", false},
	{"VOLTPAY_WECHAT_APIV3_KEY", "the 32-byte APIv3 key (or VOLTPAY_WECHAT_APIV3_KEY_FILE)", true},
	{"VOLTPAY_WECHAT_APIV3_KEY_FILE", "a file holding the APIv3 key", false},
	{"VOLTPAY_WECHAT_PUBKEY_ID", "public-key mode: WeChat Pay's public key id (PUB_KEY_ID_…)", false},
	{"VOLTPAY_WECHAT_PUBKEY_FILE", "public-key mode: WeChat Pay's public key (PEM file)", false},
	{"VOLTPAY_WECHAT_PLATFORM_CERT_FILES", "certificate mode: platform certificates (comma-separated PEM files)", false},
	{"VOLTPAY_WECHAT_NOTIFY_URL", "https://…/pay/notify/wechat", false},
	{"VOLTPAY_WECHAT_BASE_URL", "WeChat Pay's API host, only set for the offline fake", false},
	{"VOLTPAY_WECHAT_APP_SECRET", "the mini-program's app secret, for tenants' sign-in from it (jscode2session); empty: that sign-in off", true},
	{"VOLTPAY_WECHAT_API_URL", "WeChat's API host for the mini-program sign-in, only set for the offline fake", false},
	{payment.EnvAlipayAppID, "Alipay app id; empty: Alipay off", false},
	{payment.EnvAlipayPrivateKeyFile, "the app's RSA private key file (PEM or base64, PKCS#1/8)", false},
	{payment.EnvAlipayPublicKeyFile, "public-key mode: Alipay's public key file", false},
	{payment.EnvAlipayAppCertFile, "certificate mode: the app certificate file", false},
	{payment.EnvAlipayRootCertFile, "certificate mode: Alipay's root certificate file", false},
	{payment.EnvAlipayCertFile, "certificate mode: Alipay's public-key certificate file", false},
	{payment.EnvAlipaySellerID, "optional: notifications for another seller are not credited", false},
	{payment.EnvAlipayNotifyURL, "https://…/pay/notify/alipay", false},
	{payment.EnvAlipayReturnURL, "where H5 payers return", false},
	{payment.EnvAlipayGatewayURL, "Alipay's gateway, only set for the offline fake", false},
	{payment.EnvPayProxy, "egress proxy for both providers' APIs, socks5://user:pass@host:port", true},
}

// addPaymentOptions declares the payment channels' settings; the payment
// package checks them together when it builds a channel (a misconfigured
// channel is reported unavailable and the server runs on).
func addPaymentOptions(o *options, c *config) {
	c.Payment = map[string]string{}
	for _, p := range paymentVariables {
		set := func(s string) error {
			c.Payment[p.env] = s
			return nil
		}
		if p.secret {
			o.secret(p.env, p.help, set)
			continue
		}
		o.add(flagNameOf(p.env), p.env, "", p.help, set)
	}
}

// flagNameOf derives a flag from a variable: VOLTPAY_WECHAT_MCHID is
// -wechat-mchid.
func flagNameOf(env string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimPrefix(env, "VOLTPAY_")), "_", "-")
}

// meterPassword accepts the meters' programming password, up to 6 digits.
func meterPassword(p *uint32) func(string) error {
	return func(s string) error {
		n, err := strconv.ParseUint(s, 10, 32)
		if err != nil || n > 999999 {
			return errors.New("the meters' programming password, up to 6 digits")
		}
		*p = uint32(n)
		return nil
	}
}

// masterKey accepts a 3DES key in hex, or nothing (no credit pushes).
func masterKey(p *[]byte) func(string) error {
	return func(s string) error {
		if s == "" {
			*p = nil
			return nil
		}
		key, err := hex.DecodeString(s)
		if err != nil || (len(key) != 16 && len(key) != 24) {
			return errors.New("a 3DES key of 16 or 24 bytes in hex (32 or 48 hex digits)")
		}
		*p = key
		return nil
	}
}
