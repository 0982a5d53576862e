package main

import (
	"io"
	"log"

	"bufio"
	"bytes"
	"fmt"
	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
	"image"
	"image/png"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
)

const (
	appDocs        = 6
	appLatency     = 400 * time.Millisecond
	appIdleAfter   = 5 * time.Second
	appWaitLimit   = 60 * time.Second
	paintedColours = 30 // a blank or unrendered webview is one or two flat colours
)

// runApp starts the production binary under a private Xvfb, times exec to
// the first non-blank frame of its window, and sums the resident memory of
// its process tree idle and while it checks loopback documents.
func runApp(cfg config) ([]Figure, error) {
	if _, err := os.Stat(cfg.bin); err != nil {
		return nil, fmt.Errorf("%w: %s is missing (make build makes it)", errSkip, cfg.bin)
	}
	for _, tool := range []string{"Xvfb", "xdotool", "import"} {
		if _, err := exec.LookPath(tool); err != nil {
			return nil, fmt.Errorf("%w: %s is not installed (make deps-test installs it)", errSkip, tool)
		}
	}
	corpus, err := loadVersions(cfg)
	if err != nil {
		return nil, err
	}
	display, stopX, err := startXvfb()
	if err != nil {
		return nil, err
	}
	defer stopX()
	home, err := os.MkdirTemp("", "fpbench-app")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(home)
	env := append(os.Environ(),
		"DISPLAY="+display,
		"HOME="+home,
		"XDG_CONFIG_HOME="+filepath.Join(home, "config"),
		"XDG_DATA_HOME="+filepath.Join(home, "data"),
		"XDG_CACHE_HOME="+filepath.Join(home, "cache"),
		"XDG_RUNTIME_DIR="+home,
		"NO_AT_BRIDGE=1",
	)
	if addr, stopBus, err := startBus(env); err == nil {
		defer stopBus()
		env = append(env, "DBUS_SESSION_BUS_ADDRESS="+addr)
	}

	// A few documents on a loopback host, served slowly enough that the
	// memory is sampled while the check is under way.
	var hits atomic.Int64
	pages := make([]string, appDocs)
	for i := range pages {
		c := corpus[(i*7)%len(corpus)]
		pages[i] = "<!doctype html><html><body><main>" + toHTML(c.texts[len(c.texts)-1]) + "</main></body></html>"
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(appLatency)
		k, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/doc/"))
		if err != nil || k < 0 || k >= len(pages) {
			http.NotFound(w, r)
			return
		}
		hits.Add(1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, pages[k])
	})}
	go srv.Serve(ln)
	defer srv.Close()

	archive := func(name string) ([]string, error) {
		dir := filepath.Join(home, name)
		e := append(env, "FINEPRINT_DATA_DIR="+dir)
		for i := range appDocs {
			cmd := exec.Command(cfg.bin, "watch", "add", "--name", fmt.Sprintf("Bench %d", i+1), "--type", "Terms of Service",
				"--url", fmt.Sprintf("http://%s/doc/%d", ln.Addr(), i), "--select", "main")
			cmd.Env = e
			if out, err := cmd.CombinedOutput(); err != nil {
				return nil, fmt.Errorf("watch add: %v: %s", err, out)
			}
		}
		return e, nil
	}

	// Idle: every document checked beforehand, so nothing is due.
	idleEnv, err := archive("idle")
	if err != nil {
		return nil, err
	}
	pre := exec.Command(cfg.bin, "check")
	pre.Env = idleEnv
	if out, err := pre.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("check before start: %v: %s", err, out)
	}

	var starts, mapped, idle, idlePSS, background []float64
	var note string
	for i := range max(3, min(cfg.runs, 5)) {
		p, err := launch(cfg.bin, idleEnv)
		if err != nil {
			return nil, err
		}
		shown, took, err := p.firstPaint(idleEnv)
		if err != nil {
			p.stop()
			return nil, err
		}
		starts = append(starts, took.Seconds())
		mapped = append(mapped, shown.Seconds())
		if i == 0 {
			time.Sleep(appIdleAfter - min(took, appIdleAfter))
			rss, n := treeRSS(p.cmd.Process.Pid)
			idle = append(idle, float64(rss)/1e6)
			idlePSS = append(idlePSS, float64(treePSS(p.cmd.Process.Pid))/1e6)
			note = fmt.Sprintf("page cache warm after the first run; %d processes idle: %s", n, breakdown(p.cmd.Process.Pid))
			bg, err := p.closeAndHandOver(display, idleEnv)
			if err != nil {
				p.stop()
				return nil, err
			}
			background = append(background, bg...)
		}
		p.stop()
	}

	// During a check: a fresh archive, so every document is due at start.
	busyEnv, err := archive("busy")
	if err != nil {
		return nil, err
	}
	p, err := launch(cfg.bin, busyEnv)
	if err != nil {
		return nil, err
	}
	defer p.stop()
	var peak, peakPSS int64
	deadline := time.Now().Add(appWaitLimit)
	for hits.Load() < 2*appDocs && time.Now().Before(deadline) {
		if rss, _ := treeRSS(p.cmd.Process.Pid); rss > peak {
			peak = rss
			peakPSS = treePSS(p.cmd.Process.Pid)
		}
		time.Sleep(50 * time.Millisecond)
		if hits.Load() >= appDocs+appDocs { // the idle archive's pre-check served appDocs
			break
		}
	}
	figs := []Figure{
		atMost("app cold start to first paint", starts, "s", 1),
		// Where the start goes: before the window is mapped it is GTK and
		// the Go side; after, WebKit's processes and the page.
		info("  of which to the window mapped", mapped, "s"),
		atMost("app memory idle (5 s after start, process tree)", idle, "MB", 100),
		info("  same, proportional (PSS)", idlePSS, "MB"),
	}
	if len(background) == 2 {
		bg := atMost("app memory in the background (window closed, daemon checking)", background[:1], "MB", 100)
		bg.Note = "closing the window hands the checks to 'fineprint daemon' and ends the window's process"
		figs = append(figs, bg, info("  same, proportional (PSS)", background[1:], "MB"))
	}
	figs[0].Note = note
	busy := info("app memory peak during a check (process tree)", []float64{float64(peak) / 1e6}, "MB")
	if served := hits.Load() - appDocs; served < appDocs {
		busy.Note = fmt.Sprintf("only %d of %d documents were fetched within %s; app output: %s", served, appDocs, appWaitLimit,
			truncate(p.logs.String(), 600))
	} else {
		busy.Note = fmt.Sprintf("%d loopback documents, %s latency each", appDocs, appLatency)
	}
	return append(figs, busy, info("  same, proportional (PSS)", []float64{float64(peakPSS) / 1e6}, "MB")), nil
}

