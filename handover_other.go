//go:build !unix

package main

import "syscall"

// detached: a child process outlives its parent here without help.
func detached() *syscall.SysProcAttr { return nil }
