// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Knobs are the emulator's behaviour settings for tests: latency, QPS
// limits, injected faults and eventual-consistency delays. They are set by
// Config.Knobs, the command's flags, and PUT /_emulator/knobs.
//
// An action is named "Action" (any product) or "Product.Action"; "*" names
// every action. A "Product.Action" entry wins over an "Action" entry, which
// wins over "*".
type Knobs struct {
	// Latency delays every API call's answer.
	Latency Duration `json:"latency,omitempty"`
	// ActionLatency overrides Latency for some actions.
	ActionLatency map[string]Duration `json:"actionLatency,omitempty"`
	// QPS limits the calls per second of each action; a call over the
	// limit answers Throttling.User. "*" gives every action its own limit.
	QPS map[string]float64 `json:"qps,omitempty"`
	// Faults are injected failures, tried in order; the first that fires
	// wins.
	Faults []Fault `json:"faults,omitempty"`
	// Consistency delays, by kind (ConsistencyKinds): an object of that
	// kind is invisible (or unusable) for the delay after its creation.
	Consistency map[string]Duration `json:"consistency,omitempty"`
}

// FaultKind is what an injected fault does.
type FaultKind string

// Fault kinds.
const (
	// FaultInternalError answers HTTP 500 InternalError without running
	// the action.
	FaultInternalError FaultKind = "internal-error"
	// FaultUnavailable answers HTTP 503 ServiceUnavailable without running
	// the action.
	FaultUnavailable FaultKind = "unavailable"
	// FaultThrottling answers Throttling.User without running the action.
	FaultThrottling FaultKind = "throttling"
	// FaultReset drops the connection without running the action.
	FaultReset FaultKind = "reset"
	// FaultAmbiguous runs the action (its change is applied) and then drops
	// the connection: the client cannot tell whether the write happened.
	// It applies to writes only.
	FaultAmbiguous FaultKind = "ambiguous"
)

var faultKinds = []FaultKind{FaultInternalError, FaultUnavailable, FaultThrottling, FaultReset, FaultAmbiguous}

// Fault is one injected failure rule.
type Fault struct {
	// Action is the action it applies to: "Action", "Product.Action" or
	// "*".
	Action string    `json:"action"`
	Kind   FaultKind `json:"kind"`
	// Count, when positive, makes the rule deterministic: it fires on the
	// next Count matching calls, then is spent.
	Count int `json:"count,omitempty"`
	// Probability, when Count is zero, is the chance (0 < p ≤ 1) that the
	// rule fires on each matching call.
	Probability float64 `json:"probability,omitempty"`
}

// Duration is a time.Duration written in JSON as a Go duration string,
// such as "150ms".
type Duration time.Duration

// MarshalJSON writes the duration as a string.
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

// UnmarshalJSON reads a duration string such as "2s", or a number of
// nanoseconds.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		var n int64
		if err := json.Unmarshal(b, &n); err != nil {
			return fmt.Errorf("a duration must be a string such as \"150ms\": %s", b)
		}
		*d = Duration(n)
		return nil
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return err
	}
	*d = Duration(v)
	return nil
}

// consistencyKinds are the kinds of objects a consistency delay applies
// to, with what the delay does. Products add theirs with
// registerConsistencyKind from an init function.
var consistencyKinds = map[string]string{}

// registerConsistencyKind declares a kind of eventually consistent object.
func registerConsistencyKind(kind, effect string) {
	if _, dup := consistencyKinds[kind]; dup {
		panic("emulator: consistency kind " + kind + " registered twice")
	}
	consistencyKinds[kind] = effect
}

// ConsistencyKinds returns the kinds Knobs.Consistency accepts, with what
// each delay does.
func ConsistencyKinds() map[string]string {
	out := make(map[string]string, len(consistencyKinds))
	for k, v := range consistencyKinds {
		out[k] = v
	}
	return out
}

// knobState holds the current knobs and the QPS limiters.
type knobState struct {
	mu       sync.Mutex
	k        Knobs
	limiters map[string]*rate.Limiter // by "Product.Action"
}

