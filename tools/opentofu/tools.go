//go:build tools

// Package tools pins the OpenTofu CLI.
package tools

import _ "github.com/opentofu/opentofu/cmd/tofu"
