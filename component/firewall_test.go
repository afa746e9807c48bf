package component

import (
	"strings"
	"testing"
)

func TestValidateIPRule(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in, want, err string
		width         int
	}{
		{in: "20.50.0.0/16", want: "20.50.0.0/16"},
		{in: "20.50.0.0/15", err: "wider than /16"},
		{in: "20.50.0.0/15", width: 15, want: "20.50.0.0/15"},
		{in: "52.10.20.30", want: "52.10.20.30"},
		{in: " 52.10.20.30/32 ", want: "52.10.20.30"},
		{in: "0.0.0.0/0", err: "whole internet"},
		{in: "0.0.0.0/0", width: 1, err: "whole internet"},
		{in: "10.0.0.1", err: "private"},
		{in: "192.168.1.0/24", err: "private"},
		{in: "172.31.255.255", err: "private"},
		{in: "172.32.0.0/16", want: "172.32.0.0/16"},
		{in: "100.64.0.0/16", err: "shared address space"},
		{in: "203.0.113.0/24", err: "documentation"},
		{in: "224.0.0.1", err: "multicast"},
		{in: "255.255.255.255", err: "reserved"},
		{in: "11.0.0.0/8", width: 8, want: "11.0.0.0/8"},
		{in: "8.0.0.0/6", width: 1, err: "overlaps"}, // 8.0.0.0/6 covers 10.0.0.0/8
		{in: "1.2.3.4/24", err: "host bits"},
		{in: "::1", err: "IPv4 only"},
		{in: "1.2.3", err: "not an IPv4"},
		{in: "1.2.3.4/33", err: "not an IPv4"},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			t.Parallel()
			w := tc.width
			if w == 0 {
				w = DefaultMaxIPRulePrefixWidth
			}
			got, err := ValidateIPRule(tc.in, w)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("ValidateIPRule(%q) = %q, %v; want error %q", tc.in, got, err, tc.err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("ValidateIPRule(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
			}
		})
	}
}

func TestValidateSubnetID(t *testing.T) {
	t.Parallel()
	good := "/subscriptions/22222222-2222-4222-8222-222222222222/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet"
	if err := ValidateSubnetID(good); err != nil {
		t.Fatal(err)
	}
	if err := ValidateSubnetID(strings.ToLower(good)); err != nil {
		t.Fatalf("ARM IDs are case-insensitive: %v", err)
	}
	for _, bad := range []string{
		"", "snet", good + "/", strings.Replace(good, "22222222-2222-4222-8222-222222222222", "sub", 1),
		strings.Replace(good, "Microsoft.Network", "Microsoft.Compute", 1),
		strings.Replace(good, "/subnets/snet", "", 1),
		strings.Replace(good, "/subnets/snet", "/subnets/", 1),
	} {
		if err := ValidateSubnetID(bad); err == nil {
			t.Errorf("ValidateSubnetID(%q) accepted a malformed ID", bad)
		}
	}
	if got := virtualNetworkOfSubnet(good); got != strings.TrimSuffix(good, "/subnets/snet") {
		t.Errorf("virtualNetworkOfSubnet = %q", got)
	}
}