func (k Knobs) validate() error {
	if k.Latency < 0 {
		return fmt.Errorf("latency %v is negative", time.Duration(k.Latency))
	}
	for a, d := range k.ActionLatency {
		if d < 0 {
			return fmt.Errorf("latency of %s is negative", a)
		}
	}
	for a, q := range k.QPS {
		if !(q > 0) || math.IsInf(q, 0) {
			return fmt.Errorf("QPS limit of %s must be a positive number, not %v", a, q)
		}
	}
	for i, f := range k.Faults {
		if f.Action == "" {
			return fmt.Errorf("fault %d: the action is missing; name one, such as \"CreateRole\", or \"*\"", i+1)
		}
		if !knownFaultKind(f.Kind) {
			return fmt.Errorf("fault %d: kind %q is not one of %s", i+1, f.Kind, faultKindList())
		}
		if f.Count < 0 {
			return fmt.Errorf("fault %d: count %d is negative", i+1, f.Count)
		}
		if f.Count == 0 && !(f.Probability > 0 && f.Probability <= 1) {
			return fmt.Errorf("fault %d: set a count (fail the next N calls) or a probability in (0, 1]", i+1)
		}
	}
	for kind, d := range k.Consistency {
		if _, ok := consistencyKinds[kind]; !ok {
			return fmt.Errorf("consistency kind %q is unknown; the kinds are %s", kind, strings.Join(sortedKeys(consistencyKinds), ", "))
		}
		if d < 0 {
			return fmt.Errorf("consistency delay of %s is negative", kind)
		}
	}
	return nil
}

func knownFaultKind(k FaultKind) bool {
	for _, f := range faultKinds {
		if f == k {
			return true
		}
	}
	return false
}

func faultKindList() string {
	var s []string
	for _, f := range faultKinds {
		s = append(s, string(f))
	}
	return strings.Join(s, ", ")
}

// set replaces the knobs.
func (ks *knobState) set(k Knobs) error {
	if err := k.validate(); err != nil {
		return err
	}
	ks.mu.Lock()
	defer ks.mu.Unlock()
	ks.k = cloneKnobs(k)
	ks.limiters = map[string]*rate.Limiter{}
	return nil
}

// get returns a copy of the knobs.
func (ks *knobState) get() Knobs {
	ks.mu.Lock()
	defer ks.mu.Unlock()
	return cloneKnobs(ks.k)
}

// addFault appends a fault rule.
func (ks *knobState) addFault(f Fault) error {
	if err := (Knobs{Faults: []Fault{f}}).validate(); err != nil {
		return err
	}
	ks.mu.Lock()
	defer ks.mu.Unlock()
	ks.k.Faults = append(ks.k.Faults, f)
	return nil
}

func cloneKnobs(k Knobs) Knobs {
	b, _ := json.Marshal(k)
	var out Knobs
	_ = json.Unmarshal(b, &out)
	return out
}

// lookup finds the entry for an action: "Product.Action", then "Action",
// then "*".
func lookup[V any](m map[string]V, productName, actionName string) (V, bool) {
	for _, key := range []string{productName + "." + actionName, actionName, "*"} {
		if v, ok := m[key]; ok {
			return v, true
		}
	}
	var zero V
	return zero, false
}

func matchesAction(pattern, productName, actionName string) bool {
	return pattern == "*" || pattern == actionName || pattern == productName+"."+actionName
}

// latencyFor returns the delay for an action.
func (s *Server) latencyFor(productName, actionName string) time.Duration {
	ks := &s.knobs
	ks.mu.Lock()
	defer ks.mu.Unlock()
	if d, ok := lookup(ks.k.ActionLatency, productName, actionName); ok {
		return time.Duration(d)
	}
	return time.Duration(ks.k.Latency)
}

// allow reports whether a call is within its action's QPS limit.
func (ks *knobState) allow(productName, actionName string, now time.Time) bool {
	ks.mu.Lock()
	defer ks.mu.Unlock()
	qps, ok := lookup(ks.k.QPS, productName, actionName)
	if !ok {
		return true
	}
	key := productName + "." + actionName
	l := ks.limiters[key]
	if l == nil {
		l = rate.NewLimiter(rate.Limit(qps), max(1, int(qps)))
		ks.limiters[key] = l
	}
	return l.AllowN(now, 1)
}

// pickFault returns the fault to inject into a call, "" for none. A spent
// deterministic rule is removed.
func (ks *knobState) pickFault(productName, actionName string, write bool, rnd *rand.Rand) FaultKind {
	ks.mu.Lock()
	defer ks.mu.Unlock()
	for i := range ks.k.Faults {
		f := &ks.k.Faults[i]
		if !matchesAction(f.Action, productName, actionName) || (f.Kind == FaultAmbiguous && !write) {
			continue
		}
		if f.Count > 0 {
			f.Count--
			kind := f.Kind
			if f.Count == 0 {
				ks.k.Faults = append(ks.k.Faults[:i], ks.k.Faults[i+1:]...)
			}
			return kind
		}
		if rnd.Float64() < f.Probability {
			return f.Kind
		}
	}
	return ""
}

// visible reports whether an object of a kind created at created is
// visible at now, given the kind's consistency delay. Handlers treat an
// invisible object as absent (reads) or unusable (references).
func (s *Server) visible(kind string, created, now time.Time) bool {
	ks := &s.knobs
	ks.mu.Lock()
	d := ks.k.Consistency[kind]
	ks.mu.Unlock()
	return d <= 0 || !now.Before(created.Add(time.Duration(d)))
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
