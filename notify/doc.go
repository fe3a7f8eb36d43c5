// Package notify delivers messages to tenants: the drivers behind the
// voltpay.SMS interface (a GSM modem on a serial port, an HTTP SMS
// provider, and an in-process fake for tests and the demo) and, later, the
// outbox that sends alarm, arrears, trip and close warnings through them.
//
// It is its own top-level package because messaging is a part of the
// architecture of its own: it has outside peers (modems, carriers,
// WeChat) like meterlink and payment do, but it talks to people, not
// meters, so it is not in meterlink.
package notify
