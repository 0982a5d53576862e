package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"fineprint/backend/monitor"
)

// The window's process weighs hundreds of megabytes, nearly all of it
// WebKit's; the checks alone need about twenty. So when the window closes
// while Fineprint should keep checking, the window process does not hide
// and linger: it hands the scheduler to a 'fineprint daemon' of the same
// archive and ends. Notifications then come from the daemon, whose "Open"
// starts the window again.

// handoverWait bounds how long the window waits for the daemon to take the
// scheduler lock before it keeps the checks itself.
const handoverWait = 10 * time.Second

// backgroundLog is the daemon's log inside the data directory, when
// the window started it.
const backgroundLog = "background.log"

// startDaemon starts 'fineprint daemon' on dir, detached from the window's
// session, and waits until it holds the scheduler lock. The caller must have
// given the lock up first.
func startDaemon(dir string) (int, error) {
	exe, err := os.Executable()
	if err != nil {
		return 0, err
	}
	log, err := os.OpenFile(filepath.Join(dir, backgroundLog), os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return 0, err
	}
	defer log.Close()
	cmd := exec.Command(exe, "daemon", "--data-dir", dir)
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = detached()
	if err := cmd.Start(); err != nil {
		return 0, fmt.Errorf("cannot start the background checks: %w", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	deadline := time.After(handoverWait)
	// The daemon writes its role and pid into the lock file once it holds
	// the lock. Only reading the file, never trying the lock, keeps the
	// window from racing the daemon for it.
	held := fmt.Sprintf("daemon %d\n", cmd.Process.Pid)
	for {
		if b, err := os.ReadFile(filepath.Join(dir, monitor.LockFileName)); err == nil && string(b) == held {
			return cmd.Process.Pid, nil
		}
		select {
		case err := <-exited:
			b, _ := os.ReadFile(filepath.Join(dir, backgroundLog))
			return 0, fmt.Errorf("the background checks stopped at once (%v): %s", err, b)
		case <-deadline:
			cmd.Process.Kill()
			return 0, errors.New("the background checks did not start in time")
		case <-time.After(20 * time.Millisecond):
		}
	}
}
