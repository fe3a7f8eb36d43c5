package sitegw

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync"
	"time"

	socks5 "github.com/things-go/go-socks5"
)

// Server is a site agent. Create it with New; serve one listener at a time.
type Server struct {
	cfg   Config
	log   *slog.Logger
	allow *allowlist
	socks *socks5.Server
	tls   *tls.Config // nil: plain TCP

	mu       sync.Mutex
	sessions map[string]*session // by the client's remote address
	wg       sync.WaitGroup
}

// New checks cfg (see Config.Validate), loads the TLS key pair when one is
// configured and returns a Server ready to serve.
func New(cfg Config) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.Listen == "" {
		cfg.Listen = DefaultListen
	}
	if cfg.IdleTimeout == 0 {
		cfg.IdleTimeout = DefaultIdleTimeout
	}
	if cfg.DialTimeout == 0 {
		cfg.DialTimeout = DefaultDialTimeout
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Server{cfg: cfg, log: log, allow: newAllowlist(cfg.Allow, log), sessions: map[string]*session{}}
	if cfg.TLSCertFile != "" {
		cert, err := tls.LoadX509KeyPair(cfg.TLSCertFile, cfg.TLSKeyFile)
		if err != nil {
			return nil, fmt.Errorf("sitegw: TLS key pair: %w", err)
		}
		s.tls = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	}
	s.socks = socks5.NewServer(
		socks5.WithCredential(newCredentials(cfg.Users, log)),
		socks5.WithRule(s.allow),
		socks5.WithResolver(noDNS{log: log}),
		socks5.WithDialAndRequest(s.dial),
		socks5.WithBindHandle(refuse),
		socks5.WithAssociateHandle(refuse),
		socks5.WithLogger(socksLogger{log: log}),
	)
	return s, nil
}

// ListenAndServe listens on Config.Listen and serves until ctx ends.
func (s *Server) ListenAndServe(ctx context.Context) error {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", s.cfg.Listen)
	if err != nil {
		return fmt.Errorf("sitegw: %w", err)
	}
	return s.Serve(ctx, ln)
}

// Serve accepts connections on ln (wrapped in TLS when the Server has a
// certificate) until ctx ends; then it closes ln and every open session,
// waits for their goroutines and returns nil. It returns an error only if
// ln fails for another reason.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	if s.tls != nil {
		ln = tls.NewListener(ln, s.tls)
	}
	s.log.Info("sitegw: listening", "addr", ln.Addr().String(), "tls", s.tls != nil, "allow", len(s.cfg.Allow))
	stop := context.AfterFunc(ctx, func() { ln.Close() })
	defer stop()
	defer func() {
		s.closeAll()
		s.wg.Wait()
	}()
	var backoff time.Duration
	for {
		c, err := ln.Accept()
		if err != nil {
			if ctx.Err() != nil {
				s.log.Info("sitegw: stopped")
				return nil
			}
			if errors.Is(err, net.ErrClosed) {
				return fmt.Errorf("sitegw: listener closed: %w", err)
			}
			// Out of file descriptors and the like: wait and try again.
			backoff = min(max(2*backoff, 5*time.Millisecond), time.Second)
			s.log.Warn("sitegw: accept", "err", err, "retry_in", backoff)
			select {
			case <-time.After(backoff):
			case <-ctx.Done():
			}
			continue
		}
		backoff = 0
		sess := s.track(c)
		s.wg.Go(func() {
			defer s.untrack(sess)
			err := s.socks.ServeConn(sess.client)
			if err != nil && !sess.connected() {
				s.log.Info("sitegw: session failed", "source", sess.remote, "err", err)
			}
		})
	}
}

func (s *Server) track(c net.Conn) *session {
	sess := &session{remote: c.RemoteAddr().String(), start: time.Now(), idle: s.cfg.IdleTimeout, maxAge: s.cfg.MaxConnAge}
	sess.client = &idleConn{Conn: c, sess: sess}
	sess.touch()
	s.mu.Lock()
	s.sessions[sess.remote] = sess
	s.mu.Unlock()
	return sess
}

func (s *Server) untrack(sess *session) {
	sess.close()
	s.mu.Lock()
	if s.sessions[sess.remote] == sess {
		delete(s.sessions, sess.remote)
	}
	s.mu.Unlock()
}

func (s *Server) lookup(remote string) *session {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sessions[remote]
}

func (s *Server) closeAll() {
	s.mu.Lock()
	all := make([]*session, 0, len(s.sessions))
	for _, sess := range s.sessions {
		all = append(all, sess)
	}
	s.mu.Unlock()
	for _, sess := range all {
		sess.close()
	}
}

// dial is go-socks5's WithDialAndRequest callback: it runs after the
// allowlist said yes, checks again, connects with a timeout and ties the
// converter's conn to the session's deadlines.
func (s *Server) dial(ctx context.Context, network, _ string, req *socks5.Request) (net.Conn, error) {
	user, source := username(req), addrString(req.RemoteAddr)
	target, ok := destination(req.DestAddr)
	if !ok || !s.allow.targets[target] {
		return nil, fmt.Errorf("sitegw: %v not in allowlist", req.DestAddr)
	}
	sess := s.lookup(source)
	if sess == nil {
		return nil, errors.New("sitegw: session closed")
	}
	d := net.Dialer{Timeout: s.cfg.DialTimeout}
	c, err := d.DialContext(ctx, network, target.String())
	if err != nil {
		s.log.Warn("sitegw: connect failed", "user", user, "source", source, "target", target.String(), "err", err)
		return nil, err
	}
	tc := &targetConn{Conn: c, sess: sess, log: s.log, user: user, source: source, target: target, start: time.Now()}
	if !sess.setTarget(tc) {
		c.Close()
		return nil, errors.New("sitegw: session closed")
	}
	s.log.Info("sitegw: connect", "user", user, "source", source, "target", target.String(), "result", "ok")
	return tc, nil
}
