// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"encoding/base64"
	"sort"
	"strings"
)

// markerPage is one page of a Marker/MaxItems list (RAM and IMS): items
// sorted by key, the page starting at the marker.
type markerPage[T any] struct {
	Items       []T
	IsTruncated bool
	// Marker is where the next page starts; "" on the last page.
	Marker string
}

// paginate cuts a page out of items. The marker is opaque to clients: the
// Base64 of the first key of the next page, so that a page stays right when
// items before it are deleted. Keys compare without regard to case.
func paginate[T any](c *call, items []T, key func(T) string, defaultMax, maxMax int64) (markerPage[T], error) {
	maxItems := c.int("MaxItems", defaultMax)
	marker := c.optional("Marker")
	if err := c.paramErr(); err != nil {
		return markerPage[T]{}, err
	}
	if maxItems < 1 || maxItems > maxMax {
		return markerPage[T]{}, errInvalidParam("MaxItems", "it must be between 1 and "+itoa(maxMax))
	}
	sorted := append([]T(nil), items...)
	sort.SliceStable(sorted, func(i, j int) bool { return strings.ToLower(key(sorted[i])) < strings.ToLower(key(sorted[j])) })
	start := 0
	if marker != "" {
		from, err := base64.RawURLEncoding.DecodeString(marker)
		if err != nil {
			return markerPage[T]{}, errInvalidParam("Marker", "it is not a marker returned by a previous call")
		}
		start = sort.Search(len(sorted), func(i int) bool { return strings.ToLower(key(sorted[i])) >= string(from) })
	}
	end := min(start+int(maxItems), len(sorted))
	page := markerPage[T]{Items: sorted[start:end]}
	if end < len(sorted) {
		page.IsTruncated = true
		page.Marker = base64.RawURLEncoding.EncodeToString([]byte(strings.ToLower(key(sorted[end]))))
	}
	return page, nil
}
