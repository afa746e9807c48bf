package azuresim

import (
	"fmt"
	"os"
	"runtime/pprof"
	"strconv"
	"strings"
)

// EnvCPUProfile, when set, makes the plugin process write a Go CPU profile
// to that path from start-up until it stops serving (the engine closes it
// at the end of every operation). "%p" in the path is replaced with the
// process ID, so that the several plugin processes of one run do not
// overwrite each other's profile. Off by default; for performance work
// only (go tool pprof <binary> <profile>).
const EnvCPUProfile = "AZSIM_CPUPROFILE"

// startCPUProfile starts the opt-in CPU profile and returns the function
// that stops it and closes the file (a no-op when the knob is unset).
func startCPUProfile(getenv func(string) string) (func(), error) {
	path := strings.TrimSpace(getenv(EnvCPUProfile))
	if path == "" {
		return func() {}, nil
	}
	path = strings.ReplaceAll(path, "%p", strconv.Itoa(os.Getpid()))
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("azure simulator: %s: %w", EnvCPUProfile, err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("azure simulator: %s: starting the CPU profile: %w", EnvCPUProfile, err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}
