// Command voltpay is the whole Voltpay platform in one binary. Its
// subcommands:
//
//	voltpay serve     run the API server (GraphQL, webhooks, UIs)
//	voltpay migrate   apply schema.sql (as VOLTPAY_MIGRATE_DATABASE_URL, if set) and exit
//	voltpay sitegw    run the site agent (SOCKS5 to a site's converters)
//	voltpay sim       simulate the database's loopback gateways and meters
//	voltpay paysim    run offline fake WeChat Pay and Alipay gateways (demo, tests)
//	voltpay version   print the version
//
// Each command declares its settings once (options.go): a flag, an
// environment variable, a default and a parser. The flag wins over the
// variable; a bad value stops the command at start, naming the variable;
// "voltpay <command> -h" lists them all (README.md too, checked by a test).
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // site time zones work on machines without zone files
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:]); err != nil && !errors.Is(err, errHelp) {
		fmt.Fprintln(os.Stderr, "voltpay:", err)
		os.Exit(1)
	}
}

const usage = `usage: voltpay <command> [flags]

commands:
  serve     run the API server (GraphQL, health, metrics, UIs)
  migrate   apply schema.sql (as VOLTPAY_MIGRATE_DATABASE_URL, if set) and exit
  sitegw    run the site agent (SOCKS5 to a site's converters)
  sim       simulate the database's loopback gateways and their meters
  paysim    run offline fake WeChat Pay and Alipay gateways with a payer page
  version   print the version

Run "voltpay <command> -h" for a command's flags. Configuration is read from
the environment first (DATABASE_URL, VOLTPAY_ADDR, …; see README.md).`

func run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("no command given\n\n%s", usage)
	}
	switch args[0] {
	case "serve":
		cfg, err := loadConfig(args[1:])
		if err != nil {
			return err
		}
		return serve(ctx, cfg, newLogger(cfg))
	case "migrate":
		cfg := &config{}
		if err := migrateOptions(cfg).parse(args[1:], os.LookupEnv); err != nil {
			return err
		}
		db, err := openDB(ctx, cfg, newLogger(cfg))
		if err != nil {
			return err
		}
		defer db.Close()
		fmt.Println("schema applied")
		return nil
	case "sitegw":
		return runSitegw(ctx, args[1:])
	case "sim":
		return runSimCommand(ctx, args[1:])
	case "paysim":
		return runPaysimCommand(ctx, args[1:])
	case "version":
		fmt.Println("voltpay", version)
		return nil
	case "help", "-h", "--help":
		fmt.Println(usage)
		return nil
	}
	return fmt.Errorf("unknown command %q\n\n%s", args[0], usage)
}

func newLogger(cfg *config) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "text" {
		return slog.New(slog.NewTextHandler(os.Stderr, opts))
	}
	return slog.New(slog.NewJSONHandler(os.Stderr, opts))
}
