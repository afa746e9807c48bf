package rules

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// fuzzKeys are the property names the policies read, so that random maps hit real paths.
var fuzzKeys = strings.Fields(`vaultName name properties publicNetworkAccess networkAcls defaultAction
bypass ipRules value virtualNetworkRules id ignoreMissingVnetServiceEndpoint enableSoftDelete
softDeleteRetentionInDays enablePurgeProtection enableRbacAuthorization accessPolicies permissions
keys secrets certificates storage policy enabledForDeployment enabledForDiskEncryption
enabledForTemplateDeployment sku family kty keySize curveName keyOps attributes enabled expires
notBefore exportable rotationPolicy expiryTime lifetimeActions action type trigger timeAfterCreate
timeBeforeExpiry releasePolicy contentType secretName keyName principalId principalType
roleDefinitionId scope condition privateLinkServiceConnections manualPrivateLinkServiceConnections
privateLinkServiceId groupIds privateEndpointName privateDnsZoneConfigs privateDnsZoneId
privateZoneName resourceUri workspaceId storageAccountId eventHubAuthorizationRuleId logs category
categoryGroup serviceEndpoints service subnets virtualNetworkName subnetName pricingName pricingTier
template templateLink resources __inputs mode deploymentName languageVersion rules ruleType enabledRules
target caller level operations isEnabled claimValue roleManagementPolicyName justification
scheduleInfo expiration`)

// fuzzStrings are string values with meaning to some policy.
var fuzzStrings = []string{
	"", "Disabled", "enabled", "Deny", "Allow", "None", "AzureServices", "RSA", "RSA-HSM", "EC",
	"EC-HSM", "oct", "P-256", "P-256K", "Rotate", "Notify", "P90D", "P1Y", "PT1H", "P", "PXD",
	"0.0.0.0/0", "10.0.0.0/8", "203.0.113.0/24", "1.2.3.4", "::1", "1.2.3.4/99", "vault", "audit",
	"allLogs", "AuditEvent", "premium", "standard", "User", "ServicePrincipal", "KeyVaults",
	"Standard", "Microsoft.KeyVault", "privatelink.vaultcore.azure.net", "kv-prod", "kv--x", "1kv",
	"all", "purge", "get", "s3cr3t-value", roleOwner, roleDef(roleKeyVaultDataAccessAdmin),
	roleDef(roleKeyVaultSecretsUser), vaultID("kv-prod"), vaultID("kv-prod") + "/keys/k",
	"/subscriptions/s/resourceGroups/rg", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s",
	"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net",
	"/", "/subscriptions/", "urn:pulumi:dev::zt::azure-native:keyvault:Vault::kv-prod",
	"Group", "ForeignGroup", "Device", roleDef(roleKeyVaultAdministrator), roleDef(roleOwner),
	"RoleManagementPolicyEnablementRule", "RoleManagementPolicyAuthenticationContextRule",
	"Enablement_EndUser_Assignment", "AuthenticationContext_EndUser_Assignment", "EndUser", "Admin",
	"Assignment", "Eligibility", "MultiFactorAuthentication", "Justification", "c3",
	"Microsoft.Security/pricings", "Microsoft.Resources/deployments", "Free", "[parameters('tier')]", "[[x]",
	`{"resources":[{"type":"Microsoft.Security/pricings","name":"KeyVaults","properties":{"pricingTier":"Free"}}]}`,
	`{"resources":{"p":{"type":"Microsoft.Resources/deployments","properties":{"template":"[1]"}}}}`, "{", "null",
	"/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/managedHSMs/hsm",
}

// fuzzTypes are the type tokens resources are drawn from.
var fuzzTypes = []string{
	tokVault, "azure-native:keyvault/v20230701:Vault", "azure-native:keyvault/v20241201preview:Vault",
	tokKey, tokSecret, tokAccessPolicy, tokManagedHsm, "azure-native:keyvault:ManagedHsmKey",
	tokPrivateEndpoint, tokPrivateDNSZoneGrp, tokPrivateZone, tokDiagnosticSetting,
	tokRoleAssignment, tokSubnet, "azure-native:network:VirtualNetwork", tokSecurityPricing,
	tokRootStack, "random:index:RandomPassword", "azure-native", "",
	tokSubDeployment, tokRoleMgmtPolicy, tokPimEligibility, "azure-native:authorization/v20201001:RoleManagementPolicy",
}

// byteGen turns fuzz input into choices; it yields zeros once the input is used up.
type byteGen struct {
	b []byte
	i int
}

func (g *byteGen) next() byte {
	if g.i >= len(g.b) {
		return 0
	}
	c := g.b[g.i]
	g.i++
	return c
}

func (g *byteGen) pick(n int) int { return int(g.next()) % n }

// value builds a random property value of any kind, including computed, secret and null.
func (g *byteGen) value(depth int) property.Value {
	switch g.pick(11) {
	case 0:
		return property.New(property.Null)
	case 1:
		return property.New(property.Computed)
	case 2:
		return property.New(g.next()%2 == 0)
	case 3:
		nums := []float64{0, -1, 7, 90, 2048, 2047.5, 4096, 1e300, math.NaN(), math.Inf(1), float64(g.next()) * 1e7}
		return property.New(nums[g.pick(len(nums))])
	case 4, 5:
		return property.New(fuzzStrings[g.pick(len(fuzzStrings))])
	case 6:
		n := g.pick(6)
		return property.New(string(g.b[min(g.i, len(g.b)):min(g.i+n, len(g.b))]))
	case 7:
		if depth > 4 {
			return property.New("deep")
		}
		return property.New(g.object(depth + 1))
	case 8:
		if depth > 4 {
			return property.New(1.0)
		}
		n := g.pick(4)
		items := make([]property.Value, n)
		for i := range items {
			items[i] = g.value(depth + 1)
		}
		return property.New(items)
	case 9:
		return g.value(depth + 1).WithSecret(true)
	default:
		return property.New(property.ResourceReference{URN: "urn:pulumi:dev::zt::t::n"})
	}
}

