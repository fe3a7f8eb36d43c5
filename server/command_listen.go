package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/lib/pq"
)

// commandChannel is where schema.sql's meter_commands_notify announces
// new commands.
const commandChannel = "voltpay_commands"

// listenCommands calls wake whenever any process of the deployment commits
// a new command (LISTEN voltpay_commands), and after every reconnection
// (a notification may have been missed meanwhile), until ctx ends. The
// in-process event bus (wakeOnNewCommands) covers this process's own
// commands; this covers the others', e.g. a relay close committed by
// another instance's payment webhook. Without it they wait for the
// executor's interval.
func listenCommands(ctx context.Context, databaseURL string, wake func(), log *slog.Logger) error {
	l := pq.NewListener(databaseURL, time.Second, time.Minute, func(ev pq.ListenerEventType, err error) {
		switch ev {
		case pq.ListenerEventDisconnected:
			log.Warn("command listener disconnected; reconnecting", "err", err)
		case pq.ListenerEventReconnected:
			log.Info("command listener reconnected")
		case pq.ListenerEventConnectionAttemptFailed:
			log.Warn("command listener cannot connect; retrying", "err", err)
		}
	})
	if err := l.Listen(commandChannel); err != nil {
		l.Close()
		return err
	}
	go func() {
		defer l.Close()
		ping := time.NewTicker(90 * time.Second)
		defer ping.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-l.Notify: // nil after a reconnection: wake too
				wake()
			case <-ping.C:
				_ = l.Ping() // notices a dead connection that delivers nothing
			}
		}
	}()
	return nil
}
