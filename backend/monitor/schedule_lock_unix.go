//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package monitor

import (
	"errors"
	"os"
	"syscall"
)

// lockFile takes an advisory lock that the kernel drops when the process
// ends, however it ends.
func lockFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, errHeld
		}
		return nil, err
	}
	return f, nil
}

// unlockFile leaves the file in place: removing it would let a process that
// opened it just before take a lock on an orphaned inode.
func unlockFile(f *os.File, _ string) error {
	f.Truncate(0)
	return f.Close()
}
