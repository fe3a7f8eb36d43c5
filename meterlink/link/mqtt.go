package link

import (
	"context"
	"time"
)

// Message is one MQTT message received by a MessageLink.
type Message struct {
	Topic    string
	Payload  []byte
	Received time.Time
}

// MessageLink is the seam for meters that talk MQTT instead of a byte
// stream, such as Acrel meters locked to Acrel's cloud firmware
// (docs/PROTOCOLS.md §3.4: "acrelHW" topics /{sender}/acrelHW/... and the
// newer sys/dev/{productKey}/{sn} topics). It will be implemented by an
// MQTT client adapter (a subpackage wrapping a broker connection, QoS 1,
// with reconnect), and used by an Acrel JSON driver that maps login, heart,
// data and control messages onto meter reads and relay commands. Nothing in
// meterlink implements it yet.
//
// Implementations must be safe for concurrent use and honour ctx.
type MessageLink interface {
	// Publish sends payload to topic. It returns ctx's error if ctx ends
	// first, or an error from the broker connection.
	Publish(ctx context.Context, topic string, payload []byte) error
	// Subscribe delivers messages on topic (which may hold MQTT wildcards)
	// until ctx ends, then closes the channel.
	Subscribe(ctx context.Context, topic string) (<-chan Message, error)
}
