package main

import (
	"context"
	"fmt"
	"time"

	"github.com/Khan/genqlient/graphql"
)

// subscribeSettle is how long to wait after subscribing before causing the
// first event: graphql-transport-ws does not acknowledge a subscribe, so a
// client cannot know when the server has started the subscription.
const subscribeSettle = time.Second

// balanceEvents follows balanceChanged for one account over a websocket.
type balanceEvents struct {
	ws      graphql.WebSocketClient
	entries chan *Entry
	errs    chan error
}

// followBalance opens the websocket, authenticates it in connection_init
// ({"authorization": "Bearer …"}) and subscribes to the account's balance
// changes.
func followBalance(ctx context.Context, cfg config, token string) (*balanceEvents, error) {
	ws := graphql.NewClientUsingWebSocket(wsURL(cfg.url), wsDialer{},
		graphql.WithConnectionParams(map[string]any{"authorization": "Bearer " + token}))
	errs, err := ws.Start(ctx)
	if err != nil {
		return nil, fmt.Errorf("websocket: %w", err)
	}
	data, _, err := BalanceChanged(ctx, ws, &cfg.account)
	if err != nil {
		ws.Close()
		return nil, fmt.Errorf("subscribe balanceChanged: %w", err)
	}
	ev := &balanceEvents{ws: ws, entries: make(chan *Entry, 16), errs: errs}
	// Read every message until genqlient closes the channel: it delivers them
	// unbuffered, and one left unread would block its reader.
	go func() {
		defer close(ev.entries)
		for msg := range data {
			if len(msg.Errors) > 0 {
				fmt.Printf("balanceChanged error: %v\n", msg.Errors)
				continue
			}
			if msg.Data != nil && msg.Data.BalanceChanged.Entry != nil {
				e := msg.Data.BalanceChanged.Entry.Entry
				select {
				case ev.entries <- &e:
				default:
				}
			}
		}
	}()
	fmt.Printf("subscribed to balanceChanged(accountId: %s) over graphql-transport-ws\n", cfg.account)
	time.Sleep(subscribeSettle)
	return ev, nil
}

// await waits until the entry with id, written by a request sent at sent,
// arrives on the subscription.
func (ev *balanceEvents) await(ctx context.Context, id string, sent time.Time) error {
	timeout := time.After(15 * time.Second)
	for {
		select {
		case e, ok := <-ev.entries:
			if !ok {
				return fmt.Errorf("balanceChanged ended before entry %s arrived", id)
			}
			if e.Id == id {
				fmt.Printf("balanceChanged: entry %s, %s %d fen, balance after %d fen (%d ms after the request)\n",
					e.Id, e.Type, e.AmountFen, e.BalanceAfterFen, time.Since(sent).Milliseconds())
				return nil
			}
		case err := <-ev.errs:
			return fmt.Errorf("websocket: %w", err)
		case <-timeout:
			return fmt.Errorf("entry %s did not arrive on balanceChanged within 15 s", id)
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

func (ev *balanceEvents) close() { ev.ws.Close() }
