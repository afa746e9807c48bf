//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package azuresim

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// lockFile takes an advisory lock on path (creating it), shared or
// exclusive, and returns it (release it with unlock). The lock is what
// keeps two plugin processes, or a plugin and the admin CLI, from writing
// the simulated cloud at the same time.
func lockFile(path string, exclusive bool) (*fileLock, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("azure simulator: creating the directory of %s: %w", path, err)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("azure simulator: opening lock file %s: %w", path, err)
	}
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	for {
		err = syscall.Flock(int(f.Fd()), how)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("azure simulator: locking %s: %w", path, err)
	}
	return &fileLock{f: f, unlock: func() {
		_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}}, nil
}
