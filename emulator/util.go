// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"fmt"
	"strconv"
	"time"
)

// isoTime formats a time the way RAM, IMS and STS write times: ISO 8601 UTC
// to the second, e.g. "2015-01-23T12:33:18Z" (FACTS.md).
func isoTime(t time.Time) string { return t.UTC().Format(timestampLayout) }

// epochMillis is a time the way EIAM writes times: Unix epoch milliseconds
// (FACTS.md).
func epochMillis(t time.Time) int64 { return t.UnixMilli() }

func quote(s string) string { return strconv.Quote(s) }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }
