package azuresim

import (
	"errors"
	"fmt"
)

// ErrorPrefix starts every error that imitates an Azure response, so that a
// user who reads it knows it came from the simulator and not from Azure.
const ErrorPrefix = "azure simulator (offline test double, not Azure): "

// AzureError is an error shaped like an Azure Resource Manager error
// response: an HTTP status, an error code and a message.
type AzureError struct {
	// Status is the HTTP status code Azure would answer with.
	Status int
	// Code is the Azure error code, such as "RoleAssignmentExists".
	Code string
	// Message is the human-readable explanation.
	Message string
}

// Error formats the error like the Azure SDKs do, behind ErrorPrefix.
func (e *AzureError) Error() string {
	return fmt.Sprintf("%sStatus=%d Code=%q Message=%q", ErrorPrefix, e.Status, e.Code, e.Message)
}

// azErr builds an AzureError with a formatted message.
func azErr(status int, code, format string, args ...any) *AzureError {
	return &AzureError{Status: status, Code: code, Message: fmt.Sprintf(format, args...)}
}

// AsAzureError returns the AzureError inside err, if there is one.
func AsAzureError(err error) (*AzureError, bool) {
	var ae *AzureError
	if errors.As(err, &ae) {
		return ae, true
	}
	return nil, false
}

// ErrStateUnset is returned by every operation that needs the simulated
// cloud when AZSIM_STATE is not set.
var ErrStateUnset = errors.New("azure simulator: AZSIM_STATE is not set; point it at the JSON file that holds " +
	"the simulated cloud (it is created on first use), for example AZSIM_STATE=$PWD/.offline/azure-sim.json")

// NotSimulatedError reports a resource type or function the simulator does
// not implement.
type NotSimulatedError struct {
	// Kind is "resource type" or "function".
	Kind string
	// Token is the Pulumi type or function token that was asked for.
	Token string
}

// Error says plainly that the token is not simulated.
func (e *NotSimulatedError) Error() string {
	return fmt.Sprintf("azure simulator: %s %s is not simulated", e.Kind, e.Token)
}
