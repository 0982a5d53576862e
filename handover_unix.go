//go:build unix

package main

import "syscall"

// detached puts the daemon in a session of its own, so that closing the
// terminal or session the window was started from does not end it.
func detached() *syscall.SysProcAttr { return &syscall.SysProcAttr{Setsid: true} }