type appProc struct {
	cmd    *exec.Cmd
	start  time.Time
	logs   bytes.Buffer
	window uint32 // the X window, once mapped
}

func launch(bin string, env []string) (*appProc, error) {
	p := &appProc{cmd: exec.Command(bin)}
	p.cmd.Env = env
	p.cmd.Stdout, p.cmd.Stderr = &p.logs, &p.logs
	// Its own process group, so that stopping it also stops the WebKit
	// processes it spawned and nothing else.
	p.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	p.start = time.Now()
	if err := p.cmd.Start(); err != nil {
		return nil, err
	}
	return p, nil
}

func (p *appProc) stop() {
	if p.cmd.Process == nil || p.cmd.ProcessState != nil {
		return
	}
	syscall.Kill(-p.cmd.Process.Pid, syscall.SIGTERM)
	done := make(chan struct{})
	go func() { p.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
		<-done
	}
}

// firstPaint waits for the window to be mapped and its picture to be more
// than a flat colour, and returns the times since exec of both.
func (p *appProc) firstPaint(env []string) (mapped, painted time.Duration, err error) {
	deadline := p.start.Add(appWaitLimit)
	var id string
	for time.Now().Before(deadline) {
		xdo := exec.Command("xdotool", "search", "--onlyvisible", "--name", "^Fineprint$")
		xdo.Env = env
		if out, err := xdo.Output(); err == nil && len(bytes.TrimSpace(out)) > 0 {
			id = strings.Fields(string(out))[0]
			mapped = time.Since(p.start)
			w, _ := strconv.ParseUint(id, 10, 32)
			p.window = uint32(w)
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if id == "" {
		return 0, 0, fmt.Errorf("no window named Fineprint within %s; app output:\n%s", appWaitLimit, p.logs.String())
	}
	for time.Now().Before(deadline) {
		imp := exec.Command("import", "-window", id, "png:-")
		imp.Env = env
		out, err := imp.Output()
		at := time.Now()
		if err == nil {
			if img, err := png.Decode(bytes.NewReader(out)); err == nil && colours(img) > paintedColours {
				return mapped, at.Sub(p.start), nil
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	return mapped, 0, fmt.Errorf("the window stayed blank for %s", appWaitLimit)
}

func truncate(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

func colours(img image.Image) int {
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

// treeRSS sums VmRSS over pid and all its descendants.
func treeRSS(pid int) (bytes int64, procs int) {
	for _, p := range tree(pid) {
		if kb := procField(fmt.Sprintf("/proc/%d/status", p), "VmRSS:"); kb > 0 {
			bytes += kb * 1024
			procs++
		}
	}
	return bytes, procs
}

// treePSS sums the proportional set size: shared libraries and the
// GTK/WebKit mappings the processes share are counted once overall rather
// than once per process, which VmRSS does.
func treePSS(pid int) int64 {
	var n int64
	for _, p := range tree(pid) {
		n += procField(fmt.Sprintf("/proc/%d/smaps_rollup", p), "Pss:") * 1024
	}
	return n
}

// breakdown names each process of the tree with its RSS and PSS.
func breakdown(pid int) string {
	var out []string
	for _, p := range tree(pid) {
		comm, _ := os.ReadFile(fmt.Sprintf("/proc/%d/comm", p))
		out = append(out, fmt.Sprintf("%s RSS %d MB PSS %d MB", strings.TrimSpace(string(comm)),
			procField(fmt.Sprintf("/proc/%d/status", p), "VmRSS:")/1000, procField(fmt.Sprintf("/proc/%d/smaps_rollup", p), "Pss:")/1000))
	}
	return strings.Join(out, ", ")
}

// tree lists pid and its descendants.
func tree(pid int) []int {
	children := map[int][]int{}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		child, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// The command name may hold spaces and parentheses: fields start
		// after the last ')'.
		s := string(b)
		f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
		if len(f) > 1 {
			if ppid, err := strconv.Atoi(f[1]); err == nil {
				children[ppid] = append(children[ppid], child)
			}
		}
	}
	var out []int
	queue := []int{pid}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		queue = append(queue, children[p]...)
		out = append(out, p)
	}
	return out
}

// procField reads a "Name: N kB" line of a /proc file.
func procField(path, name string) int64 {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), name); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb
		}
	}
	return 0
}

func startXvfb() (string, func(), error) {
	r, w, err := os.Pipe()
	if err != nil {
		return "", nil, err
	}
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{w}
	if err := cmd.Start(); err != nil {
		return "", nil, fmt.Errorf("%w: Xvfb: %v", errSkip, err)
	}
	w.Close()
	stop := func() { cmd.Process.Kill(); cmd.Wait() }
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil {
		stop()
		return "", nil, fmt.Errorf("Xvfb gave no display: %w", err)
	}
	return ":" + strings.TrimSpace(line), stop, nil
}

func startBus(env []string) (string, func(), error) {
	cmd := exec.Command("dbus-daemon", "--session", "--nofork", "--print-address=1")
	cmd.Env = env
	out, err := cmd.StdoutPipe()
	if err != nil {
		return "", nil, err
	}
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	stop := func() { cmd.Process.Kill(); cmd.Wait() }
	addr, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		stop()
		return "", nil, err
	}
	return strings.TrimSpace(addr), stop, nil
}

