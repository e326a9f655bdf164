// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"
)

// ControlPrefix is the path under which the control API is served. No
// Alibaba Cloud API uses it (they are all served at "/").
const ControlPrefix = "/_emulator/"

// installControl registers the control API. Its bodies are JSON; its
// errors are {"error": "..."} with HTTP 400.
//
//	GET    /_emulator/state        the state JSON (state.go)
//	PUT    /_emulator/state        replace the state: a fresh account plus the body's objects
//	POST   /_emulator/reset        back to the start state (the load file), temporary credentials revoked, request log cleared
//	GET    /_emulator/requests     the request log; ?since=SEQ for calls after SEQ
//	DELETE /_emulator/requests     clear the request log
//	GET    /_emulator/knobs        the knobs (Knobs)
//	PUT    /_emulator/knobs        replace the knobs
//	POST   /_emulator/faults       add one fault rule (Fault)
//	DELETE /_emulator/faults       remove every fault rule
//	GET    /_emulator/clock        {"now": "..."}: the emulator's time
//	POST   /_emulator/clock        {"advance": "1h"}: move the emulator's time forward
//	GET    /_emulator/info         account ID, products, actions, consistency kinds
func (s *Server) installControl() {
	s.mux.HandleFunc("GET "+ControlPrefix+"state", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		b, err := s.encodeState()
		s.mu.Unlock()
		if err != nil {
			controlError(w, err)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		writeBody(w, b)
	})
	s.mux.HandleFunc("PUT "+ControlPrefix+"state", func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, 64<<20))
		if err != nil {
			controlError(w, err)
			return
		}
		st, err := s.decodeState(body)
		if err != nil {
			controlError(w, err)
			return
		}
		s.mu.Lock()
		s.state = st
		err = s.persist()
		s.mu.Unlock()
		if err != nil {
			controlError(w, err)
			return
		}
		controlOK(w, obj{"status": "ok"})
	})
	s.mux.HandleFunc("POST "+ControlPrefix+"reset", func(w http.ResponseWriter, r *http.Request) {
		if err := s.Reset(); err != nil {
			controlError(w, err)
			return
		}
		controlOK(w, obj{"status": "ok"})
	})
	s.mux.HandleFunc("GET "+ControlPrefix+"requests", func(w http.ResponseWriter, r *http.Request) {
		var since int64
		if v := r.URL.Query().Get("since"); v != "" {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				controlError(w, fmt.Errorf("since=%q is not a sequence number", v))
				return
			}
			since = n
		}
		controlOK(w, obj{"requests": s.calls.since(since)})
	})
	s.mux.HandleFunc("DELETE "+ControlPrefix+"requests", func(w http.ResponseWriter, r *http.Request) {
		s.calls.clear()
		controlOK(w, obj{"status": "ok"})
	})
	s.mux.HandleFunc("GET "+ControlPrefix+"knobs", func(w http.ResponseWriter, r *http.Request) {
		controlOK(w, s.knobs.get())
	})
	s.mux.HandleFunc("PUT "+ControlPrefix+"knobs", func(w http.ResponseWriter, r *http.Request) {
		var k Knobs
		if err := decodeStrict(r.Body, &k); err != nil {
			controlError(w, err)
			return
		}
		if err := s.knobs.set(k); err != nil {
			controlError(w, err)
			return
		}
		controlOK(w, s.knobs.get())
	})
	s.mux.HandleFunc("POST "+ControlPrefix+"faults", func(w http.ResponseWriter, r *http.Request) {
		var f Fault
		if err := decodeStrict(r.Body, &f); err != nil {
			controlError(w, err)
			return
		}
		if err := s.knobs.addFault(f); err != nil {
			controlError(w, err)
			return
		}
		controlOK(w, s.knobs.get())
	})
	s.mux.HandleFunc("DELETE "+ControlPrefix+"faults", func(w http.ResponseWriter, r *http.Request) {
		k := s.knobs.get()
		k.Faults = nil
		if err := s.knobs.set(k); err != nil {
			controlError(w, err)
			return
		}
		controlOK(w, s.knobs.get())
	})
	s.mux.HandleFunc("GET "+ControlPrefix+"clock", func(w http.ResponseWriter, r *http.Request) {
		controlOK(w, obj{"now": s.now().Format(time.RFC3339Nano)})
	})
	s.mux.HandleFunc("POST "+ControlPrefix+"clock", func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Advance Duration `json:"advance"`
		}
		if err := decodeStrict(r.Body, &req); err != nil {
			controlError(w, err)
			return
		}
		if err := s.AdvanceClock(time.Duration(req.Advance)); err != nil {
			controlError(w, err)
			return
		}
		controlOK(w, obj{"now": s.now().Format(time.RFC3339Nano)})
	})
	s.mux.HandleFunc("GET "+ControlPrefix+"info", func(w http.ResponseWriter, r *http.Request) {
		products := []obj{}
		for _, p := range s.products {
			products = append(products, obj{"name": p.Name, "version": p.Version, "hostId": p.HostID})
		}
		controlOK(w, obj{
			"accountId":        s.accountID,
			"products":         products,
			"actions":          s.Actions(),
			"consistencyKinds": ConsistencyKinds(),
		})
	})
}

// Reset returns the emulator to its start state: a fresh account plus the
// load file's objects. Temporary credentials are revoked and the request
// log is cleared; knobs are kept.
func (s *Server) Reset() error {
	if err := s.resetState(); err != nil {
		return err
	}
	s.mu.Lock()
	for id, k := range s.keys {
		if k.temporary() {
			delete(s.keys, id)
		}
	}
	clear(s.nonces)
	err := s.persist()
	s.mu.Unlock()
	s.calls.clear()
	return err
}

// AdvanceClock moves the emulator's time forward by d, to expire
// credentials or pass consistency delays without waiting.
func (s *Server) AdvanceClock(d time.Duration) error {
	if d < 0 {
		return fmt.Errorf("the clock only moves forward; %v is negative", d)
	}
	s.clockOffset.Add(int64(d))
	return nil
}

func decodeStrict(r io.Reader, v any) error {
	d := json.NewDecoder(io.LimitReader(r, 1<<20))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return fmt.Errorf("request body: %w", err)
	}
	return nil
}

func controlOK(w http.ResponseWriter, body any) {
	b, err := json.MarshalIndent(body, "", "  ")
	if err != nil {
		controlError(w, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	writeBody(w, append(b, '\n'))
}

func controlError(w http.ResponseWriter, err error) {
	b, _ := json.Marshal(obj{"error": err.Error()})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusBadRequest)
	writeBody(w, append(b, '\n'))
}
