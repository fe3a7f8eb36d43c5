package main

import (
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"testing"
)

// Tests that start something listening later (a simulated gateway, the
// server binary) need a port nobody takes in between. Ports the kernel
// hands out for port 0 come from its ephemeral range, where every
// outgoing connection of every process on the machine also takes its
// local port: under load (parallel packages, several checkouts testing at
// once) one of them took a probed port before the test listened on it.
// So ports are picked at random below the ephemeral range, where only
// explicit listeners go, and probed.

// lowestEphemeralPort is the start of the kernel's ephemeral port range
// (32768 when it cannot be read).
func lowestEphemeralPort() int {
	lo := 32768
	if b, err := os.ReadFile("/proc/sys/net/ipv4/ip_local_port_range"); err == nil {
		var hi int
		if n, _ := fmt.Sscan(string(b), &lo, &hi); n != 2 || lo < 11000 {
			lo = 32768
		}
	}
	return lo
}

// freePorts returns the first of n consecutive ports free on 127.0.0.1,
// below the ephemeral range.
func freePorts(t testing.TB, n int) int {
	t.Helper()
	const low = 10000 // above the well-known and most services' ports
	high := lowestEphemeralPort() - n
	for range 200 {
		port := low + rand.IntN(high-low)
		var lns []net.Listener
		for i := range n {
			ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port+i))
			if err != nil {
				break
			}
			lns = append(lns, ln)
		}
		for _, ln := range lns {
			ln.Close()
		}
		if len(lns) == n {
			return port
		}
	}
	t.Fatalf("no %d consecutive free ports on 127.0.0.1 between %d and %d", n, low, high+n)
	return 0
}

// freeAddr returns a free address on 127.0.0.1 to listen on.
func freeAddr(t testing.TB) string {
	t.Helper()
	return fmt.Sprintf("127.0.0.1:%d", freePorts(t, 1))
}
