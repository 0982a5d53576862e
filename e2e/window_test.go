// Package e2e holds end-to-end tests of the built app. The window test runs
// the production binary in a real WebKitGTK window under Xvfb; it is run by
// `make e2e-window`, which builds the binary and names it in
// FINEPRINT_BINARY, and skips when that is not set.
package e2e

import (
	"bufio"
	"bytes"
	"context"
	"fineprint/backend/monitor"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// startXvfb starts a private X display and returns its name.
func startXvfb(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("Xvfb"); err != nil {
		t.Fatal("Xvfb is not installed (make deps-test installs it)")
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{w}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil {
		t.Fatalf("Xvfb gave no display: %v", err)
	}
	return ":" + strings.TrimSpace(line)
}

// startBus starts a private session bus so the app does not spawn one that
// outlives the test.
func startBus(t *testing.T, env []string) string {
	t.Helper()
	cmd := exec.Command("dbus-daemon", "--session", "--nofork", "--print-address=1")
	cmd.Env = env
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Skipf("no dbus-daemon: %v", err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	addr, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(addr)
}

// desktopEnv is a private desktop for the app: its own X display, home
// and XDG folders, and archive.
func desktopEnv(t *testing.T, home, archive string) []string {
	t.Helper()
	return append(os.Environ(),
		"DISPLAY="+startXvfb(t),
		"HOME="+home,
		"XDG_CONFIG_HOME="+filepath.Join(home, "config"),
		"XDG_DATA_HOME="+filepath.Join(home, "data"),
		"XDG_CACHE_HOME="+filepath.Join(home, "cache"),
		"XDG_RUNTIME_DIR="+home,
		"FINEPRINT_DATA_DIR="+archive,
	)
}

func TestWindow(t *testing.T) {
	bin := os.Getenv("FINEPRINT_BINARY")
	if bin == "" {
		t.Skip("FINEPRINT_BINARY is not set: run `make e2e-window` to build the app and test its window")
	}
	home := t.TempDir()
	env := desktopEnv(t, home, filepath.Join(home, "archive"))
	env = append(env, "DBUS_SESSION_BUS_ADDRESS="+startBus(t, env))

	// A watched platform, added through the CLI, must show in the window.
	add := exec.Command(bin, "watch", "add", "claude")
	add.Env = env
	if out, err := add.CombinedOutput(); err != nil {
		t.Fatalf("watch add: %v\n%s", err, out)
	}
	// Hold the archive's scheduler so the window does not start checking
	// the real sites: a test must not reach the internet.
	lock, err := monitor.LockDataDir(filepath.Join(home, "archive"), "window test")
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var logs bytes.Buffer
	app := exec.CommandContext(ctx, bin)
	app.Env = env
	app.Stdout, app.Stderr = &logs, &logs
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cancel()
		app.Wait()
		if t.Failed() {
			t.Logf("app output:\n%s", logs.String())
		}
	}()

	// Wait for the window by its title. The bound is generous: this is a
	// liveness check on a shared machine, not a speed test.
	var id string
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) {
		xdo := exec.Command("xdotool", "search", "--onlyvisible", "--name", "^Fineprint$")
		xdo.Env = env
		if out, err := xdo.Output(); err == nil && len(bytes.TrimSpace(out)) > 0 {
			id = strings.Fields(string(out))[0]
			break
		}
		if app.ProcessState != nil {
			t.Fatal("the app exited before showing its window")
		}
		time.Sleep(300 * time.Millisecond)
	}
	if id == "" {
		t.Fatal("no window named Fineprint appeared")
	}

	// The page renders after the window maps; take shots until the UI shows
	// its content (the platform name appears as text pixels) or time is up.
	shot := filepath.Join(t.TempDir(), "window.png")
	var img image.Image
	var colours int
	take := func() {
		imp := exec.Command("import", "-window", id, shot)
		imp.Env = env
		if out, err := imp.CombinedOutput(); err != nil {
			t.Logf("import: %v %s", err, out)
			return
		}
		f, err := os.Open(shot)
		if err != nil {
			return
		}
		defer f.Close()
		if i, err := png.Decode(f); err == nil {
			img, colours = i, distinctColours(i)
		}
	}
	for time.Now().Before(deadline) {
		time.Sleep(time.Second)
		if take(); colours > 200 {
			break
		}
	}
	// The shell paints first; the watchlist arrives from Go a moment later.
	// Shoot again once the picture stops changing.
	for i := 0; i < 10; i++ {
		before := colours
		time.Sleep(time.Second)
		if take(); colours == before {
			break
		}
	}
	if img == nil {
		t.Fatal("could not take a screenshot of the window")
	}
	b := img.Bounds()
	if b.Dx() < 600 || b.Dy() < 400 {
		t.Errorf("window is %dx%d, smaller than its minimum size", b.Dx(), b.Dy())
	}
	// A blank or unrendered webview is one or two flat colours; a rendered
	// UI with text, an avatar and a sidebar has hundreds (anti-aliasing).
	if colours <= 200 {
		t.Errorf("the window looks blank: %d distinct colours", colours)
	}
	if dir := os.Getenv("FINEPRINT_SCREENSHOTS"); dir != "" {
		os.MkdirAll(dir, 0o755)
		data, _ := os.ReadFile(shot)
		os.WriteFile(filepath.Join(dir, "window.png"), data, 0o644)
	}
	t.Logf("window %s: %dx%d, %d distinct colours", id, b.Dx(), b.Dy(), colours)
}

func distinctColours(img image.Image) int {
	seen := map[uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			seen[(r>>8)<<16|(g>>8)<<8|bl>>8] = true
		}
	}
	return len(seen)
}
