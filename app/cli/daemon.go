package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/godbus/dbus/v5"

	"fineprint/app"
	"fineprint/backend/fetch"
	"fineprint/backend/monitor"
	"fineprint/backend/notify"
	"fineprint/backend/settings"
	"fineprint/backend/store"
)

// EnvOpenChange passes the change to show to a window started by a click on
// a notification of the daemon.
const EnvOpenChange = "FINEPRINT_OPEN_CHANGE"

func init() {
	register(command{name: "daemon", args: "[--once] [--json]",
		summary: "check on schedule and notify, without a window (--once: check everything now, notify, exit)", run: runDaemon})
	register(command{name: "notify-test", args: "",
		summary: "show a sample notification, to see that your desktop shows Fineprint's", run: runNotifyTest})
}

// onceReport is what 'daemon --once' did.
type onceReport struct {
	Results  []monitor.Result `json:"results"`
	Notified bool             `json:"notified"`
	Held     int              `json:"held"`
	Error    string           `json:"notify_error,omitempty"`
}

func runDaemon(ctx context.Context, env *Env, args []string) error {
	c, _ := find("daemon")
	var once bool
	pos, err := parse(env, c, args, func(fs *flag.FlagSet) {
		fs.BoolVar(&once, "once", false, "check every watched document now, notify as the app would, and exit")
	})
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("daemon takes no arguments")
	}
	s, err := env.open()
	if err != nil {
		return err
	}
	fetch.Version = env.Version
	// systemd stops services with SIGTERM; running checks end cleanly.
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGTERM)
	defer stop()

	var logMu sync.Mutex
	lastErr := ""
	logError := func(err error) {
		logMu.Lock()
		defer logMu.Unlock()
		// A missing notification service fails every minute; say it once.
		if err == nil || err.Error() == lastErr {
			return
		}
		lastErr = err.Error()
		fmt.Fprintln(env.Stderr, "fineprint daemon:", err)
	}
	bg, err := app.NewBackground(s, app.BackgroundOptions{Role: "daemon", OnError: logError,
		OnOpen: func(id int64, _ []int64) { logError(openWindow(s.Dir(), id)) }})
	if errors.Is(err, monitor.ErrSchedulerRunning) {
		if once {
			// The process holding the lock checks on its own; a timer
			// that fires while the window is open has nothing to do.
			fmt.Fprintf(env.Stderr, "fineprint: %v; nothing to do.\n", err)
			return nil
		}
		return exitError{ExitFailure, err}
	}
	if err != nil {
		return err
	}
	defer bg.Stop()
	if once {
		return daemonOnce(ctx, env, s, bg)
	}
	docs, err := s.Documents(ctx)
	if err != nil {
		return err
	}
	set, _ := settings.Load(ctx, s)
	fmt.Fprintf(env.Stdout, "Fineprint checks %d documents every %d hours from %s. Stop with Ctrl+C.\n", len(docs), set.CheckIntervalHours, s.Dir())
	bg.Start(logError)
	ctx, endSession := context.WithCancel(ctx)
	defer endSession()
	go untilSessionEnds(ctx, endSession, os.Getenv("DBUS_SESSION_BUS_ADDRESS"), env.Stderr)
	<-ctx.Done()
	return nil
}

// sessionCheckEvery is how often a daemon started in a desktop session
// looks for that session's bus; tests shorten it.
var sessionCheckEvery = 30 * time.Second

// untilSessionEnds calls end once the desktop session the daemon was
// started in is over: its D-Bus session bus, named by addr, stops taking
// connections twice in a row. A daemon the window handed its checks to, or
// one started at login, would otherwise outlive the logout and hold the
// archive's scheduler with no desktop left to notify. Without a session
// bus (a service, cron) there is nothing to watch.
func untilSessionEnds(ctx context.Context, end func(), addr string, log io.Writer) {
	if addr == "" {
		return
	}
	tick := time.NewTicker(sessionCheckEvery)
	defer tick.Stop()
	misses := 0
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		conn, err := dbus.Dial(addr)
		if err == nil {
			conn.Close()
			misses = 0
			continue
		}
		if misses++; misses >= 2 {
			fmt.Fprintln(log, "fineprint daemon: the desktop session ended (its bus is gone); stopping")
			end()
			return
		}
	}
}

func daemonOnce(ctx context.Context, env *Env, s *store.Store, bg *app.Background) error {
	docs, err := s.Documents(ctx)
	if err != nil {
		return err
	}
	rep := onceReport{Results: bg.Scheduler.Checker.Check(ctx, docs)}
	if rep.Results == nil {
		rep.Results = []monitor.Result{}
	}
	if ctx.Err() != nil {
		return errors.New("cancelled")
	}
	sent, nerr := bg.Dispatcher.Results(ctx, rep.Results)
	// Changes held through quiet hours and the weekly digest go out too.
	if terr := bg.Dispatcher.Tick(ctx); nerr == nil {
		nerr = terr
	}
	held, _ := bg.Dispatcher.Held(ctx)
	rep.Notified, rep.Held = sent, len(held)
	if nerr != nil {
		rep.Error = nerr.Error()
	}
	if err := env.out(rep, func(out io.Writer) {
		if len(docs) == 0 {
			fmt.Fprintln(out, "Nothing to check: add a platform with 'fineprint watch add PLATFORM'.")
		}
		for _, r := range rep.Results {
			fmt.Fprintln(out, describe(r))
		}
		switch {
		case sent:
			fmt.Fprintln(out, "A notification was shown.")
		case len(held) > 0:
			fmt.Fprintf(out, "%d changes are held until the quiet hours end.\n", len(held))
		}
	}); err != nil {
		return err
	}
	if nerr != nil {
		return fmt.Errorf("the checks were recorded, but the notification could not be shown: %w", nerr)
	}
	return nil
}

// openWindow starts the window on a change. If a window already runs, the
// new process raises it and exits.
func openWindow(dataDir string, changeID int64) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	// The flag reaches a window that is already open (through the single
	// instance lock); the variable, one this command starts.
	cmd := exec.Command(exe, "--data-dir", dataDir, "--open-change", strconv.FormatInt(changeID, 10))
	cmd.Env = append(os.Environ(), EnvOpenChange+"="+strconv.FormatInt(changeID, 10))
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("cannot open the window: %w", err)
	}
	go cmd.Wait()
	return nil
}

func runNotifyTest(ctx context.Context, env *Env, args []string) error {
	c, _ := find("notify-test")
	if _, err := parse(env, c, args, nil); err != nil {
		return err
	}
	n := notify.System()
	defer n.Close()
	sample := notify.Compose([]notify.Item{{PlatformID: "example", PlatformName: "Example", Document: "Terms of Service",
		Class: store.ClassMaterial, Summary: "1 section added (AI training); +42/-0 words"}})
	sample.Summary = "Fineprint: " + sample.Summary + " (a test)"
	id, err := n.Notify(ctx, sample)
	if err != nil {
		return exitError{ExitFailure, err}
	}
	return env.out(map[string]any{"id": id, "summary": sample.Summary}, func(out io.Writer) {
		fmt.Fprintln(out, "A sample notification was sent. If you do not see it, check your desktop's notification settings.")
	})
}
