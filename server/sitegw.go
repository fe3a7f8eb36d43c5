package main

import (
	"context"
	"os"
	"time"

	"github.com/voltpay/voltpay/meterlink/sitegw"
)

// runSitegw is `voltpay sitegw`: the site agent (a SOCKS5 server limited to
// the site's converters, see meterlink/sitegw). It reads the environment,
// then flags, and runs until ctx ends.
func runSitegw(ctx context.Context, args []string) error {
	var (
		user, password string
		cfg            sitegw.Config
		logCfg         config
	)
	o := sitegwOptions(&cfg, &user, &password, &logCfg)
	if err := o.parse(args, os.LookupEnv); err != nil {
		return err
	}
	if user != "" || password != "" {
		cfg.Users = map[string]string{user: password}
	}
	cfg.Logger = newLogger(&logCfg)
	srv, err := sitegw.New(cfg)
	if err != nil {
		return err
	}
	cfg.Logger.Info("sitegw: starting", "version", version, "listen", cfg.Listen, "user", user)
	return srv.ListenAndServe(ctx)
}

// sitegwOptions declares the settings of `voltpay sitegw`.
func sitegwOptions(cfg *sitegw.Config, user, password *string, logCfg *config) *options {
	o := &options{command: "voltpay sitegw"}
	o.add("listen", "VOLTPAY_SITEGW_LISTEN", sitegw.DefaultListen, "listen address", text(&cfg.Listen))
	o.add("allow", "VOLTPAY_SITEGW_ALLOW", "", "converters the agent may reach, ip:port,ip:port (IPv6 as [::1]:502); required", func(s string) error {
		var err error
		cfg.Allow, err = sitegw.ParseAllow(s)
		return err
	})
	o.add("user", "VOLTPAY_SITEGW_USER", "", "SOCKS5 user name (RFC 1929); required", text(user))
	o.secret("VOLTPAY_SITEGW_PASSWORD", "the user's password; required", text(password))
	o.add("tls-cert", "VOLTPAY_SITEGW_TLS_CERT", "", "PEM certificate; with -tls-key, serve SOCKS5 inside TLS", text(&cfg.TLSCertFile))
	o.add("tls-key", "VOLTPAY_SITEGW_TLS_KEY", "", "PEM private key of -tls-cert", text(&cfg.TLSKeyFile))
	o.add("idle-timeout", "VOLTPAY_SITEGW_IDLE_TIMEOUT", durationText(sitegw.DefaultIdleTimeout), "close a session with no traffic either way for this long (also bounds the handshake)", duration(&cfg.IdleTimeout, time.Second))
	o.add("max-conn-age", "VOLTPAY_SITEGW_MAX_CONN_AGE", "0", "close any session this long after it was accepted; 0: no limit", duration(&cfg.MaxConnAge, 0))
	addLogOptions(o, logCfg)
	return o
}
