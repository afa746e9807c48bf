package rules

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Shared readers for key properties (keyvault:Key and keyvault:ManagedHsmKey).

const secondsPerDay = 24 * 60 * 60

// containsFold reports whether list holds s, ignoring case.
func containsFold(list []string, s string) bool {
	return slices.ContainsFunc(list, func(x string) bool { return strings.EqualFold(x, s) })
}

// isRSA reports whether a JSON Web Key type is an RSA type.
func isRSA(kty string) bool { return eqFold(kty, "RSA") || eqFold(kty, "RSA-HSM") }

// isEC reports whether a JSON Web Key type is an elliptic-curve type.
func isEC(kty string) bool { return eqFold(kty, "EC") || eqFold(kty, "EC-HSM") }

// isHSMKeyType reports whether a JSON Web Key type is HSM-backed.
func isHSMKeyType(kty string) bool { return strings.HasSuffix(strings.ToUpper(kty), "-HSM") }

// validityDays returns the days between notBefore (or now) and expires, both epoch seconds.
func validityDays(expires, notBefore float64, hasNotBefore bool, now time.Time) float64 {
	start := float64(now.Unix())
	if hasNotBefore {
		start = notBefore
	}
	return (expires - start) / secondsPerDay
}

// checkExpirySet reports a key or secret without an expiry date (K1, S1).
func checkExpirySet(c *resourceCheck, label, attrsPath string, alt bool) {
	path := attrsPath + ".expires"
	fix := "set " + path + " to an expiry date in epoch seconds"
	_, st := c.number(label, path, 0, fix)
	if st == stAbsent && !alt {
		c.reportf("%s must have an expiry date: %s.", label, fix)
	}
}

// checkMaxValidity reports a key or secret valid for longer than maxDays (K2, S2).
func checkMaxValidity(c *resourceCheck, label, attrsPath string, maxDays int, now time.Time) {
	expPath := attrsPath + ".expires"
	nbPath := attrsPath + ".notBefore"
	fix := "set " + expPath + " to at most " + strconv.Itoa(maxDays) + " days after " + nbPath + " (or after creation)"
	exp, st := c.number(label, expPath, 0, fix)
	if st != stKnown {
		return
	}
	nb, nst := c.number(label, nbPath, 0, fix)
	if !usable(nst) {
		return
	}
	days := validityDays(exp, nb, nst == stKnown, now)
	if days > float64(maxDays) {
		c.reportf("%s must be valid for at most %d days (it is valid for %d): %s.", label, maxDays, int(math.Round(days)), fix)
	}
}
