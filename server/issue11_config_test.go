package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/voltpay/voltpay/meterlink/sitegw"
	"github.com/voltpay/voltpay/payment"
	"github.com/voltpay/voltpay/server/postgres"
)

// everyCommandOptions declares the settings of every command that reads
// any, into throwaway destinations.
func everyCommandOptions() []*options {
	var (
		c                           config
		sim                         simOptions
		gw                          sitegw.Config
		user, pw, addr, dir, notify string
	)
	return []*options{serveOptions(&c), migrateOptions(&c), simCommandOptions(&c, &sim),
		sitegwOptions(&gw, &user, &pw, &c), paysimOptions(&addr, &dir, &notify)}
}

// envOf returns a lookup over vars, standing for the environment.
func envOf(vars map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := vars[k]; return v, ok }
}

// TestIssue11_ConfigRefusesBadValues: every option that accepts only some
// values refuses any other at start, naming its variable (and its flag when
// the flag gave it) and what it accepts; a value it dropped used to leave
// the default in force (VOLTPAY_SECURE_COOKIES=yes: insecure cookies).
func TestIssue11_ConfigRefusesBadValues(t *testing.T) {
	for _, tc := range []struct {
		env, value, accepts string
	}{
		{"VOLTPAY_SECURE_COOKIES", "yes", "true or false"},
		{"VOLTPAY_SEED_DEMO", "on", "true or false"},
		{"VOLTPAY_POLLER", "sometimes", "true or false"},
		{"VOLTPAY_MAX_DEPTH", "12.5", "whole number"},
		{"VOLTPAY_MAX_BODY_BYTES", "10", "at least 1024"},
		{"VOLTPAY_REQUEST_TIMEOUT", "30", "duration"},
		{"VOLTPAY_SHUTDOWN_TIMEOUT", "soon", "duration"},
		{"VOLTPAY_SESSION_IDLE_TIMEOUT", "10s", "at least 1m"},
		{"VOLTPAY_LOG_FORMAT", "xml", "json or text"},
		{"VOLTPAY_LOG_LEVEL", "loud", "debug, info, warn or error"},
		{"VOLTPAY_INTROSPECTION", "everyone", "signed-in, all or off"},
		{"VOLTPAY_METER_PASSWORD", "1234567", "6 digits"},
		{"VOLTPAY_METER_MASTER_KEY", "abcd", "3DES key"},
	} {
		t.Setenv(tc.env, tc.value)
		_, err := loadConfig(nil)
		if err == nil || !strings.Contains(err.Error(), tc.env) || !strings.Contains(err.Error(), tc.accepts) {
			t.Errorf("%s=%q: error %v; want one naming %s and saying %q", tc.env, tc.value, err, tc.env, tc.accepts)
		}
		os.Unsetenv(tc.env)
	}
	// The secrets' values are never echoed.
	t.Setenv("VOLTPAY_METER_PASSWORD", "secret-ish")
	if _, err := loadConfig(nil); err == nil || strings.Contains(err.Error(), "secret-ish") {
		t.Errorf("bad VOLTPAY_METER_PASSWORD: error %v; want one without the value", err)
	}
	os.Unsetenv("VOLTPAY_METER_PASSWORD")

	// A flag's bad value names the flag and its variable.
	if _, err := loadConfig([]string{"-secure-cookies=yes"}); err == nil || !strings.Contains(err.Error(), "-secure-cookies") || !strings.Contains(err.Error(), "VOLTPAY_SECURE_COOKIES") {
		t.Errorf("-secure-cookies=yes: error %v; want one naming the flag and the variable", err)
	}

	// The class: every option of every command either takes any text or
	// refuses a garbage value naming its variable; every default is valid.
	for _, o := range everyCommandOptions() {
		for _, opt := range o.list {
			if err := opt.set(opt.Default); err != nil && !(o.command == "voltpay sitegw" && opt.Env == "VOLTPAY_SITEGW_ALLOW") {
				t.Errorf("%s: %s's default %q is refused: %v", o.command, opt.Env, opt.Default, err)
			}
			if opt.set("%garbage%") == nil {
				continue // free text (addresses, URLs, files, secrets)
			}
			err := o.parse(nil, envOf(map[string]string{opt.Env: "%garbage%"}))
			if err == nil || !strings.Contains(err.Error(), opt.Env+`="%garbage%"`) && !strings.Contains(err.Error(), opt.Env+":") {
				t.Errorf("%s: %s=%%garbage%%: error %v; want one naming the variable", o.command, opt.Env, err)
			}
		}
	}

	// Good values still work, the flag winning over the variable.
	t.Setenv("VOLTPAY_SECURE_COOKIES", "1")
	t.Setenv("VOLTPAY_MAX_DEPTH", "20")
	t.Setenv("VOLTPAY_SESSION_MAX_AGE", "3h")
	c, err := loadConfig([]string{"-max-depth", "15", "-allowed-origins", "a.example, b.example"})
	if err != nil {
		t.Fatal(err)
	}
	if !c.SecureCookies || c.MaxDepth != 15 || c.Sessions.MaxAge.String() != "3h0m0s" || len(c.AllowedOrigins) != 2 || c.Sessions.Idle != postgres.DefaultSessionLifetimes.Idle {
		t.Errorf("config %+v", c)
	}
}

