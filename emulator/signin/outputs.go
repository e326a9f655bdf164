// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package signin

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"text/tabwriter"
)

// AccountsOutput is the output of examples/complete that lists the
// application accounts, each an object with the fields of Account.
const AccountsOutput = "accounts"

// ReadOutputs reads the accounts from the JSON that `tofu output -json`
// (or `terraform output -json`) writes for examples/complete, sorted by
// username, then role name.
func ReadOutputs(r io.Reader) ([]Account, error) {
	var outputs map[string]struct {
		Value json.RawMessage `json:"value"`
	}
	if err := json.NewDecoder(r).Decode(&outputs); err != nil {
		return nil, fmt.Errorf("reading the outputs: %w; pipe in the JSON of `tofu output -json`", err)
	}
	out, ok := outputs[AccountsOutput]
	if !ok {
		return nil, fmt.Errorf("the outputs have no %q output: run `tofu output -json` in examples/complete after apply", AccountsOutput)
	}
	var byKey map[string]Account
	if err := json.Unmarshal(out.Value, &byKey); err != nil {
		return nil, fmt.Errorf("the %q output is not a map of objects with username, role_name, role_attribute and sign_in_url: %w", AccountsOutput, err)
	}
	accounts := make([]Account, 0, len(byKey))
	for key, a := range byKey {
		if a.Username == "" || a.RoleName == "" || a.RoleAttribute == "" || a.SignInURL == "" {
			return nil, fmt.Errorf("the account %q of the %q output lacks one of username, role_name, role_attribute and sign_in_url", key, AccountsOutput)
		}
		accounts = append(accounts, a)
	}
	slices.SortFunc(accounts, func(a, b Account) int {
		return cmp.Or(cmp.Compare(a.Username, b.Username), cmp.Compare(a.RoleName, b.RoleName))
	})
	return accounts, nil
}

// WriteTable writes the results as a table a person reads: who signed in
// to which role as which identity, or why not; then a summary line.
func WriteTable(w io.Writer, results []Result) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "USER\tROLE\tRESULT")
	users, failures := map[string]bool{}, 0
	for _, r := range results {
		users[r.Username] = true
		if r.OK() {
			fmt.Fprintf(tw, "%s\t%s\tsigned in as %s\n", r.Username, r.RoleName, r.Identity)
			continue
		}
		failures++
		fmt.Fprintf(tw, "%s\t%s\tFAILED: %v\n", r.Username, r.RoleName, r.Err)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\nUsers: %d. Role sign-ins: %d succeeded, %d failed.\n", len(users), len(results)-failures, failures)
	return err
}
