package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/voltpay/voltpay/meterlink/sitegw"
)

// TestBinary_Sitegw builds the real binary, runs `voltpay sitegw` on
// loopback from its environment variables, goes poller → agent → fake
// converter with sitegw.Dialer, sees a target outside the allowlist
// refused, and stops it with SIGTERM, which must exit 0.
func TestBinary_Sitegw(t *testing.T) {
	bin := buildBinary(t)

	t.Run("ErrConfig", func(t *testing.T) {
		out, err := exec.Command(bin, "sitegw", "-listen", "127.0.0.1:0").CombinedOutput()
		if err == nil {
			t.Fatalf("sitegw without allowlist and credentials started:\n%s", out)
		}
		for _, want := range []string{"allowlist is empty", "no credentials"} {
			if !strings.Contains(string(out), want) {
				t.Errorf("output lacks %q:\n%s", want, out)
			}
		}
	})

	conv, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer conv.Close()
	go func() {
		for {
			c, err := conv.Accept()
			if err != nil {
				return
			}
			go func() { io.Copy(c, c); c.Close() }()
		}
	}()

	addr := freeAddr(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "sitegw")
	cmd.Env = append(os.Environ(), "VOLTPAY_SITEGW_LISTEN="+addr, "VOLTPAY_SITEGW_ALLOW="+conv.Addr().String(),
		"VOLTPAY_SITEGW_USER=poller", "VOLTPAY_SITEGW_PASSWORD=binary-test-pw",
		"VOLTPAY_SITEGW_IDLE_TIMEOUT=30s", "VOLTPAY_LOG_FORMAT=text")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for i := 0; ; i++ {
		c, err := net.Dial("tcp", addr)
		if err == nil {
			c.Close()
			break
		}
		if i == 100 {
			t.Fatalf("sitegw not listening after 10s:\n%s", out.String())
		}
		time.Sleep(100 * time.Millisecond)
	}

	d, err := sitegw.Dialer("socks5://poller:binary-test-pw@"+addr, nil, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	c, err := d.DialContext(ctx, "tcp", conv.Addr().String())
	if err != nil {
		t.Fatalf("dial the converter through sitegw: %v\n%s", err, out.String())
	}
	c.SetDeadline(time.Now().Add(5 * time.Second))
	c.Write([]byte("ping"))
	got := make([]byte, 4)
	if _, err := io.ReadFull(c, got); err != nil || string(got) != "ping" {
		t.Fatalf("echo through sitegw: got %q, %v", got, err)
	}
	c.Close()
	if _, err := d.DialContext(ctx, "tcp", freeAddr(t)); err == nil || !strings.Contains(err.Error(), "not allowed by ruleset") {
		t.Fatalf("dial outside the allowlist: got %v, want not allowed by ruleset", err)
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("sitegw did not exit cleanly after SIGTERM: %v\n%s", err, out.String())
	}
	for _, want := range []string{"sitegw: listening", "user=poller", "result=ok", "sitegw: refused", "sitegw: stopped"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}
