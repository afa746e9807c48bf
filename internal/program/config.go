package program

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Namespace is the project name, which namespaces the program's config keys.
const Namespace = "zerotrust-keyvault"

// RoleConfig is one entry of the roleAssignments config key.
type RoleConfig struct {
	Key           string `json:"key"`
	PrincipalID   string `json:"principalId"`
	PrincipalType string `json:"principalType,omitempty"`
	Role          string `json:"role"`
	Condition     string `json:"condition,omitempty"`
	Description   string `json:"description,omitempty"`
}

// KeyConfig is one entry of the keys config key.
type KeyConfig struct {
	Name                   string       `json:"name"`
	Type                   string       `json:"type,omitempty"`
	Size                   int          `json:"size,omitempty"`
	Curve                  string       `json:"curve,omitempty"`
	Operations             []string     `json:"operations,omitempty"`
	ValidityDays           int          `json:"validityDays,omitempty"`
	RotateBeforeExpiryDays int          `json:"rotateBeforeExpiryDays,omitempty"`
	RoleAssignments        []RoleConfig `json:"roleAssignments,omitempty"`
}

// SecretConfig is one entry of the secrets config key. The value itself is
// never in this entry: ValueFrom names a secret config key
// (`pulumi config set --secret <key> <value>`) that holds it.
type SecretConfig struct {
	Name            string       `json:"name"`
	ContentType     string       `json:"contentType"`
	ValueFrom       string       `json:"valueFrom"`
	ValidityDays    int          `json:"validityDays,omitempty"`
	RoleAssignments []RoleConfig `json:"roleAssignments,omitempty"`
}

// EligibilityConfig is one entry of the justInTimeAdmins config key.
type EligibilityConfig struct {
	Key         string `json:"key"`
	PrincipalID string `json:"principalId"`
	Role        string `json:"role,omitempty"`
}

// Config is the program's stack configuration. Every field has a key in
// Pulumi.yaml with the same default (a test keeps them in step).
type Config struct {
	Location                  string            `key:"location" default:"westeurope"`
	ResourceGroupName         string            `key:"resourceGroupName"`
	VNetAddressSpace          string            `key:"vnetAddressSpace" default:"10.20.0.0/16"`
	EndpointSubnetPrefix      string            `key:"endpointSubnetPrefix" default:"10.20.1.0/24"`
	EndpointSubnetID          string            `key:"endpointSubnetId"`
	PrivateDNSZoneID          string            `key:"privateDnsZoneId"`
	DNSManagedByPolicy        bool              `key:"dnsManagedByPolicy" default:"false"`
	LogAnalyticsWorkspaceID   string            `key:"logAnalyticsWorkspaceId"`
	LogRetentionDays          int               `key:"logRetentionDays" default:"90"`
	VaultName                 string            `key:"vaultName"`
	SKU                       string            `key:"sku" default:"standard"`
	SoftDeleteRetentionDays   int               `key:"softDeleteRetentionDays" default:"90"`
	Protect                   bool              `key:"protect" default:"false"`
	DeleteLock                bool              `key:"deleteLock" default:"true"`
	AllowPublicNetworkAccess  bool              `key:"allowPublicNetworkAccess" default:"false"`
	AllowTrustedAzureServices bool              `key:"allowTrustedAzureServices" default:"false"`
	AllowedIPRanges           []string          `key:"allowedIpRanges"`
	AllowedSubnetIDs          []string          `key:"allowedSubnetIds"`
	RoleAssignments           []RoleConfig      `key:"roleAssignments"`
	Tags                      map[string]string `key:"tags"`
	Keys                      []KeyConfig       `key:"keys"`
	Secrets                   []SecretConfig    `key:"secrets"`
	RecoverVault              bool              `key:"recoverVault" default:"false"`

	JustInTimeAdmins            []EligibilityConfig `key:"justInTimeAdmins"`
	JITAuthenticationContext    string              `key:"jitAuthenticationContext"`
	JITRoleManagementPolicies   map[string]string   `key:"jitRoleManagementPolicyNames"`
	JITAllowDefaultRoleSettings bool                `key:"jitAllowDefaultRoleSettings" default:"false"`
	AlertEmails                 []string            `key:"alertEmails"`
	EnableDefender              bool                `key:"enableDefender" default:"false"`
	Guardrails                  bool                `key:"guardrails" default:"false"`
}

// LoadConfig reads the program's configuration, applying the defaults that
// Pulumi.yaml declares (the struct tags of Config, kept in step by a test).
// Every malformed value is reported with its key.
func LoadConfig(ctx *pulumi.Context) (*Config, error) {
	r := reader{ctx: ctx}
	c := &Config{}
	v := reflect.ValueOf(c).Elem()
	for i := 0; i < v.NumField(); i++ {
		f := v.Type().Field(i)
		key, def := f.Tag.Get("key"), f.Tag.Get("default")
		raw, ok := r.raw(key)
		if !ok {
			if def == "" {
				continue
			}
			raw = def
		}
		r.set(key, raw, v.Field(i))
	}
	if len(r.errs) > 0 {
		return nil, fmt.Errorf("stack configuration: %s", strings.Join(r.errs, "; "))
	}
	return c, nil
}

// reader reads raw config strings and parses them strictly.
type reader struct {
	ctx  *pulumi.Context
	errs []string
}

func (r *reader) raw(key string) (string, bool) {
	return r.ctx.GetConfig(Namespace + ":" + key)
}

// set parses raw into the field according to its kind.
func (r *reader) set(key, raw string, field reflect.Value) {
	full := Namespace + ":" + key
	switch field.Kind() {
	case reflect.String:
		field.SetString(raw)
	case reflect.Bool:
		b, err := strconv.ParseBool(raw)
		if err != nil {
			r.errs = append(r.errs, fmt.Sprintf("%s must be true or false, got %q", full, raw))
		}
		field.SetBool(b)
	case reflect.Int:
		n, err := strconv.Atoi(raw)
		if err != nil {
			r.errs = append(r.errs, fmt.Sprintf("%s must be a whole number, got %q", full, raw))
		}
		field.SetInt(int64(n))
	default:
		dec := json.NewDecoder(strings.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(field.Addr().Interface()); err != nil {
			r.errs = append(r.errs, fmt.Sprintf("%s is malformed: %v", full, err))
		}
	}
}