// TestIssue11_ConfigHelpListsEveryOption: `voltpay <command> -h` exits 0
// and lists every option with its flag, variable and default.
func TestIssue11_ConfigHelpListsEveryOption(t *testing.T) {
	for _, o := range everyCommandOptions() {
		var b bytes.Buffer
		o.usage(&b)
		for _, opt := range o.list {
			line := opt.Env + "  (default "
			if opt.Flag != "" {
				line = "-" + opt.Flag + "  " + line
			}
			if !strings.Contains(b.String(), line) {
				t.Errorf("%s -h lacks %q:\n%s", o.command, line, b.String())
			}
			if opt.Default != "" && !strings.Contains(b.String(), opt.Env+`  (default "`+opt.Default+`")`) {
				t.Errorf("%s -h lacks %s's default %q", o.command, opt.Env, opt.Default)
			}
		}
		o.out = io.Discard
		if err := o.parse([]string{"-h"}, envOf(nil)); !errors.Is(err, errHelp) {
			t.Errorf("%s -h: %v, want errHelp (exit 0)", o.command, err)
		}
	}
	bin := buildBinary(t)
	for _, cmd := range []string{"serve", "migrate", "sim", "sitegw", "paysim"} {
		out, err := exec.Command(bin, cmd, "-h").CombinedOutput()
		if err != nil || !strings.Contains(string(out), "usage: voltpay "+cmd) {
			t.Errorf("voltpay %s -h: %v\n%s", cmd, err, out)
		}
	}
	out, err := exec.Command(bin, "serve", "-h").Output()
	if err != nil || !strings.Contains(string(out), "-secure-cookies  VOLTPAY_SECURE_COOKIES  (default \"false\")") {
		t.Errorf("voltpay serve -h: %v\n%s", err, out)
	}
}

// TestIssue11_ConfigREADMEListsEveryOption: the README's configuration
// tables list every option of every command, with its default.
func TestIssue11_ConfigREADMEListsEveryOption(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]string{} // variable → its table row
	varName := regexp.MustCompile("`([A-Z][A-Z0-9_]+)`")
	for _, line := range strings.Split(string(readme), "\n") {
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		first := strings.SplitN(line, "|", 3)[1]
		for _, m := range varName.FindAllStringSubmatch(first, -1) {
			rows[m[1]] = line
		}
	}
	for _, o := range everyCommandOptions() {
		for _, opt := range o.list {
			row, ok := rows[opt.Env]
			if !ok {
				t.Errorf("README.md has no table row for %s (%s)", opt.Env, o.command)
				continue
			}
			if opt.Default != "" && !strings.Contains(row, "`"+opt.Default+"`") {
				t.Errorf("README.md's row of %s lacks its default `%s`: %s", opt.Env, opt.Default, row)
			}
		}
	}
}

// TestIssue11_ConfigPaymentVariablesDeclared: every variable the payment
// package reads is a declared option (so it has a flag or is a secret,
// shows in -h and in the README).
func TestIssue11_ConfigPaymentVariablesDeclared(t *testing.T) {
	declared := map[string]bool{}
	for _, p := range paymentVariables {
		declared[p.env] = true
	}
	read := func(k string) string {
		if !declared[k] {
			t.Errorf("the payment package reads %s, which is no option", k)
		}
		switch k {
		case "VOLTPAY_WECHAT_MCHID", payment.EnvAlipayAppID:
			return "x" // a configured channel reads all its variables
		}
		return ""
	}
	payment.LoadWechatConfig(read)
	payment.LoadAlipayConfig(read)
}