// closeAndHandOver closes the window as a window manager would and, once
// its process has handed the checks over and ended, returns the RSS and
// PSS (MB) of the daemon that took them, idle, then stops it.
func (p *appProc) closeAndHandOver(display string, env []string) ([]float64, error) {
	var dir string
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "FINEPRINT_DATA_DIR="); ok {
			dir = v
		}
	}
	if err := closeWindow(display, p.window); err != nil {
		return nil, err
	}
	done := make(chan struct{})
	go func() { p.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(appWaitLimit):
		return nil, fmt.Errorf("the window's process still ran %s after its window closed; output:\n%s", appWaitLimit, p.logs.String())
	}
	b, err := os.ReadFile(filepath.Join(dir, "scheduler.lock"))
	role, pidText, _ := strings.Cut(strings.TrimSpace(string(b)), " ")
	pid, _ := strconv.Atoi(pidText)
	if err != nil || role != "daemon" || pid <= 0 {
		return nil, fmt.Errorf("no daemon took the checks after the window closed (lock %q, %v); output:\n%s", b, err, p.logs.String())
	}
	defer func() {
		syscall.Kill(pid, syscall.SIGTERM)
		for i := 0; i < 100 && syscall.Kill(pid, 0) == nil; i++ {
			time.Sleep(50 * time.Millisecond)
		}
	}()
	time.Sleep(appIdleAfter)
	rss, _ := treeRSS(pid)
	return []float64{float64(rss) / 1e6, float64(treePSS(pid)) / 1e6}, nil
}

// closeWindow sends the window the WM_DELETE_WINDOW message a window
// manager sends for its close button (Xvfb runs none).
func closeWindow(display string, win uint32) error {
	xgb.Logger = log.New(io.Discard, "", 0) // it reports the missing ~/.Xauthority that Xvfb does not need
	conn, err := xgb.NewConnDisplay(display)
	if err != nil {
		return err
	}
	defer conn.Close()
	atom := func(name string) (xproto.Atom, error) {
		r, err := xproto.InternAtom(conn, false, uint16(len(name)), name).Reply()
		if err != nil {
			return 0, err
		}
		return r.Atom, nil
	}
	protocols, err := atom("WM_PROTOCOLS")
	if err != nil {
		return err
	}
	del, err := atom("WM_DELETE_WINDOW")
	if err != nil {
		return err
	}
	ev := xproto.ClientMessageEvent{Format: 32, Window: xproto.Window(win), Type: protocols,
		Data: xproto.ClientMessageDataUnionData32New([]uint32{uint32(del), 0, 0, 0, 0})}
	return xproto.SendEventChecked(conn, false, xproto.Window(win), xproto.EventMaskNoEvent, string(ev.Bytes())).Check()
}
