// Command example is what an integrator's Go program does with Voltpay's
// GraphQL API, through a client genqlient generates from the schema snapshot
// (api/schema.graphql) and operations.graphql: sign in (or use an API key),
// page through every meter, sell twice with one idempotency key and get the
// same receipt, see that sale on the balanceChanged subscription, refund, and
// read an error's extensions.code and extensions.field. It prints each step
// and exits 1 at the first surprise.
//
// Against `make run`: go run ./examples/go. Flags, or their variables:
// -url (VOLTPAY_URL), -username (VOLTPAY_USERNAME), -account
// (VOLTPAY_ACCOUNT_ID), -page-size (VOLTPAY_PAGE_SIZE); the password (VOLTPAY_PASSWORD) and an API key
// (VOLTPAY_API_KEY, used instead of signing in) are read from the
// environment only, since a command line shows in ps.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/Khan/genqlient/graphql"
)

type config struct {
	url, username, password, apiKey, account string
	pageSize                                 int
	amountFen                                int64
}

func main() {
	cfg := config{password: env("VOLTPAY_PASSWORD", "voltpay-demo"), apiKey: os.Getenv("VOLTPAY_API_KEY")}
	flag.StringVar(&cfg.url, "url", env("VOLTPAY_URL", "http://127.0.0.1:8080/graphql"), "the GraphQL endpoint")
	flag.StringVar(&cfg.username, "username", env("VOLTPAY_USERNAME", "cashier"), "the operator to sign in as (without VOLTPAY_API_KEY)")
	flag.StringVar(&cfg.account, "account", env("VOLTPAY_ACCOUNT_ID", "1"), "the account to sell to and refund")
	pageSize, _ := strconv.Atoi(env("VOLTPAY_PAGE_SIZE", "50"))
	flag.IntVar(&cfg.pageSize, "page-size", pageSize, "meters per page (VOLTPAY_PAGE_SIZE)")
	flag.Int64Var(&cfg.amountFen, "amount", 100, "the sale and the refund, in fen")
	flag.Parse()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := run(ctx, cfg); err != nil {
		fmt.Fprintln(os.Stderr, "example:", err)
		os.Exit(1)
	}
	fmt.Println("done")
}

func run(ctx context.Context, cfg config) error {
	token, err := credential(ctx, cfg)
	if err != nil {
		return err
	}
	gql := graphql.NewClient(cfg.url, bearer{token})
	me, err := Me(ctx, gql)
	if err != nil {
		return fmt.Errorf("me: %w", err)
	}
	fmt.Printf("signed in: %s %s, permissions %v\n", me.Me.Kind, me.Me.Name, me.Me.Permissions)

	if err := pageMeters(ctx, gql, cfg.pageSize); err != nil {
		return err
	}
	events, err := followBalance(ctx, cfg, token)
	if err != nil {
		return err
	}
	defer events.close()

	sent := time.Now()
	sale, err := sellTwice(ctx, gql, cfg)
	if err != nil {
		return err
	}
	if err := events.await(ctx, sale.Id, sent); err != nil {
		return err
	}
	sent = time.Now()
	refund, err := Refund(ctx, gql, RefundInput{AccountId: cfg.account, AmountFen: cfg.amountFen, Channel: ChannelCash, IdempotencyKey: newKey()})
	if err != nil {
		return fmt.Errorf("refund: %w", err)
	}
	fmt.Printf("refund: receipt %s, entry %s, %d fen, balance after %d fen\n",
		refund.Refund.ReceiptNo, refund.Refund.Id, refund.Refund.AmountFen, refund.Refund.BalanceAfterFen)
	if err := events.await(ctx, refund.Refund.Id, sent); err != nil {
		return err
	}
	return provokeError(ctx, gql, cfg)
}

