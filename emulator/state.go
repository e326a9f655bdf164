// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// The state JSON (GET /_emulator/state, the -state file, the -load file and
// PUT /_emulator/state) is one object:
//
//	{
//	  "AccountId": "1234567890123456",
//	  "Ram": {
//	    "Roles": [{
//	      "RoleName": "sso-admin",                  // required
//	      "AssumeRolePolicyDocument": "{...}",      // required, a JSON string
//	      "RoleId": "3...",                         // 16 digits; generated when omitted
//	      "Description": "", "MaxSessionDuration": 3600,
//	      "CreateDate": "2026-01-02T15:04:05Z", "UpdateDate": "...",
//	      "AttachedPolicies": [{"PolicyType": "System", "PolicyName": "AdministratorAccess", "AttachDate": "..."}]
//	    }],
//	    "Policies": [{                              // Custom policies; System ones are built in
//	      "PolicyName": "ecs-read", "PolicyDocument": "{...}", "Description": "",
//	      "PolicyType": "Custom", "DefaultVersion": "v1", "CreateDate": "...", "UpdateDate": "..."
//	    }]
//	  },
//	  "Ims": {
//	    "SAMLProviders": [{
//	      "SAMLProviderName": "idaas",                    // required
//	      "EncodedSAMLMetadataDocument": "PD94bWwg...",   // required, Base64 of IdP metadata
//	      "Description": "", "AuthnSignAlgo": "rsa-sha1", "CreateDate": "...", "UpdateDate": "..."
//	    }],
//	    "OIDCProviders": [{
//	      "OIDCProviderName": "github", "IssuerUrl": "https://token.actions.githubusercontent.com",
//	      "ClientIds": ["sts.aliyuncs.com"], "Fingerprints": [], "IssuanceLimitTime": 12
//	    }]
//	  },
//	  "Eiam": {...}                                 // eiamState in eiam*.go
//	}
//
// Each product's section is its state struct as encoding/json writes it;
// dates are RFC 3339. In a load file every section and every optional field
// may be omitted: an omitted section keeps the fresh account's objects,
// omitted IDs and dates are generated, and unknown fields are errors (each
// section's normalize method checks the objects with the API's rules).
// Temporary STS credentials and access keys are never part of it.

const stateAccountKey = "AccountId"

// freshState returns the state of a fresh account: every product's
// NewState.
func (s *Server) freshState() map[string]any {
	st := make(map[string]any, len(s.products))
	for _, p := range s.products {
		if p.NewState != nil {
			st[p.Name] = p.NewState(s)
		}
	}
	return st
}

// decodeState reads a state JSON into a fresh state and normalizes it.
func (s *Server) decodeState(data []byte) (map[string]any, error) {
	var raw map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("state JSON: %w", err)
	}
	st := s.freshState()
	for key, msg := range raw {
		if key == stateAccountKey {
			var acct string
			if err := json.Unmarshal(msg, &acct); err != nil {
				return nil, fmt.Errorf("state JSON: %s: %w", key, err)
			}
			if acct != "" && acct != s.accountID {
				return nil, fmt.Errorf("state JSON is for account %s but the emulator runs account %s: start it with -account-id %s or remove %q from the file", acct, s.accountID, acct, stateAccountKey)
			}
			continue
		}
		section, ok := st[key]
		if !ok {
			return nil, fmt.Errorf("state JSON: unknown section %q; the sections are %s", key, strings.Join(s.sectionNames(), ", "))
		}
		d := json.NewDecoder(bytes.NewReader(msg))
		d.DisallowUnknownFields()
		if err := d.Decode(section); err != nil {
			return nil, fmt.Errorf("state JSON: section %s: %w", key, err)
		}
	}
	for _, name := range s.sectionNames() {
		if n, ok := st[name].(stateNormalizer); ok {
			if err := n.normalize(s); err != nil {
				return nil, fmt.Errorf("state JSON: section %s: %w", name, err)
			}
		}
	}
	return st, nil
}

// encodeState writes the state JSON. The caller holds s.mu.
func (s *Server) encodeState() ([]byte, error) {
	out := make(map[string]any, len(s.state)+1)
	for k, v := range s.state {
		out[k] = v
	}
	out[stateAccountKey] = s.accountID
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

func (s *Server) sectionNames() []string {
	names := make([]string, 0, len(s.products))
	for _, p := range s.products {
		if p.NewState != nil {
			names = append(names, p.Name)
		}
	}
	sort.Strings(names)
	return names
}

// stateOf returns a product's state as the type its NewState makes, for a
// product's typed accessor. The caller holds s.mu. Another type is a bug in
// the emulator: the panic becomes an InternalError (runHandler).
func stateOf[T any](s *Server, name string) T {
	st, ok := s.state[name].(T)
	if !ok {
		panic(fmt.Sprintf("emulator: the %s state is a %T, not a %T", name, s.state[name], st))
	}
	return st
}

// persist writes the state file, if any, atomically: a temporary file in the
// same directory, then a rename. The caller holds s.mu.
func (s *Server) persist() error {
	if s.cfg.StateFile == "" {
		return nil
	}
	b, err := s.encodeState()
	if err != nil {
		return err
	}
	return writeFileAtomic(s.cfg.StateFile, b)
}

func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write state file: %w", err)
	}
	tmp := f.Name()
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("write state file: %w", err)
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write state file: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write state file: %w", err)
	}
	return nil
}
