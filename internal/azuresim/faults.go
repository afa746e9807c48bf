package azuresim

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Environment variables that inject faults, for tests.
const (
	// EnvLatency is a Go duration (such as 150ms) added to every call.
	EnvLatency = "AZSIM_LATENCY"
	// EnvFailCreateN makes the Nth Create of the process fail with a
	// simulated HTTP 500, after changing nothing.
	EnvFailCreateN = "AZSIM_FAIL_CREATE_N"
	// EnvCrashCreateN makes the Nth Create of the process save the
	// resource to the simulated cloud and then exit abruptly, before
	// answering the engine, as a process killed mid-update would.
	EnvCrashCreateN = "AZSIM_CRASH_CREATE_N"
	// EnvCrashUpdateN does the same for the Nth Update.
	EnvCrashUpdateN = "AZSIM_CRASH_UPDATE_N"
)

// CrashExitCode is the exit status of a simulated crash (that of a process
// killed by SIGKILL).
const CrashExitCode = 137

// Faults are the fault-injection knobs. Counts are 1-based; zero disables a
// knob. Previews never count as a Create or an Update.
type Faults struct {
	// Latency is added to every call (AZSIM_LATENCY).
	Latency time.Duration
	// FailCreateN is the Create that fails with a simulated HTTP 500.
	FailCreateN int
	// CrashCreateN is the Create after which the process exits abruptly.
	CrashCreateN int
	// CrashUpdateN is the Update after which the process exits abruptly.
	CrashUpdateN int
}

// faultsFromEnv reads the fault knobs.
func faultsFromEnv(getenv func(string) string) (Faults, error) {
	var f Faults
	if v := strings.TrimSpace(getenv(EnvLatency)); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 {
			return f, fmt.Errorf("azure simulator: %s=%q is not a non-negative Go duration such as 200ms", EnvLatency, v)
		}
		f.Latency = d
	}
	for _, kv := range []struct {
		env string
		dst *int
	}{
		{EnvFailCreateN, &f.FailCreateN},
		{EnvCrashCreateN, &f.CrashCreateN},
		{EnvCrashUpdateN, &f.CrashUpdateN},
	} {
		v := strings.TrimSpace(getenv(kv.env))
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return f, fmt.Errorf("azure simulator: %s=%q must be a positive integer", kv.env, v)
		}
		*kv.dst = n
	}
	return f, nil
}
