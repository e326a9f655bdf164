// Copyright (c) The terraform-provider-idaas authors
// SPDX-License-Identifier: MPL-2.0

package emulator_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/ram"

	"github.com/idaas-rolesso/terraform-provider-idaas/emulator"
	"github.com/idaas-rolesso/terraform-provider-idaas/emulator/emulatortest"
)

// BenchmarkServerRawV1 measures the emulator's throughput with no knobs:
// v1-signed GetRole calls over loopback from parallel keep-alive clients.
// It reports requests per second.
func BenchmarkServerRawV1(b *testing.B) {
	srv := emulatortest.Start(b)
	c := defaultClients(b)
	createRole(b, srv, c, "bench", trustRAM())
	var nonce atomic.Int64
	transport := &http.Transport{MaxIdleConnsPerHost: 64}
	client := &http.Client{Transport: transport}
	b.ReportAllocs()
	b.SetParallelism(8) // keep calls in flight, as a provider's parallel graph walk does
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			p := emulator.Params{
				"Action": "GetRole", "Version": "2015-05-01", "Format": "JSON", "RoleName": "bench",
				"Timestamp":       time.Now().UTC().Format("2006-01-02T15:04:05Z"),
				"SignatureMethod": "HMAC-SHA1", "SignatureVersion": "1.0",
				"SignatureNonce": fmt.Sprint(nonce.Add(1)), "AccessKeyId": emulator.DefaultAccessKeyID,
			}
			q := url.Values{}
			for k, v := range p {
				q.Set(k, v)
			}
			q.Set("Signature", emulator.V1Sign(emulator.V1StringToSign(http.MethodGet, p), emulator.DefaultAccessKeySecret))
			resp, err := client.Get(srv.URL() + "/?" + q.Encode())
			if err != nil {
				b.Fatal(err)
			}
			if _, err := io.Copy(io.Discard, resp.Body); err != nil {
				b.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != 200 {
				b.Fatalf("status %d", resp.StatusCode)
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "req/s")
	transport.CloseIdleConnections()
}

// BenchmarkServerSDK measures throughput through the legacy SDK (one
// client per goroutine: it is not safe for concurrent use).
func BenchmarkServerSDK(b *testing.B) {
	srv := emulatortest.Start(b)
	createRole(b, srv, defaultClients(b), "bench", trustRAM())
	b.SetParallelism(8)
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		c := defaultClients(b)
		for pb.Next() {
			req := at(srv, ram.CreateGetRoleRequest())
			req.RoleName = "bench"
			if _, err := c.ram.GetRole(req); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "req/s")
}