// credential returns the API key when there is one, or signs in.
func credential(ctx context.Context, cfg config) (string, error) {
	if cfg.apiKey != "" {
		fmt.Println("using the API key from VOLTPAY_API_KEY")
		return cfg.apiKey, nil
	}
	login, err := Login(ctx, graphql.NewClient(cfg.url, nil), cfg.username, cfg.password)
	if err != nil {
		return "", fmt.Errorf("login as %s: %w", cfg.username, err)
	}
	fmt.Printf("login: %s got a session until %s\n", cfg.username, login.Login.ExpiresAt.Format(time.RFC3339))
	return login.Login.Token, nil
}

// pageMeters reads every meter the caller may see, page after page of Relay
// edges, each request continuing after the last page's end cursor (the
// cursor of its last edge).
func pageMeters(ctx context.Context, gql graphql.Client, size int) error {
	if size < 1 {
		return fmt.Errorf("page size %d: want 1 or more", size)
	}
	var after *string
	seen, pages, total := 0, 0, 0
	for {
		page, err := Meters(ctx, gql, &size, after)
		if err != nil {
			return fmt.Errorf("meters page %d: %w", pages+1, err)
		}
		m := page.Meters
		pages++
		seen += len(m.Edges)
		total = m.TotalCount
		if !m.PageInfo.HasNextPage {
			break
		}
		after = m.PageInfo.EndCursor
	}
	if seen != total {
		return fmt.Errorf("meters: paged through %d, but totalCount says %d", seen, total)
	}
	fmt.Printf("meters: %d edges in %d pages of at most %d (totalCount %d)\n", seen, pages, size, total)
	return nil
}

// sellTwice sells with one idempotency key twice, as a client retrying after
// a lost answer would: the second answer is the first sale, not a new one.
func sellTwice(ctx context.Context, gql graphql.Client, cfg config) (*SellSellLedgerEntry, error) {
	in := SaleInput{AccountId: cfg.account, AmountFen: cfg.amountFen, Channel: ChannelCash, IdempotencyKey: newKey()}
	first, err := Sell(ctx, gql, in)
	if err != nil {
		return nil, fmt.Errorf("sell: %w", err)
	}
	s := first.Sell
	fmt.Printf("sale: receipt %s, entry %s, %d fen, balance after %d fen\n", s.ReceiptNo, s.Id, s.AmountFen, s.BalanceAfterFen)
	again, err := Sell(ctx, gql, in)
	if err != nil {
		return nil, fmt.Errorf("sell again: %w", err)
	}
	if again.Sell.Id != s.Id || again.Sell.ReceiptNo != s.ReceiptNo {
		return nil, fmt.Errorf("the same idempotency key sold twice: entries %s and %s", s.Id, again.Sell.Id)
	}
	fmt.Printf("sale again with key %s: receipt %s, entry %s, the same sale\n", in.IdempotencyKey, again.Sell.ReceiptNo, again.Sell.Id)
	return &s, nil
}

// provokeError sells 0 fen, which the server refuses, and shows what an
// integrator's code branches on: extensions.code and extensions.field.
func provokeError(ctx context.Context, gql graphql.Client, cfg config) error {
	_, err := Sell(ctx, gql, SaleInput{AccountId: cfg.account, AmountFen: 0, Channel: ChannelCash, IdempotencyKey: newKey()})
	errs := graphQLErrors(err)
	if len(errs) == 0 {
		return fmt.Errorf("selling 0 fen: want a GraphQL error, got %v", err)
	}
	e := errs[0]
	fmt.Printf("error: code=%v field=%v requestId=%v message=%q\n",
		e.Extensions["code"], e.Extensions["field"], e.Extensions["requestId"], e.Message)
	if e.Extensions["code"] != "INVALID_INPUT" || e.Extensions["field"] != "amountFen" {
		return fmt.Errorf("selling 0 fen: want INVALID_INPUT on amountFen, got %v on %v", e.Extensions["code"], e.Extensions["field"])
	}
	return nil
}

// newKey returns a fresh idempotency key: random, so that a rerun is a new
// sale, and one a retry would reuse.
func newKey() string {
	b := make([]byte, 12)
	rand.Read(b)
	return "example-go-" + hex.EncodeToString(b)
}

func env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
