package main

import (
	"encoding/hex"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/voltpay/voltpay/graph"
	"github.com/voltpay/voltpay/server/postgres"
)

// DefaultLinkAddr is where 4G meters and DTUs dial in unless
// VOLTPAY_LINK_ADDR says otherwise.
const DefaultLinkAddr = ":7700"

// config is the program's configuration. Every field has an environment
// variable (the README lists them) and a flag that overrides it.
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
}

// loadConfig reads the environment, then flags; it says which setting is
// wrong and what it accepts.
func loadConfig(args []string) (*config, error) {
	c := &config{}
	fs := flag.NewFlagSet("voltpay", flag.ContinueOnError)
	fs.StringVar(&c.DatabaseURL, "database-url", env("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/voltpay?sslmode=disable"), "PostgreSQL URL (DATABASE_URL)")
	fs.StringVar(&c.MigrateURL, "migrate-database-url", env("VOLTPAY_MIGRATE_DATABASE_URL", ""), "PostgreSQL URL of the schema's owner, which applies the schema and grants DATABASE_URL's role its privileges (VOLTPAY_MIGRATE_DATABASE_URL; empty: DATABASE_URL applies it)")
	fs.StringVar(&c.Addr, "addr", env("VOLTPAY_ADDR", ":8080"), "listen address (VOLTPAY_ADDR)")
	fs.StringVar(&c.AdminPassword, "admin-password", env("VOLTPAY_ADMIN_PASSWORD", ""), "password of the first admin when there is no operator yet (VOLTPAY_ADMIN_PASSWORD)")
	fs.StringVar(&c.LogFormat, "log-format", env("VOLTPAY_LOG_FORMAT", "json"), "json or text (VOLTPAY_LOG_FORMAT)")
	fs.StringVar(new(string), "log-level", env("VOLTPAY_LOG_LEVEL", "info"), "debug, info, warn or error (VOLTPAY_LOG_LEVEL)")
	fs.Int64Var(&c.MaxBodyBytes, "max-body-bytes", 0, "largest request body (VOLTPAY_MAX_BODY_BYTES, default 1 MiB)")
	fs.IntVar(&c.MaxDepth, "max-depth", 0, "deepest GraphQL operation (VOLTPAY_MAX_DEPTH, default 12)")
	fs.IntVar(&c.MaxComplexity, "max-complexity", 0, "largest GraphQL complexity (VOLTPAY_MAX_COMPLEXITY, default 250000)")
	fs.IntVar(&c.MaxTokens, "max-tokens", 0, "most tokens of a GraphQL document (VOLTPAY_MAX_TOKENS, default 20000)")
	fs.IntVar(&c.MaxFields, "max-fields", 0, "most fields and fragment spreads of a GraphQL document (VOLTPAY_MAX_FIELDS, default 2000)")
	fs.DurationVar(&c.RequestTimeout, "request-timeout", 0, "longest query or mutation (VOLTPAY_REQUEST_TIMEOUT, default 30s)")
	fs.StringVar(&c.Introspection, "introspection", env("VOLTPAY_INTROSPECTION", "signed-in"), "who may introspect the GraphQL schema: signed-in, all or off (VOLTPAY_INTROSPECTION)")
	fs.StringVar(&c.MetricsAddr, "metrics-addr", env("VOLTPAY_METRICS_ADDR", ""), "serve /metrics on this address of its own (VOLTPAY_METRICS_ADDR)")
	fs.StringVar(&c.LinkAddr, "link-addr", env("VOLTPAY_LINK_ADDR", DefaultLinkAddr), "listen address for 4G meters and DTUs dialling in, with the poller (VOLTPAY_LINK_ADDR)")
	pollerEnv, pollerErr := strconv.ParseBool(env("VOLTPAY_POLLER", "false"))
	fs.BoolVar(&c.Poller, "poller", pollerEnv, "read the meters behind every gateway on a schedule (VOLTPAY_POLLER)")
	fs.DurationVar(&c.ShutdownTimeout, "shutdown-timeout", 0, "grace period for requests at shutdown (VOLTPAY_SHUTDOWN_TIMEOUT, default 20s)")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	var errs []string
	check := func(err error) {
		if err != nil {
			errs = append(errs, err.Error())
		}
	}
	c.SeedDemo, _ = strconv.ParseBool(env("VOLTPAY_SEED_DEMO", "false"))
	c.SecureCookies, _ = strconv.ParseBool(env("VOLTPAY_SECURE_COOKIES", "false"))
	if pollerErr != nil && !isFlagSet(fs, "poller") {
		check(fmt.Errorf("VOLTPAY_POLLER: use true or false"))
	}
	if pw := env("VOLTPAY_METER_PASSWORD", "0"); pw != "" {
		n, err := strconv.ParseUint(pw, 10, 32)
		if err != nil || n > 999999 {
			check(fmt.Errorf("VOLTPAY_METER_PASSWORD: the meters' programming password, up to 6 digits"))
		}
		c.MeterPassword = uint32(n)
	}
	if k := env("VOLTPAY_METER_MASTER_KEY", ""); k != "" {
		key, err := hex.DecodeString(k)
		if err != nil || (len(key) != 16 && len(key) != 24) {
			check(fmt.Errorf("VOLTPAY_METER_MASTER_KEY: a 3DES key of 16 or 24 bytes in hex (32 or 48 hex digits)"))
		}
		c.MeterMasterKey = key
	}
	// The token is read from the environment only, like other secrets.
	c.MetricsToken = env("VOLTPAY_METRICS_TOKEN", "")
	if _, err := graph.ParseIntrospection(c.Introspection); err != nil {
		check(fmt.Errorf("VOLTPAY_INTROSPECTION: use signed-in, all or off"))
	}
	if o := env("VOLTPAY_ALLOWED_ORIGINS", ""); o != "" {
		c.AllowedOrigins = strings.Split(o, ",")
	}
	if err := c.LogLevel.UnmarshalText([]byte(fs.Lookup("log-level").Value.String())); err != nil {
		check(fmt.Errorf("VOLTPAY_LOG_LEVEL: use debug, info, warn or error"))
	}
	if c.LogFormat != "json" && c.LogFormat != "text" {
		check(fmt.Errorf("VOLTPAY_LOG_FORMAT %q: use json or text", c.LogFormat))
	}
	c.MaxBodyBytes = pick(c.MaxBodyBytes, envInt("VOLTPAY_MAX_BODY_BYTES", 1<<20, check))
	c.MaxDepth = int(pick(int64(c.MaxDepth), envInt("VOLTPAY_MAX_DEPTH", 12, check)))
	c.MaxComplexity = int(pick(int64(c.MaxComplexity), envInt("VOLTPAY_MAX_COMPLEXITY", 250_000, check)))
	c.MaxTokens = int(pick(int64(c.MaxTokens), envInt("VOLTPAY_MAX_TOKENS", int64(graph.DefaultSignedIn.MaxTokens), check)))
	c.MaxFields = int(pick(int64(c.MaxFields), envInt("VOLTPAY_MAX_FIELDS", int64(graph.DefaultSignedIn.MaxSelections), check)))
	if c.RequestTimeout == 0 {
		d, err := time.ParseDuration(env("VOLTPAY_REQUEST_TIMEOUT", "30s"))
		if err != nil || d <= 0 {
			check(fmt.Errorf("VOLTPAY_REQUEST_TIMEOUT: a positive duration such as 30s"))
		}
		c.RequestTimeout = d
	}
	if c.ShutdownTimeout == 0 {
		d, err := time.ParseDuration(env("VOLTPAY_SHUTDOWN_TIMEOUT", "20s"))
		if err != nil {
			check(fmt.Errorf("VOLTPAY_SHUTDOWN_TIMEOUT: a duration such as 20s"))
		}
		c.ShutdownTimeout = d
	}
	c.Sessions = postgres.DefaultSessionLifetimes
	for _, d := range []struct {
		key string
		to  *time.Duration
	}{{"VOLTPAY_SESSION_IDLE_TIMEOUT", &c.Sessions.Idle}, {"VOLTPAY_SESSION_MAX_AGE", &c.Sessions.MaxAge},
		{"VOLTPAY_TENANT_SESSION_MAX_AGE", &c.Sessions.TenantMaxAge}} {
		if v := env(d.key, ""); v != "" {
			n, err := time.ParseDuration(v)
			if err != nil || n < time.Minute {
				check(fmt.Errorf("%s: a duration of at least 1m, such as 12h", d.key))
			}
			*d.to = n
		}
	}
	if c.MaxBodyBytes < 1024 || c.MaxDepth < 2 || c.MaxComplexity < 100 || c.MaxTokens < 100 || c.MaxFields < 10 {
		check(fmt.Errorf("limits too small: VOLTPAY_MAX_BODY_BYTES >= 1024, VOLTPAY_MAX_DEPTH >= 2, VOLTPAY_MAX_COMPLEXITY >= 100, VOLTPAY_MAX_TOKENS >= 100, VOLTPAY_MAX_FIELDS >= 10"))
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("configuration: %s", strings.Join(errs, "; "))
	}
	return c, nil
}

func env(key, def string) string {
	if v, ok := os.LookupEnv(key); ok && v != "" {
		return v
	}
	return def
}

func envInt(key string, def int64, check func(error)) int64 {
	v := env(key, "")
	if v == "" {
		return def
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		check(fmt.Errorf("%s=%q is not a whole number", key, v))
		return def
	}
	return n
}

// isFlagSet reports whether flag name was given on the command line.
func isFlagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// pick prefers a flag's value over the environment's when the flag was set.
func pick(flagValue, envValue int64) int64 {
	if flagValue != 0 {
		return flagValue
	}
	return envValue
}
