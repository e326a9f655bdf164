// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"context"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"log"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Defaults, documented for users (contracts.md). The key is not a secret:
// it only opens the emulator.
const (
	DefaultAccountID       = "1234567890123456"
	DefaultAccessKeyID     = "LTAI5tEmulatorDefaultKey"
	DefaultAccessKeySecret = "EmulatorDefaultSecret0123456789ab"
	DefaultListen          = "127.0.0.1:0"
)

// Config configures a Server. The zero value serves the default account
// with the default key on a free loopback port.
type Config struct {
	// Listen is the TCP address to serve on; port 0 picks a free port.
	// Default DefaultListen.
	Listen string
	// AccountID is the emulated Alibaba Cloud account. Default
	// DefaultAccountID.
	AccountID string
	// AccessKeys are the long-term keys the emulator accepts. Default: the
	// one key DefaultAccessKeyID / DefaultAccessKeySecret of the account's
	// root identity.
	AccessKeys []AccessKey
	// StateFile, when set, is loaded at start if it exists and written
	// atomically after every change.
	StateFile string
	// LoadFile and Load are pre-populated objects in the state JSON schema
	// (state.go), applied to a fresh account at start and on reset. A
	// StateFile that exists takes precedence. Load is used when LoadFile is
	// empty.
	LoadFile string
	Load     []byte
	// Knobs are the initial behaviour knobs (latency, QPS limits, faults,
	// consistency delays); the control API changes them at run time.
	Knobs Knobs
	// Clock returns the current time. Default time.Now. Tests use it to
	// expire credentials without sleeping.
	Clock func() time.Time
	// TimestampTolerance is how far a signed request's time may be from
	// the wall clock. Default 15 minutes, as the real gateway.
	TimestampTolerance time.Duration
	// Seed seeds the random choices (probabilistic faults, generated IDs).
	// Zero picks a random seed.
	Seed uint64
	// Logf reports problems the emulator cannot answer a call with, such as
	// a failed state file write. Default: the standard logger.
	Logf func(format string, args ...any)
}

// AccessKey is a long-term access key the emulator accepts.
type AccessKey struct {
	ID     string `json:"AccessKeyId"`
	Secret string `json:"AccessKeySecret"`
	// UserName, when set, makes the key a RAM user's; otherwise it is the
	// account's root key.
	UserName string `json:"UserName,omitempty"`
}

// Server is a running emulator: an http.Handler serving the Ram, Ims, Sts
// and Eiam APIs on one port, plus the control API under /_emulator/.
type Server struct {
	cfg                Config
	accountID          string
	timestampTolerance time.Duration
	clockOffset        atomic.Int64 // nanoseconds added to cfg.Clock
	logf               func(format string, args ...any)
	mux                *http.ServeMux
	// generateKey makes RSA keys for signing keys; tests watch it.
	generateKey func() (*rsa.PrivateKey, error)

	products         []*product
	productByName    map[string]*product
	productByVersion map[string]*product

	// mu guards everything below, and every product's state.
	mu           sync.Mutex
	state        map[string]any // product name → its state, see state.go
	initialLoad  []byte         // the load JSON, re-applied on reset
	keys         map[string]*credential
	nonces       map[string]time.Time
	noncesPruned time.Time
	knobs        knobState
	calls        callLog
	rand         *rand.Rand

	listener  net.Listener
	http      *http.Server
	serveErr  chan error
	closeOnce sync.Once
}

// New builds a Server without listening: use it as an http.Handler, or
// call Start instead.
func New(cfg Config) (*Server, error) {
	s := &Server{
		cfg:                cfg,
		accountID:          cfg.AccountID,
		timestampTolerance: cfg.TimestampTolerance,
		logf:               cfg.Logf,
		productByName:      map[string]*product{},
		productByVersion:   map[string]*product{},
		keys:               map[string]*credential{},
		nonces:             map[string]time.Time{},
		generateKey:        generateSigningKey,
	}
	if s.accountID == "" {
		s.accountID = DefaultAccountID
	}
	if !isAccountID(s.accountID) {
		return nil, fmt.Errorf("account ID %q is not valid: it must be 16 digits, such as %s", s.accountID, DefaultAccountID)
	}
	if s.timestampTolerance <= 0 {
		s.timestampTolerance = defaultTimestampTolerance
	}
	if s.logf == nil {
		s.logf = log.Printf
	}
	if s.cfg.Clock == nil {
		s.cfg.Clock = time.Now
	}
	seed := cfg.Seed
	if seed == 0 {
		seed = rand.Uint64()
	}
	s.rand = rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))

	keys := cfg.AccessKeys
	if len(keys) == 0 {
		keys = []AccessKey{{ID: DefaultAccessKeyID, Secret: DefaultAccessKeySecret}}
	}
	for _, k := range keys {
		if err := s.addAccessKey(k); err != nil {
			return nil, err
		}
	}
	if err := s.knobs.set(cfg.Knobs); err != nil {
		return nil, fmt.Errorf("knobs: %w", err)
	}

	for _, spec := range productSpecs {
		p := &product{productSpec: spec, actions: map[string]action{}}
		s.products = append(s.products, p)
		s.productByName[p.Name] = p
		s.productByVersion[p.Version] = p
	}
	s.mux = http.NewServeMux()
	s.mux.HandleFunc("/", s.serveAPI)
	s.installControl()
	for _, p := range s.products {
		if p.Install != nil {
			p.Install(s)
		}
	}

	if err := s.loadInitialState(); err != nil {
		return nil, err
	}
	return s, nil
}

