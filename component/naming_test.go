package component

import (
	"regexp"
	"strings"
	"testing"
)

func TestValidateVaultName(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		ok   bool
	}{
		{"kv1", true},
		{"kv", false},
		{"a23456789012345678901234", true}, // 24
		{"a234567890123456789012345", false},
		{"kv-app-01", true},
		{"KV-App", true},
		{"1kv", false},
		{"-kv", false},
		{"kv-", false},
		{"kv--app", false},
		{"kv_app", false},
		{"kv.app", false},
		{"kvé", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if err := ValidateVaultName(tc.name); (err == nil) != tc.ok {
				t.Fatalf("ValidateVaultName(%q) = %v, want ok=%v", tc.name, err, tc.ok)
			}
		})
	}
}

func TestDeriveVaultNameIsValidDeterministicAndDistinct(t *testing.T) {
	t.Parallel()
	inputs := []string{"app", "payments-vault", "Très Long Component Name With Spaces 123456", "123", "---", "a", "x--y__z", strings.Repeat("q", 80)}
	seen := map[string]string{}
	for _, in := range inputs {
		got := DeriveVaultName("proj", "dev", in)
		if err := ValidateVaultName(got); err != nil {
			t.Errorf("DeriveVaultName(%q) = %q is invalid: %v", in, got, err)
		}
		if again := DeriveVaultName("proj", "dev", in); again != got {
			t.Errorf("DeriveVaultName(%q) not deterministic: %q then %q", in, got, again)
		}
		if prev, dup := seen[got]; dup {
			t.Errorf("%q and %q derive the same name %q", prev, in, got)
		}
		seen[got] = in
	}
	if DeriveVaultName("proj", "dev", "app") == DeriveVaultName("proj", "prod", "app") {
		t.Error("the same component in two stacks must get different global names")
	}
	if got := DeriveVaultName("proj", "dev", "payments"); !strings.HasPrefix(got, "payments-") {
		t.Errorf("derived name %q should keep the component name readable", got)
	}
}

func TestRoleAssignmentNameIsAStableUUIDv5(t *testing.T) {
	t.Parallel()
	uuidV5 := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	a := RoleAssignmentName("/subscriptions/s/rg/v", "p1", "/r/role")
	if !uuidV5.MatchString(a) {
		t.Fatalf("%q is not a UUIDv5", a)
	}
	if b := RoleAssignmentName("/SUBSCRIPTIONS/s/rg/v", "P1", "/r/ROLE"); b != a {
		t.Errorf("names must compare case-insensitively like Azure IDs: %q vs %q", a, b)
	}
	for _, other := range []string{
		RoleAssignmentName("/subscriptions/s/rg/v2", "p1", "/r/role"),
		RoleAssignmentName("/subscriptions/s/rg/v", "p2", "/r/role"),
		RoleAssignmentName("/subscriptions/s/rg/v", "p1", "/r/role2"),
	} {
		if other == a {
			t.Errorf("a different scope, principal or role must give a different name")
		}
	}
}

func TestResolveRole(t *testing.T) {
	t.Parallel()
	sub := "22222222-2222-4222-8222-222222222222"
	cases := []struct {
		in, want, err string
	}{
		{in: "Key Vault Secrets User", want: "/subscriptions/" + sub + roleDefinitionsPath + "4633458b-17de-408a-b874-0445c86b69e6"},
		{in: "key vault crypto service encryption user", want: "/subscriptions/" + sub + roleDefinitionsPath + "e147488a-f6f5-4113-8e2d-b22465e65bf6"},
		{in: "21090545-7CA7-4776-B22C-E363652D74D2", want: "/subscriptions/" + sub + roleDefinitionsPath + "21090545-7ca7-4776-b22c-e363652d74d2"},
		{in: "/subscriptions/" + sub + roleDefinitionsPath + "4633458b-17de-408a-b874-0445c86b69e6", want: "/subscriptions/" + sub + roleDefinitionsPath + "4633458b-17de-408a-b874-0445c86b69e6"},
		{in: roleDefinitionsPath + "4633458b-17de-408a-b874-0445c86b69e6", want: roleDefinitionsPath + "4633458b-17de-408a-b874-0445c86b69e6"},
		{in: "Key Vault Secrets Reader", err: "not a known built-in role"},
		{in: "/foo" + roleDefinitionsPath + "4633458b-17de-408a-b874-0445c86b69e6", err: "not a role definition ID"},
		{in: " ", err: "is required"},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			t.Parallel()
			r, err := resolveRole(tc.in)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("resolveRole(%q) error = %v, want %q", tc.in, err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := r.definitionID(sub); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
	// Every Key Vault data-plane role in the catalogue resolves to a GUID.
	for name, guid := range BuiltInRoles {
		if !isGUID(guid) {
			t.Errorf("%s has a malformed GUID %q", name, guid)
		}
	}
}
