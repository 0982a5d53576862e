package main

import (
	"context"
	"fmt"
	"math"
	"net"
	"net/http"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"fineprint/backend/catalog"
	"fineprint/backend/extract"
	"fineprint/backend/fetch"
	"fineprint/backend/monitor"
	"fineprint/backend/store"
)

const (
	cycleHosts    = 25
	cycleDocs     = 75
	cycleLatency  = 100 * time.Millisecond
	cycleParallel = fetch.DefaultParallelism
)

var cycleTypes = []string{"Terms of Service", "Privacy Policy", "Acceptable Use Policy"}

// loopSite is one loopback host serving its documents' current versions
// after the added latency.
type loopSite struct {
	docs []*loopDoc
	srv  *http.Server
	url  string
}

type loopDoc struct {
	texts []string
	pages []string // rendered once: the bench times Fineprint, not this
	at    atomic.Int64
}

func (s *loopSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	time.Sleep(cycleLatency)
	var k int
	if _, err := fmt.Sscanf(r.URL.Path, "/doc/%d", &k); err != nil || k < 0 || k >= len(s.docs) {
		http.NotFound(w, r)
		return
	}
	d := s.docs[k]
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, `<!doctype html><html><head><title>Legal</title><meta name="request" content="%d"></head><body>
<header><nav><a href="/">Home</a> <a href="/help">Help</a></nav></header><main>%s</main>
<footer>Served %s</footer></body></html>`, time.Now().UnixNano(), d.pages[int(d.at.Load())%len(d.pages)], time.Now().Format(time.RFC3339Nano))
}

// runCycle checks 75 documents on 25 loopback hosts, three per host, the
// way the app does: one Checker over one Fetcher with default limits.
func runCycle(cfg config) ([]Figure, error) {
	corpus, err := loadVersions(cfg)
	if err != nil {
		return nil, err
	}
	var sites []*loopSite
	defer func() {
		for _, s := range sites {
			s.srv.Close()
		}
	}()
	for h := range cycleHosts {
		ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.%d:0", h+1))
		if err != nil {
			return nil, fmt.Errorf("%w: cannot listen on 127.0.0.%d (%v)", errSkip, h+1, err)
		}
		s := &loopSite{url: "http://" + ln.Addr().String()}
		for k := range cycleDocs / cycleHosts {
			c := corpus[(h*3+k)%len(corpus)]
			d := &loopDoc{texts: c.texts}
			for _, t := range c.texts {
				d.pages = append(d.pages, toHTML(t))
			}
			// Different starting points, so that hosts do not all serve the
			// same document's history in step.
			d.at.Store(int64(h))
			s.docs = append(s.docs, d)
		}
		s.srv = &http.Server{Handler: s}
		go s.srv.Serve(ln)
		sites = append(sites, s)
	}

	ideal := time.Duration(math.Ceil(float64(cycleDocs)/float64(cycleParallel))) * cycleLatency
	perHost := time.Duration(cycleDocs/cycleHosts) * cycleLatency
	ideal = max(ideal, perHost)

	measure := func(parallel, runs int) (unchanged, changed []float64, note string, err error) {
		dir, err := os.MkdirTemp("", "fpbench-cycle")
		if err != nil {
			return nil, nil, "", err
		}
		defer os.RemoveAll(dir)
		st, err := store.Open(dir)
		if err != nil {
			return nil, nil, "", err
		}
		defer st.Close()
		ctx := context.Background()
		for h, s := range sites {
			p := catalog.Platform{ID: fmt.Sprintf("host%02d", h+1), Name: fmt.Sprintf("Host %d", h+1), Category: "bench"}
			for k := range s.docs {
				p.Documents = append(p.Documents, catalog.Document{Type: cycleTypes[k],
					Sources: []catalog.Source{{URL: fmt.Sprintf("%s/doc/%d", s.url, k), Rules: extract.Rules{Select: extract.CSS("main")}}}})
			}
			if _, err := st.AddPlatform(ctx, p, store.SourceCatalog); err != nil {
				return nil, nil, "", err
			}
		}
		chk := &monitor.Checker{Store: st, Fetcher: fetch.New(fetch.Options{NoBrowser: true, MaxRetries: -1}), Parallel: parallel}
		docs := func() []store.Document {
			ds, err := st.Documents(ctx)
			if err != nil {
				panic(err)
			}
			return ds
		}
		tally := map[string]int{}
		run := func() float64 {
			start := time.Now()
			res := chk.Check(ctx, docs())
			took := time.Since(start)
			for _, r := range res {
				tally[r.Outcome]++
				if r.Error != nil {
					tally[r.Outcome+":"+r.Error.Kind]++
				}
			}
			return took.Seconds() / ideal.Seconds()
		}
		run() // the first check archives every document: not what is timed
		for range runs {
			unchanged = append(unchanged, run())
			for _, s := range sites {
				for _, d := range s.docs {
					d.at.Add(1)
				}
			}
			changed = append(changed, run())
		}
		var parts []string
		for k, v := range tally {
			parts = append(parts, fmt.Sprintf("%s %d", k, v))
		}
		return unchanged, changed, strings.Join(sortStrings(parts), ", "), nil
	}

	unchanged, changed, tally, err := measure(0, min(cfg.runs, 3))
	if err != nil {
		return nil, err
	}
	note := fmt.Sprintf("ideal %s = ceil(%d docs / %d in parallel) × %s; %d hosts × %d docs; outcomes: %s",
		ideal, cycleDocs, cycleParallel, cycleLatency, cycleHosts, cycleDocs/cycleHosts, tally)
	u := atMost("check cycle, no changes (time / ideal)", unchanged, "×", 1.5)
	u.Note = note
	c := atMost("check cycle, with changes (time / ideal)", changed, "×", 1.5)
	figs := []Figure{u, c}
	// An experiment on the pipeline's own limit, with the same fetch
	// limits: more check slots than fetch slots, so that extracting,
	// diffing and archiving one document overlap the fetches of others.
	for _, par := range []int{8, 16} {
		xu, xc, _, err := measure(par, min(cfg.runs, 2))
		if err != nil {
			return nil, err
		}
		figs = append(figs, info(fmt.Sprintf("  experiment: Checker.Parallel %d, no changes", par), xu, "×"),
			info(fmt.Sprintf("  experiment: Checker.Parallel %d, with changes", par), xc, "×"))
	}
	figs = append(figs, info("check cycle ideal", []float64{ideal.Seconds()}, "s"))
	return figs, nil
}
