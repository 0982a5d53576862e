//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package monitor

import (
	"errors"
	"io/fs"
	"os"
)

// lockFile, where flock is missing, creates the file exclusively. A file
// left by a process that no longer exists is taken over: on Windows
// os.FindProcess fails for a process that is gone.
func lockFile(path string) (*os.File, error) {
	for attempt := 0; attempt < 2; attempt++ {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, err
		}
		b, rerr := os.ReadFile(path)
		if rerr != nil {
			return nil, errHeld
		}
		// A file without a pid is being written by its new holder.
		_, pid := parseHolder(string(b))
		if pid <= 0 || pid == os.Getpid() {
			return nil, errHeld
		}
		if p, ferr := os.FindProcess(pid); ferr == nil {
			p.Release()
			return nil, errHeld
		}
		os.Remove(path)
	}
	return nil, errHeld
}

func unlockFile(f *os.File, path string) error {
	f.Close()
	return os.Remove(path)
}
