package store

import (
	"errors"
	"runtime"
	"syscall"
)

var (
	isDarwin  = runtime.GOOS == "darwin"
	isWindows = runtime.GOOS == "windows"
)

func isNoSpace(err error) bool { return errors.Is(err, syscall.ENOSPC) }
