package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/voltpay/voltpay/payment/paysim"
)

// runPaysimCommand runs the offline fake payment gateways for the demo
// (`voltpay paysim`): fake WeChat Pay and Alipay on one address, with the
// payer page at /paysim/. It writes the merchant-side key files and an env
// file (export lines) that configure `voltpay serve` for them; keys are
// fresh on every start and never leave dir.
func runPaysimCommand(ctx context.Context, args []string) error {
	addr, dir, notify := new(string), new(string), new(string)
	o := paysimOptions(addr, dir, notify)
	if err := o.parse(args, os.LookupEnv); err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	srv, err := paysim.NewServer(log)
	if err != nil {
		return err
	}
	defer srv.Close()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s (VOLTPAY_PAYSIM_ADDR): %w", *addr, err)
	}
	base := "http://" + ln.Addr().String()
	vars, err := srv.WriteFiles(*dir, base, strings.TrimRight(*notify, "/"))
	if err != nil {
		return fmt.Errorf("write key files to %s: %w", *dir, err)
	}
	envFile := filepath.Join(*dir, "env")
	if err := writeEnvFile(envFile, vars); err != nil {
		return err
	}
	log.Info("paysim: fake WeChat Pay and Alipay ready", "addr", base, "payer_page", base+"/paysim/", "env", envFile)
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		hs.Shutdown(sctx)
	}()
	if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// paysimOptions declares the settings of `voltpay paysim`.
func paysimOptions(addr, dir, notify *string) *options {
	o := &options{command: "voltpay paysim"}
	o.add("addr", "VOLTPAY_PAYSIM_ADDR", "127.0.0.1:17010", "listen address of the fake gateways and the payer page", text(addr))
	o.add("dir", "VOLTPAY_PAYSIM_DIR", "var/paysim", "where the key files and the env file go", text(dir))
	o.add("notify", "VOLTPAY_PAYSIM_NOTIFY", "http://127.0.0.1:8080", "base URL of voltpay serve, which receives the notifications", text(notify))
	return o
}

// writeEnvFile writes vars as shell export lines, atomically (a reader
// waiting for the file never sees half of it).
func writeEnvFile(path string, vars map[string]string) error {
	keys := make([]string, 0, len(vars))
	for k := range vars {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "export %s='%s'\n", k, strings.ReplaceAll(vars[k], "'", `'\''`))
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(b.String()), 0o600); err != nil {
		return fmt.Errorf("write %s: %w", tmp, err)
	}
	return os.Rename(tmp, path)
}