// Start builds a Server and serves it on cfg.Listen until Close.
func Start(cfg Config) (*Server, error) {
	s, err := New(cfg)
	if err != nil {
		return nil, err
	}
	if err := s.serve(); err != nil {
		return nil, err
	}
	return s, nil
}

// serve starts serving a new Server on cfg.Listen.
func (s *Server) serve() error {
	addr := s.cfg.Listen
	if addr == "" {
		addr = DefaultListen
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	s.listener = ln
	s.http = &http.Server{Handler: s, ReadHeaderTimeout: 30 * time.Second}
	s.serveErr = make(chan error, 1)
	go func() { s.serveErr <- s.http.Serve(ln) }()
	return nil
}

// URL is the base URL the server listens on, "http://127.0.0.1:PORT"; ""
// for a server built with New.
func (s *Server) URL() string {
	if s.listener == nil {
		return ""
	}
	return "http://" + s.listener.Addr().String()
}

// Addr is the host:port the server listens on, the form the SDKs take as
// an endpoint or request domain.
func (s *Server) Addr() string {
	if s.listener == nil {
		return ""
	}
	return s.listener.Addr().String()
}

// AccountID is the emulated account's ID.
func (s *Server) AccountID() string { return s.accountID }

// Close stops serving, waiting briefly for calls in flight. It is safe to
// call more than once.
func (s *Server) Close() error {
	var err error
	s.closeOnce.Do(func() {
		if s.http == nil {
			return
		}
		// Calls in flight get a moment to finish; connections that linger
		// after it (a client's spare keep-alive connection that never sent
		// a request counts as busy for five seconds) are closed.
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if s.http.Shutdown(ctx) != nil {
			err = s.http.Close()
		}
		if serr := <-s.serveErr; serr != nil && !errors.Is(serr, http.ErrServerClosed) && err == nil {
			err = serr
		}
	})
	return err
}

// ServeHTTP serves the APIs and the control API.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// route adds an HTTP route besides the APIs, such as the IdP metadata URL.
// Patterns are those of http.ServeMux; call it from a product's Install.
func (s *Server) route(pattern string, h http.HandlerFunc) { s.mux.HandleFunc(pattern, h) }

// now is the emulator's time: the configured clock plus any advance made
// through the control API.
func (s *Server) now() time.Time {
	return s.cfg.Clock().Add(time.Duration(s.clockOffset.Load())).UTC()
}

// loadInitialState sets the state at start: the state file if it exists,
// else the load JSON applied to a fresh account.
func (s *Server) loadInitialState() error {
	load := s.cfg.Load
	if s.cfg.LoadFile != "" {
		b, err := os.ReadFile(s.cfg.LoadFile)
		if err != nil {
			return fmt.Errorf("read -load file: %w", err)
		}
		load = b
	}
	s.initialLoad = load
	if s.cfg.StateFile != "" {
		b, err := os.ReadFile(s.cfg.StateFile)
		switch {
		case err == nil:
			st, err := s.decodeState(b)
			if err != nil {
				return fmt.Errorf("state file %s: %w", s.cfg.StateFile, err)
			}
			s.state = st
			return nil
		case !errors.Is(err, os.ErrNotExist):
			return fmt.Errorf("read state file: %w", err)
		}
	}
	if err := s.resetState(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.persist()
}

// resetState sets the state to a fresh account plus the load JSON.
func (s *Server) resetState() error {
	st := s.freshState()
	if len(s.initialLoad) > 0 {
		var err error
		if st, err = s.decodeState(s.initialLoad); err != nil {
			return fmt.Errorf("load: %w", err)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.state = st
	return nil
}

// addAccessKey adds a long-term key.
func (s *Server) addAccessKey(k AccessKey) error {
	if k.ID == "" || k.Secret == "" {
		return fmt.Errorf("access key %q: both an ID and a secret are required", k.ID)
	}
	if _, dup := s.keys[k.ID]; dup {
		return fmt.Errorf("access key %q is configured twice", k.ID)
	}
	who := principal{IdentityType: identityAccount, AccountID: s.accountID, AccessKeyID: k.ID}
	if k.UserName != "" {
		who.IdentityType = identityRAMUser
		who.UserName = k.UserName
		who.UserID = stableNumericID("user:" + s.accountID + ":" + k.UserName)
	}
	s.keys[k.ID] = &credential{secret: k.Secret, who: who}
	return nil
}

// stableNumericID derives a 16-digit numeric ID from a name, so that IDs of
// configured identities survive restarts.
func stableNumericID(name string) string {
	sum := sha256.Sum256([]byte(name))
	n := binary.BigEndian.Uint64(sum[:8])%9e15 + 1e15
	return strconv.FormatUint(n, 10)
}

func isAccountID(s string) bool {
	if len(s) != 16 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
