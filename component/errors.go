package component

import (
	"errors"
	"fmt"
)

// ErrInvalidArgs is matched (errors.Is) by every argument error NewZeroTrustVault returns.
var ErrInvalidArgs = errors.New("invalid ZeroTrustVault arguments")

// ArgError is one rejected argument: the field, in Go notation
// (e.g. "Network.IPRules[2]"), and the rule it breaks.
type ArgError struct {
	// Field is the argument's path within ZeroTrustVaultArgs.
	Field string
	// Rule says what the value must be, in a form the caller can act on.
	Rule string
}

// Error implements error.
func (e *ArgError) Error() string { return e.Field + ": " + e.Rule }

// Is makes errors.Is(err, ErrInvalidArgs) true for every ArgError.
func (e *ArgError) Is(target error) bool { return target == ErrInvalidArgs }

// argErrors collects every problem with the arguments, so the caller sees all
// of them at once instead of fixing one per run.
type argErrors []*ArgError

func (es *argErrors) add(field, format string, a ...any) {
	*es = append(*es, &ArgError{Field: field, Rule: fmt.Sprintf(format, a...)})
}

// err returns nil or an error listing every problem, prefixed with the component name.
func (es argErrors) err(name string) error {
	if len(es) == 0 {
		return nil
	}
	wrapped := make([]error, len(es))
	for i, e := range es {
		wrapped[i] = e
	}
	return fmt.Errorf("ZeroTrustVault %q: %w", name, errors.Join(wrapped...))
}
