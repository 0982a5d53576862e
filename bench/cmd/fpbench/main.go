// Command fpbench measures Fineprint against the targets of `make bench`:
// extraction and analysis throughput beside the peer stack, classification
// speed on one core, a full check cycle over loopback hosts, a simulated
// year of archive growth, and the desktop app's start-up and memory. It
// prints one table and writes the same figures as JSON.
//
// Every figure is the median of several runs. Nothing here asserts a time:
// a missed target is reported, not failed, so that the table is always
// complete on a busy machine.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// Figure is one row of the table.
type Figure struct {
	Name   string  `json:"name"`
	Value  float64 `json:"value"`
	Unit   string  `json:"unit"`
	Target string  `json:"target,omitempty"`
	// OK is nil for figures that are context rather than a goal.
	OK   *bool     `json:"ok,omitempty"`
	Runs []float64 `json:"runs,omitempty"`
	Note string    `json:"note,omitempty"`
}

// Report is the JSON written to bench/results.
type Report struct {
	At      time.Time `json:"at"`
	GoOS    string    `json:"goos"`
	CPUs    int       `json:"cpus"`
	Figures []Figure  `json:"figures"`
	Skipped []string  `json:"skipped,omitempty"`
}

// errSkip marks a part that cannot run here (no corpus, no display); its
// message says why and the rest of the table still comes out.
var errSkip = errors.New("skipped")

// keepArchive leaves the simulated archive on disk, for experiments.
var keepArchive bool

type config struct {
	root, shared, out, node, bin string
	runs                         int
}

type part struct {
	name string
	run  func(config) ([]Figure, error)
}

func main() {
	var cfg config
	var only string
	flag.StringVar(&cfg.root, "root", "", "repository root (default: found from the working directory)")
	flag.StringVar(&cfg.shared, "shared", "", "shared data (default: $FINEPRINT_SHARED or ROOT/../shared)")
	flag.StringVar(&cfg.out, "out", "", "JSON output (default: ROOT/bench/results/latest.json)")
	flag.StringVar(&cfg.bin, "bin", "", "production binary (default: ROOT/build/bin/fineprint)")
	flag.IntVar(&cfg.runs, "runs", 5, "runs per figure; the median is reported")
	flag.StringVar(&only, "only", "", "comma-separated parts to run: throughput,classify,cycle,archive,app")
	flag.BoolVar(&keepArchive, "keep-archive", false, "keep the simulated year's archive for inspection")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the whole run to this file")
	flag.Parse()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "fpbench:", err)
			os.Exit(1)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}

	if cfg.root == "" {
		cfg.root = findRoot()
	}
	if cfg.shared == "" {
		cfg.shared = os.Getenv("FINEPRINT_SHARED")
	}
	if cfg.shared == "" {
		cfg.shared = filepath.Join(cfg.root, "..", "shared")
	}
	if cfg.out == "" {
		cfg.out = filepath.Join(cfg.root, "bench", "results", "latest.json")
	}
	if cfg.bin == "" {
		cfg.bin = filepath.Join(cfg.root, "build", "bin", "fineprint")
	}
	cfg.node = filepath.Join(cfg.root, "bench", "node")
	if cfg.runs < 1 {
		cfg.runs = 1
	}

	parts := []part{
		{"throughput", runThroughput},
		{"classify", runClassify},
		{"cycle", runCycle},
		{"archive", runArchive},
		{"app", runApp},
	}
	want := map[string]bool{}
	for _, p := range strings.Split(only, ",") {
		if p = strings.TrimSpace(p); p != "" {
			want[p] = true
		}
	}
	rep := Report{At: time.Now().UTC(), GoOS: runtime.GOOS + "/" + runtime.GOARCH, CPUs: runtime.NumCPU()}
	failed := false
	for _, p := range parts {
		if len(want) > 0 && !want[p.name] {
			continue
		}
		start := time.Now()
		fmt.Fprintf(os.Stderr, "fpbench: %s…\n", p.name)
		figs, err := p.run(cfg)
		rep.Figures = append(rep.Figures, figs...)
		switch {
		case errors.Is(err, errSkip):
			rep.Skipped = append(rep.Skipped, p.name+": "+err.Error())
			fmt.Fprintf(os.Stderr, "fpbench: %s: %v\n", p.name, err)
		case err != nil:
			failed = true
			rep.Skipped = append(rep.Skipped, p.name+": error: "+err.Error())
			fmt.Fprintf(os.Stderr, "fpbench: %s: error: %v\n", p.name, err)
		default:
			fmt.Fprintf(os.Stderr, "fpbench: %s done in %s\n", p.name, time.Since(start).Round(time.Millisecond))
		}
	}
	printTable(os.Stdout, rep)
	if err := writeJSON(cfg.out, rep); err != nil {
		fmt.Fprintln(os.Stderr, "fpbench:", err)
		os.Exit(1)
	}
	fmt.Printf("\nWritten to %s\n", cfg.out)
	if failed {
		pprof.StopCPUProfile()
		os.Exit(1)
	}
}

func findRoot() string {
	wd, err := os.Getwd()
	if err != nil {
		return "."
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		if filepath.Dir(dir) == dir {
			return wd
		}
	}
}

func writeJSON(path string, rep Report) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	b, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

func printTable(w *os.File, rep Report) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "figure\tvalue\ttarget\tok")
	fmt.Fprintln(tw, "------\t-----\t------\t--")
	for _, f := range rep.Figures {
		ok := ""
		if f.OK != nil {
			ok = "yes"
			if !*f.OK {
				ok = "NO"
			}
		}
		fmt.Fprintf(tw, "%s\t%s %s\t%s\t%s\n", f.Name, format(f.Value), f.Unit, f.Target, ok)
	}
	tw.Flush()
	for _, f := range rep.Figures {
		if f.Note != "" {
			fmt.Fprintf(w, "  %s: %s\n", f.Name, f.Note)
		}
	}
	for _, s := range rep.Skipped {
		fmt.Fprintf(w, "  not measured: %s\n", s)
	}
}

func format(v float64) string {
	a := math.Abs(v)
	switch {
	case a >= 1000:
		return fmt.Sprintf("%.0f", v)
	case a >= 100:
		return fmt.Sprintf("%.1f", v)
	case a >= 1:
		return fmt.Sprintf("%.2f", v)
	default:
		return fmt.Sprintf("%.3f", v)
	}
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// atLeast and atMost build the figure with its verdict.
func atLeast(name string, runs []float64, unit string, target float64) Figure {
	v := median(runs)
	ok := v >= target
	return Figure{Name: name, Value: v, Unit: unit, Target: "≥ " + format(target) + " " + unit, OK: &ok, Runs: runs}
}

func atMost(name string, runs []float64, unit string, target float64) Figure {
	v := median(runs)
	ok := v <= target
	return Figure{Name: name, Value: v, Unit: unit, Target: "≤ " + format(target) + " " + unit, OK: &ok, Runs: runs}
}

func info(name string, runs []float64, unit string) Figure {
	return Figure{Name: name, Value: median(runs), Unit: unit, Runs: runs}
}

func sharedPath(cfg config, parts ...string) (string, error) {
	p := filepath.Join(append([]string{cfg.shared}, parts...)...)
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("%w: %s not found (set FINEPRINT_SHARED or put the shared data at ../shared from the repository root)", errSkip, p)
	}
	return p, nil
}

func sortStrings(s []string) []string {
	slices.Sort(s)
	return s
}
