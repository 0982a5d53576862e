package e2e

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fineprint/backend/monitor"
)

// sharedDir finds ../shared (or $FINEPRINT_SHARED) from the module root.
func sharedDir(t *testing.T) string {
	t.Helper()
	if d := os.Getenv("FINEPRINT_SHARED"); d != "" {
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "..", "shared")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
}

// screenWindow is the production app running under Xvfb.
type screenWindow struct {
	t   *testing.T
	env []string
	id  string
}

func (w *screenWindow) run(args ...string) {
	w.t.Helper()
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = w.env
	if out, err := cmd.CombinedOutput(); err != nil {
		w.t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// shot captures the window; nil when the capture failed.
func (w *screenWindow) shot() (image.Image, []byte) {
	file := filepath.Join(w.t.TempDir(), "shot.png")
	imp := exec.Command("import", "-window", w.id, file)
	imp.Env = w.env
	if err := imp.Run(); err != nil {
		return nil, nil
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, nil
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, nil
	}
	return img, data
}

// settled takes pictures until two in a row are the same, the screen's data
// having arrived from Go and its transitions ended, or the bound passes.
// The bound is a ceiling for a busy machine, not a speed assertion.
func (w *screenWindow) settled(minColours int) (image.Image, []byte) {
	var last []byte
	var img image.Image
	deadline := time.Now().Add(45 * time.Second)
	for time.Now().Before(deadline) {
		time.Sleep(700 * time.Millisecond)
		i, data := w.shot()
		if i == nil {
			continue
		}
		if last != nil && bytes.Equal(data, last) && distinctColours(i) > minColours {
			return i, data
		}
		img, last = i, data
	}
	return img, last
}

// background is the colour of the main area's empty lower right corner,
// where every screen shows its page background.
func background(img image.Image) (r, g, b uint32) {
	bd := img.Bounds()
	r, g, b, _ = img.At(bd.Max.X-12, bd.Max.Y-12).RGBA()
	return r >> 8, g >> 8, b >> 8
}

func startScreens(t *testing.T, bin, data string, extra ...string) *screenWindow {
	t.Helper()
	home := t.TempDir()
	env := append(desktopEnv(t, home, data), extra...)
	env = append(env, "DBUS_SESSION_BUS_ADDRESS="+startBus(t, env))
	w := &screenWindow{t: t, env: env}

	ctx, cancel := context.WithCancel(context.Background())
	var logs bytes.Buffer
	app := exec.CommandContext(ctx, bin)
	app.Env = env
	app.Stdout, app.Stderr = &logs, &logs
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		app.Wait()
		if t.Failed() {
			t.Logf("app output:\n%s", logs.String())
		}
	})
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) && w.id == "" {
		xdo := exec.Command("xdotool", "search", "--onlyvisible", "--name", "^Fineprint$")
		xdo.Env = env
		if out, err := xdo.Output(); err == nil && len(bytes.TrimSpace(out)) > 0 {
			w.id = strings.Fields(string(out))[0]
			break
		}
		time.Sleep(300 * time.Millisecond)
	}
	if w.id == "" {
		t.Fatal("no window named Fineprint appeared")
	}
	// Without a window manager nothing gives the window the keyboard.
	w.run("xdotool", "windowfocus", "--sync", w.id)
	return w
}

// TestWindowScreens photographs the main screens of the production binary,
// on an archive seeded from the real corpus, in the light and dark schemes.
func TestWindowScreens(t *testing.T) {
	bin := os.Getenv("FINEPRINT_BINARY")
	if bin == "" {
		t.Skip("FINEPRINT_BINARY is not set: run `make e2e-window` to build the app and photograph its screens")
	}
	corpus := filepath.Join(sharedDir(t), "corpus", "versions")
	if _, err := os.Stat(filepath.Join(corpus, "Claude.ai")); err != nil {
		t.Skipf("no corpus at %s (set FINEPRINT_SHARED): the screens are photographed on a seeded archive", corpus)
	}
	data := filepath.Join(t.TempDir(), "archive")
	for _, service := range []string{"Claude.ai", "ChatGPT"} {
		imp := exec.Command(bin, "--data-dir", data, "import", filepath.Join(corpus, service))
		if out, err := imp.CombinedOutput(); err != nil {
			t.Fatalf("import %s: %v\n%s", service, err, out)
		}
	}
	// Holding the scheduler's lock keeps the window from checking on its
	// own: the imported checks are months old, and a test must not reach
	// the real sites.
	lock, err := monitor.LockDataDir(data, "screenshot test")
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	out := os.Getenv("FINEPRINT_SCREENSHOTS")

	// The sidebar's order: Ctrl+1 Watchlist, 2 Changes, 3 Search, 4 What
	// happens if I…, 5 Compare, 6 Settings.
	screens := []struct{ name, key string }{
		{"watchlist", "ctrl+1"}, {"changes", "ctrl+2"}, {"search", "ctrl+3"},
		{"explain", "ctrl+4"}, {"compare", "ctrl+5"}, {"settings", "ctrl+6"},
	}
	for _, scheme := range []string{"light", "dark"} {
		t.Run(scheme, func(t *testing.T) {
			extra := []string{"FINEPRINT_START_ROUTE=#/history/claude/2"}
			if scheme == "dark" {
				extra = append(extra, "GTK_THEME=Adwaita:dark")
			}
			w := startScreens(t, bin, data, extra...)
			save := func(name string, img image.Image, png []byte) {
				colours := distinctColours(img)
				if colours <= 200 {
					t.Errorf("%s looks blank: %d distinct colours", name, colours)
				}
				r, g, b := background(img)
				dark := r+g+b < 3*90
				if dark != (scheme == "dark") {
					t.Errorf("%s: background rgb(%d,%d,%d) is not %s", name, r, g, b, scheme)
				}
				if out != "" {
					os.MkdirAll(out, 0o755)
					os.WriteFile(filepath.Join(out, fmt.Sprintf("window-%s-%s.png", name, scheme)), png, 0o644)
				}
				t.Logf("%s (%s): %d colours, background rgb(%d,%d,%d)", name, scheme, colours, r, g, b)
			}
			img, data := w.settled(200)
			if img == nil {
				t.Fatal("could not take a screenshot of the window")
			}
			save("history", img, data)
			for _, s := range screens {
				w.run("xdotool", "key", "--window", w.id, "--clearmodifiers", s.key)
				img, data := w.settled(200)
				if img == nil {
					t.Fatalf("%s: no screenshot", s.name)
				}
				save(s.name, img, data)
				if s.name == "search" {
					// The field has the keyboard: a query shows highlighted hits.
					w.run("xdotool", "type", "--window", w.id, "--delay", "40", "training")
					img, data := w.settled(200)
					if img == nil {
						t.Fatal("search results: no screenshot")
					}
					save("search-results", img, data)
				}
			}
		})
	}
}
