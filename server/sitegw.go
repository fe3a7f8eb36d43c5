package main

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/voltpay/voltpay/meterlink/sitegw"
)

// runSitegw is `voltpay sitegw`: the site agent (a SOCKS5 server limited to
// the site's converters, see meterlink/sitegw). It reads the environment,
// then flags, and runs until ctx ends.
func runSitegw(ctx context.Context, args []string) error {
	var (
		allow, user, certFile, keyFile string
		cfg                            sitegw.Config
		logCfg                         config
	)
	fs := flag.NewFlagSet("voltpay sitegw", flag.ContinueOnError)
	fs.StringVar(&cfg.Listen, "listen", env("VOLTPAY_SITEGW_LISTEN", sitegw.DefaultListen), "listen address (VOLTPAY_SITEGW_LISTEN)")
	fs.StringVar(&allow, "allow", env("VOLTPAY_SITEGW_ALLOW", ""), "converters the agent may reach, ip:port,ip:port (VOLTPAY_SITEGW_ALLOW)")
	fs.StringVar(&user, "user", env("VOLTPAY_SITEGW_USER", ""), "SOCKS5 user name (VOLTPAY_SITEGW_USER; the password only from VOLTPAY_SITEGW_PASSWORD)")
	fs.StringVar(&certFile, "tls-cert", env("VOLTPAY_SITEGW_TLS_CERT", ""), "PEM certificate; with -tls-key, serve TLS (VOLTPAY_SITEGW_TLS_CERT)")
	fs.StringVar(&keyFile, "tls-key", env("VOLTPAY_SITEGW_TLS_KEY", ""), "PEM private key (VOLTPAY_SITEGW_TLS_KEY)")
	fs.DurationVar(&cfg.IdleTimeout, "idle-timeout", 0, "close a session silent this long (VOLTPAY_SITEGW_IDLE_TIMEOUT, default 5m)")
	fs.DurationVar(&cfg.MaxConnAge, "max-conn-age", 0, "close any session this old, 0 for no limit (VOLTPAY_SITEGW_MAX_CONN_AGE)")
	fs.StringVar(&logCfg.LogFormat, "log-format", env("VOLTPAY_LOG_FORMAT", "json"), "json or text (VOLTPAY_LOG_FORMAT)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var errs []string
	durationEnv := func(d *time.Duration, key string) {
		if *d != 0 || env(key, "") == "" {
			return
		}
		v, err := time.ParseDuration(env(key, ""))
		if err != nil {
			errs = append(errs, fmt.Sprintf("%s: a duration such as 5m", key))
		}
		*d = v
	}
	durationEnv(&cfg.IdleTimeout, "VOLTPAY_SITEGW_IDLE_TIMEOUT")
	durationEnv(&cfg.MaxConnAge, "VOLTPAY_SITEGW_MAX_CONN_AGE")
	var err error
	if cfg.Allow, err = sitegw.ParseAllow(allow); err != nil {
		errs = append(errs, "VOLTPAY_SITEGW_ALLOW: "+err.Error())
	}
	if user != "" || env("VOLTPAY_SITEGW_PASSWORD", "") != "" {
		cfg.Users = map[string]string{user: env("VOLTPAY_SITEGW_PASSWORD", "")}
	}
	cfg.TLSCertFile, cfg.TLSKeyFile = certFile, keyFile
	if err := logCfg.LogLevel.UnmarshalText([]byte(env("VOLTPAY_LOG_LEVEL", "info"))); err != nil {
		errs = append(errs, "VOLTPAY_LOG_LEVEL: use debug, info, warn or error")
	}
	if logCfg.LogFormat != "json" && logCfg.LogFormat != "text" {
		errs = append(errs, fmt.Sprintf("VOLTPAY_LOG_FORMAT %q: use json or text", logCfg.LogFormat))
	}
	if len(errs) > 0 {
		return fmt.Errorf("configuration: %s", strings.Join(errs, "; "))
	}
	cfg.Logger = newLogger(&logCfg)
	srv, err := sitegw.New(cfg)
	if err != nil {
		return err
	}
	cfg.Logger.Info("sitegw: starting", "version", version, "listen", cfg.Listen, "user", user)
	return srv.ListenAndServe(ctx)
}
