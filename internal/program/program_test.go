package program_test

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/internal/azmock"
	"github.com/zerotrust-kv/pulumi-zerotrust-keyvault/internal/program"
)

// stackConfig reads stacks/Pulumi.<stack>.yaml and encodes it the way the CLI
// hands config to a program.
func stackConfig(t *testing.T, stack string) map[string]string {
	t.Helper()
	raw, err := os.ReadFile("../../stacks/Pulumi." + stack + ".yaml")
	require.NoError(t, err)
	var doc struct {
		Config map[string]any `yaml:"config"`
	}
	require.NoError(t, yaml.Unmarshal(raw, &doc))
	out := map[string]string{}
	for k, v := range doc.Config {
		switch v := v.(type) {
		case string:
			out[k] = v
		case bool, int, float64:
			out[k] = fmt.Sprint(v)
		default:
			b, err := json.Marshal(v)
			require.NoError(t, err)
			out[k] = string(b)
		}
	}
	return out
}

func runStack(t *testing.T, stack string, cfg map[string]string) (*azmock.Mocks, error) {
	t.Helper()
	m := azmock.New(program.Namespace, stack)
	err := pulumi.RunErr(program.Run, m.RunOption(), azmock.WithConfig(cfg))
	return m, err
}

func counts(m *azmock.Mocks) map[string]int {
	c := map[string]int{}
	for _, r := range m.Resources() {
		c[r.Type]++
	}
	return c
}

func TestStacks(t *testing.T) {
	t.Parallel()
	cases := []struct {
		stack string
		want  map[string]int
		check func(t *testing.T, m *azmock.Mocks)
	}{
		{"dev", map[string]int{
			"azure-native:resources:ResourceGroup": 1, "azure-native:network:VirtualNetwork": 1, "azure-native:network:Subnet": 1,
			"azure-native:operationalinsights:Workspace": 1, "azure-native:network:PrivateZone": 1,
			"azure-native:authorization:RoleAssignment": 1,
		}, func(t *testing.T, m *azmock.Mocks) {
			v := m.OfType("azure-native:keyvault:Vault")[0]
			assert.Equal(t, float64(7), v.Inputs["properties"].ObjectValue()["softDeleteRetentionInDays"].NumberValue())
			assert.False(t, v.Protect)
		}},
		{"staging", map[string]int{
			"azure-native:resources:ResourceGroup": 1, "azure-native:network:VirtualNetwork": 1,
			"azure-native:operationalinsights:Workspace": 1, "azure-native:authorization:RoleAssignment": 2,
		}, nil},
		{"prod", map[string]int{
			"azure-native:resources:ResourceGroup": 0, "azure-native:network:VirtualNetwork": 0, "azure-native:network:Subnet": 0,
			"azure-native:operationalinsights:Workspace": 0, "azure-native:network:PrivateZone": 0,
			"azure-native:network:PrivateDnsZoneGroup": 1, "azure-native:authorization:RoleAssignment": 3,
			"azure-native:keyvault:Key": 1, "azure-native:authorization:PimRoleEligibilitySchedule": 1,
			"azure-native:authorization:RoleManagementPolicy": 1, "azure-native:insights:ActionGroup": 1,
			"azure-native:insights:ScheduledQueryRule": 1, "azure-native:insights:ActivityLogAlert": 1,
			"azure-native:resources:DeploymentAtSubscriptionScope": 1,
		}, func(t *testing.T, m *azmock.Mocks) {
			k := m.OfType("azure-native:keyvault:Key")[0]
			assert.Equal(t, "RSA-HSM", k.Inputs["properties"].ObjectValue()["kty"].StringValue(), "premium vaults get HSM keys")
			assert.NotEmpty(t, m.OfType("azure-native:insights:MetricAlert"))
			assert.NotEmpty(t, m.OfType("azure-native:authorization:PolicyAssignment"), "prod assigns the guardrails")
			v := m.OfType("azure-native:keyvault:Vault")[0]
			props := v.Inputs["properties"].ObjectValue()
			assert.Equal(t, "premium", props["sku"].ObjectValue()["name"].StringValue())
			assert.True(t, v.Protect, "prod vault must be protected")
			assert.Equal(t, "rg-zt-kv-prod", v.Inputs["resourceGroupName"].StringValue())
			acls := props["networkAcls"].ObjectValue()
			assert.Empty(t, acls["ipRules"].ArrayValue(), "prod has no firewall exceptions")
			pe := m.OfType("azure-native:network:PrivateEndpoint")[0]
			assert.Contains(t, pe.Inputs["subnet"].ObjectValue()["id"].StringValue(), "/virtualNetworks/vnet-hub/subnets/")
			d := m.OfType("azure-native:insights:DiagnosticSetting")[0]
			assert.Contains(t, d.Inputs["workspaceId"].StringValue(), "law-hub-security")
		}},
	}
	for _, tc := range cases {
		t.Run(tc.stack, func(t *testing.T) {
			t.Parallel()
			m, err := runStack(t, tc.stack, stackConfig(t, tc.stack))
			require.NoError(t, err)
			c := counts(m)
			// Every stack gets the full zero-trust set.
			for _, typ := range []string{"azure-native:keyvault:Vault", "azure-native:network:PrivateEndpoint", "azure-native:insights:DiagnosticSetting"} {
				assert.Equal(t, 1, c[typ], typ)
			}
			assert.Equal(t, 2, c["azure-native:authorization:ManagementLockByScope"])
			for typ, n := range tc.want {
				assert.Equal(t, n, c[typ], typ)
			}
			if tc.check != nil {
				tc.check(t, m)
			}
		})
	}
}

