// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator

import "crypto/rsa"

// Exports for the external tests.
var (
	V1StringToSign = v1StringToSign
	V1Sign         = v1Sign
)

// StartWatchingKeys is Start for a server that calls watch with every
// signing key it generates, in the goroutine that generated it. The hook is
// set before the server serves, so that no call races with it.
func StartWatchingKeys(cfg Config, watch func(s *Server, key *rsa.PrivateKey)) (*Server, error) {
	s, err := New(cfg)
	if err != nil {
		return nil, err
	}
	generate := s.generateKey
	s.generateKey = func() (*rsa.PrivateKey, error) {
		key, err := generate()
		if err == nil {
			watch(s, key)
		}
		return key, err
	}
	if err := s.serve(); err != nil {
		return nil, err
	}
	return s, nil
}

// LockHeld reports whether anyone holds the server's lock at this moment.
func LockHeld(s *Server) bool {
	if !s.mu.TryLock() {
		return true
	}
	s.mu.Unlock()
	return false
}
