package azuresim

import (
	"fmt"
	"os"
	"strings"
)

// Environment variables that configure the simulator.
const (
	// EnvState names the JSON file holding the simulated cloud (required).
	EnvState = "AZSIM_STATE"
	// EnvTenantID is the tenant returned by getClientConfig.
	EnvTenantID = "AZSIM_TENANT_ID"
	// EnvSubscriptionID is the subscription of every simulated resource.
	EnvSubscriptionID = "AZSIM_SUBSCRIPTION_ID"
	// EnvObjectID is the object ID of the simulated signed-in principal.
	EnvObjectID = "AZSIM_OBJECT_ID"
	// EnvClientID is the client (application) ID of the simulated principal.
	EnvClientID = "AZSIM_CLIENT_ID"
)

// Default identities of the simulated caller. They are fixed, recognisable
// GUIDs so that tests and documentation can rely on them.
const (
	DefaultTenantID       = "00000000-0000-4000-8000-00000000a2e1"
	DefaultSubscriptionID = "00000000-0000-4000-8000-00000000501b"
	DefaultObjectID       = "00000000-0000-4000-8000-0000000000b1"
	DefaultClientID       = "00000000-0000-4000-8000-0000000000c1"
)

// Settings is the identity the simulated caller has, plus provider-level
// configuration.
type Settings struct {
	// TenantID, SubscriptionID, ObjectID and ClientID describe the
	// simulated signed-in principal, as getClientConfig returns them.
	TenantID       string
	SubscriptionID string
	ObjectID       string
	ClientID       string
	// Location is the provider's default location (azure-native:location),
	// used when neither the resource nor its resource group gives one.
	Location string
}

// settingsFromEnv reads the identity knobs, falling back to the defaults.
func settingsFromEnv(getenv func(string) string) (Settings, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	s := Settings{
		TenantID:       DefaultTenantID,
		SubscriptionID: DefaultSubscriptionID,
		ObjectID:       DefaultObjectID,
		ClientID:       DefaultClientID,
	}
	for _, kv := range []struct {
		env string
		dst *string
	}{
		{EnvTenantID, &s.TenantID},
		{EnvSubscriptionID, &s.SubscriptionID},
		{EnvObjectID, &s.ObjectID},
		{EnvClientID, &s.ClientID},
	} {
		v := strings.TrimSpace(getenv(kv.env))
		if v == "" {
			continue
		}
		if !isGUID(v) {
			return s, fmt.Errorf("azure simulator: %s=%q is not a GUID", kv.env, v)
		}
		*kv.dst = v
	}
	return s, nil
}
