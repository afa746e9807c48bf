package rules

import (
	"fmt"
	"math"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// NewKeyRSAMinSize returns rule K7: RSA keys have at least minimumRsaKeySize bits (default
// 2048; 3072 or 4096 for stricter baselines). Azure creates 2048-bit keys when keySize is
// omitted.
func NewKeyRSAMinSize() policyx.ResourceValidationPolicy {
	return newResourcePolicy(resourcePolicySpec{
		name:  "keyvault-key-rsa-min-size",
		desc:  "Key Vault RSA keys are at least the minimum size (K7; guide 3 Enable Encryption; ALZ Deny, Azure Policy 82067dbb).",
		level: mandatory,
		kinds: []kind{kKey},
		schema: schema(map[string]map[string]any{
			"minimumRsaKeySize": schemaInt("Smallest RSA key size in bits.", 2048, 2048, 4096),
		}),
		check: func(c *resourceCheck) error {
			minSize, err := cfgInt(c.cfg, "minimumRsaKeySize", 2048)
			if err != nil {
				return err
			}
			checkRSASize(c, c.keyLabel(), minSize)
			return nil
		},
	})
}

// checkRSASize reports an RSA key smaller than minSize bits (K7, H1).
func checkRSASize(c *resourceCheck, label string, minSize int) {
	// keyvault-key-type-allowed reports a missing or malformed kty.
	kty, f := get(c.props, "properties.kty").str()
	st := f.st
	if st != stKnown || !isRSA(kty) {
		return
	}
	fix := fmt.Sprintf("set properties.keySize to %d or more", minSize)
	size, sst := c.number(label, "properties.keySize", 2048, fix)
	switch {
	case !usable(sst):
	case size != math.Trunc(size):
		c.reportf("%s must use a whole number of bits in properties.keySize (got %v): %s.", label, size, fix)
	case size < float64(minSize):
		c.reportf("%s must be at least %d bits (keySize is %v): %s.", label, minSize, size, fix)
	}
}