func TestNoSecretInStackFiles(t *testing.T) {
	t.Parallel()
	for _, stack := range []string{"dev", "staging", "prod"} {
		raw, err := os.ReadFile("../../stacks/Pulumi." + stack + ".yaml")
		require.NoError(t, err)
		lower := strings.ToLower(string(raw))
		for _, word := range []string{"password", "secret:", "connectionstring", "accountkey", "sharedaccesskey", "clientsecret"} {
			assert.NotContains(t, lower, word, "stacks/Pulumi.%s.yaml", stack)
		}
	}
}

func TestBadConfigNamesTheKey(t *testing.T) {
	t.Parallel()
	cases := map[string]struct{ key, value, want string }{
		"bool":   {"protect", "yes please", "zerotrust-keyvault:protect must be true or false"},
		"int":    {"softDeleteRetentionDays", "ninety", "zerotrust-keyvault:softDeleteRetentionDays must be a whole number"},
		"object": {"roleAssignments", `[{"key":"a","principal":"x"}]`, "zerotrust-keyvault:roleAssignments is malformed"},
		"rule":   {"softDeleteRetentionDays", "120", "SoftDeleteRetentionDays: 120 must be between 7 and 90"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			cfg := stackConfig(t, "dev")
			cfg["zerotrust-keyvault:"+tc.key] = tc.value
			m, err := runStack(t, "dev", cfg)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			if name != "rule" {
				assert.Empty(t, m.Resources(), "a config error registers nothing")
			}
		})
	}
}

// Pulumi.yaml declares every key the program reads, with the same default.
func TestPulumiYamlMatchesProgramConfig(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("../../Pulumi.yaml")
	require.NoError(t, err)
	var project struct {
		Name           string                    `yaml:"name"`
		StackConfigDir string                    `yaml:"stackConfigDir"`
		Runtime        string                    `yaml:"runtime"`
		Config         map[string]map[string]any `yaml:"config"`
	}
	require.NoError(t, yaml.Unmarshal(raw, &project))
	assert.Equal(t, program.Namespace, project.Name)
	assert.Equal(t, "stacks", project.StackConfigDir)
	assert.Equal(t, "go", project.Runtime)

	typ := reflect.TypeOf(program.Config{})
	declared := map[string]bool{}
	for i := 0; i < typ.NumField(); i++ {
		f := typ.Field(i)
		key := f.Tag.Get("key")
		declared[key] = true
		decl, ok := project.Config[key]
		if !assert.True(t, ok, "Pulumi.yaml does not declare %q", key) {
			continue
		}
		assert.NotEmpty(t, decl["description"], "%s needs a description", key)
		def, hasDefault := decl["default"]
		require.True(t, hasDefault, "%s needs a default", key)
		switch f.Type.Kind() {
		case reflect.String:
			assert.Equal(t, "string", decl["type"], key)
			assert.Equal(t, f.Tag.Get("default"), def, key)
		case reflect.Bool:
			assert.Equal(t, "boolean", decl["type"], key)
			assert.Equal(t, f.Tag.Get("default"), fmt.Sprint(def), key)
		case reflect.Int:
			assert.Equal(t, "integer", decl["type"], key)
			assert.Equal(t, f.Tag.Get("default"), fmt.Sprint(def), key)
		case reflect.Slice:
			assert.Equal(t, "array", decl["type"], key)
		case reflect.Map:
			assert.Equal(t, "object", decl["type"], key)
		}
	}
	for key := range project.Config {
		assert.True(t, declared[key], "Pulumi.yaml declares %q but the program never reads it", key)
	}
}

func TestKeysAndSecretsFromConfig(t *testing.T) {
	t.Parallel()
	cfg := stackConfig(t, "dev")
	cfg["zerotrust-keyvault:keys"] = `[{"name":"cmk","roleAssignments":[{"key":"storage","principalId":"0b1f6d2e-7c3a-4d5e-9f10-2a3b4c5d6e7f","role":"Key Vault Crypto Service Encryption User"}]}]`
	cfg["zerotrust-keyvault:secrets"] = `[{"name":"db-password","contentType":"text/plain","valueFrom":"dbPassword"}]`
	cfg["zerotrust-keyvault:dbPassword"] = "correct-horse-battery-staple"
	m, err := runStack(t, "dev", cfg)
	require.NoError(t, err)
	c := counts(m)
	assert.Equal(t, 1, c["azure-native:keyvault:Key"])
	assert.Equal(t, 1, c["azure-native:keyvault:Secret"])
	assert.Equal(t, 2, c["azure-native:authorization:RoleAssignment"])
	s := m.OfType("azure-native:keyvault:Secret")[0]
	assert.True(t, s.Inputs["properties"].ObjectValue()["value"].IsSecret())

	delete(cfg, "zerotrust-keyvault:dbPassword")
	_, err = runStack(t, "dev", cfg)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "pulumi config set --secret dbPassword")
}