// object builds a random map keyed by real property names.
func (g *byteGen) object(depth int) property.Map {
	n := g.pick(5)
	m := make(map[string]property.Value, n)
	for range n {
		m[fuzzKeys[g.pick(len(fuzzKeys))]] = g.value(depth)
	}
	return property.NewMap(m)
}

// setPath returns m with the dotted path set to v, replacing non-objects on the way.
func setPath(m property.Map, segs []string, v property.Value) property.Map {
	if len(segs) == 1 {
		return m.Set(segs[0], v)
	}
	child := m.Get(segs[0])
	inner := property.Map{}
	if child.IsMap() {
		inner = child.AsMap()
	}
	return m.Set(segs[0], property.New(setPath(inner, segs[1:], v)))
}

// objectPaths lists the dotted paths of every object member in a fixture.
func objectPaths(o obj, prefix string, out []string) []string {
	for k, v := range o {
		p := k
		if prefix != "" {
			p = prefix + "." + k
		}
		out = append(out, p)
		if child, ok := v.(obj); ok {
			out = objectPaths(child, p, out)
		}
	}
	return out
}

// fuzzFixtures are compliant starting points that mutations then break.
var fuzzFixtures = func() []obj {
	stack := append(vaultStack("kv-prod", stackOpts{}), pimStack("kv-prod")...)
	out := []obj{goodVault(), goodKey(), goodSecret(), goodRoleAssignment(), goodRoleManagementPolicy(),
		goodEligibility(), goodDefenderDeployment(), with(goodDefenderDeployment(), "properties.template", obj{
			"resources": list{obj{"type": "Microsoft.Resources/deployments", "properties": obj{"template": defenderTemplate("Free")}}},
		})}
	for _, r := range stack {
		out = append(out, toObj(r.Properties))
	}
	return out
}()

var fuzzFixturePaths = func() [][]string {
	out := make([][]string, len(fuzzFixtures))
	for i, f := range fuzzFixtures {
		out[i] = objectPaths(f, "", nil)
	}
	return out
}()

// resources builds 1 to 6 resources with random types, properties and relations.
func (g *byteGen) resources() []policyx.AnalyzerResource {
	n := 1 + g.pick(6)
	rs := make([]policyx.AnalyzerResource, n)
	for i := range rs {
		typ := fuzzTypes[g.pick(len(fuzzTypes))]
		var props property.Map
		if g.next()%3 == 0 {
			props = g.object(0)
		} else {
			fi := g.pick(len(fuzzFixtures))
			props = pm(fuzzFixtures[fi])
			for range g.pick(6) {
				paths := fuzzFixturePaths[fi]
				props = setPath(props, strings.Split(paths[g.pick(len(paths))], "."), g.value(1))
			}
		}
		name := fuzzStrings[g.pick(len(fuzzStrings))]
		rs[i] = policyx.AnalyzerResource{Type: typ, Name: name, URN: testURN(typ, name+string(rune('a'+i))), Properties: props}
	}
	for i := range rs {
		for range g.pick(3) {
			j := g.pick(n)
			prop := fuzzKeys[g.pick(len(fuzzKeys))]
			if rs[i].PropertyDependencies == nil {
				rs[i].PropertyDependencies = map[string][]string{}
			}
			rs[i].PropertyDependencies[prop] = append(rs[i].PropertyDependencies[prop], rs[j].URN)
			rs[i].Dependencies = append(rs[i].Dependencies, rs[j].URN)
		}
		if g.next()%4 == 0 {
			rs[i].Parent = rs[g.pick(n)].URN
		}
	}
	return rs
}

// discard is a PolicyManager that checks and drops violations.
type discard struct{ t *testing.T }

func (d discard) ReportViolation(msg, _ string) {
	if msg == "" {
		d.t.Error("empty violation message")
	}
}

// FuzzPolicies feeds random property maps (real property names, every kind of value including
// computed, secret and null, nested objects and lists) and random relations through every
// resource policy and, via Evaluate, every stack policy. No policy may panic or return an
// error for any resource.
func FuzzPolicies(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{0, 0, 0, 0})
	f.Add([]byte("zero-trust key vault"))
	f.Add([]byte{5, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
	seed := make([]byte, 256)
	for i := range seed {
		seed[i] = byte(255 - i)
	}
	f.Add(seed)
	f.Add([]byte{3, 0, 1, 9, 7, 7, 7, 7, 8, 8, 8, 1, 1, 1, 9, 9, 2, 200, 100, 50, 25, 12, 6, 3})
	policies := Policies()
	f.Fuzz(func(t *testing.T, data []byte) {
		g := &byteGen{b: data}
		rs := g.resources()
		ctx := context.Background()
		for _, p := range policies {
			rp, ok := p.(policyx.ResourceValidationPolicy)
			if !ok {
				continue
			}
			for _, r := range rs {
				if err := rp.Validate(ctx, policyx.ResourceValidationArgs{Manager: discard{t}, Resource: r}); err != nil {
					t.Fatalf("%s on %s: %v", p.Name(), r.URN, err)
				}
			}
		}
		if _, err := Evaluate(ctx, rs, nil); err != nil {
			t.Fatal(err)
		}
	})
}
