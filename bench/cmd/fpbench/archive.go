package main

import (
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fineprint/app"
	"fineprint/backend/analyze"
	"fineprint/backend/catalog"
	"fineprint/backend/diff"
	"fineprint/backend/extract"
	"fineprint/backend/normalize"
	"fineprint/backend/store"
)

const (
	archiveDocs = 75
	archiveDays = 365
)

// searchQueries are what a user types in the search box: words (matched as
// prefixes, all required) and quoted phrases, rare and common.
var searchQueries = []string{
	"arbitration", "personal data", `"class action"`, "train models", "cookies", "delete account", "data",
}

type simDoc struct {
	id     int64
	texts  []string
	hash   []string
	chrome []byte
	rate   float64
	at     int
	cur    string // hash of the current text
}

// runArchive writes a simulated year of daily checks through the store
// with an injected clock, then times the queries the app makes on it.
func runArchive(cfg config) ([]Figure, error) {
	corpus, err := loadVersions(cfg)
	if err != nil {
		return nil, err
	}
	chromes, err := pageChromes(cfg)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "fpbench-archive")
	if err != nil {
		return nil, err
	}
	if keepArchive {
		fmt.Fprintln(os.Stderr, "fpbench: archive kept in", dir)
	} else {
		defer os.RemoveAll(dir)
	}
	st, err := store.Open(dir)
	if err != nil {
		return nil, err
	}
	defer func() {
		if st != nil {
			st.Close()
		}
	}()
	ctx := context.Background()
	start := time.Date(2025, 1, 1, 6, 0, 0, 0, time.UTC)
	now := start
	st.SetClock(func() time.Time { return now })

	var docs []*simDoc
	var platforms []string
	for h := range archiveDocs / 3 {
		p := catalog.Platform{ID: fmt.Sprintf("p%02d", h+1), Name: fmt.Sprintf("Platform %d", h+1), Category: "bench"}
		for k := range 3 {
			p.Documents = append(p.Documents, catalog.Document{Type: cycleTypes[k],
				Sources: []catalog.Source{{URL: fmt.Sprintf("https://p%02d.example/%d", h+1, k), Rules: extract.Rules{Select: extract.CSS("main")}}}})
		}
		if _, err := st.AddPlatform(ctx, p, store.SourceCatalog); err != nil {
			return nil, err
		}
		platforms = append(platforms, p.ID)
		for k, typ := range cycleTypes {
			d, err := st.DocumentByType(ctx, p.ID, typ)
			if err != nil {
				return nil, err
			}
			c := corpus[(h*3+k)%len(corpus)]
			sd := &simDoc{id: d.ID, texts: c.texts, rate: c.perDay, chrome: chromes[(h*3+k)%len(chromes)]}
			for _, t := range c.texts {
				sd.hash = append(sd.hash, normalize.Hash(t))
			}
			docs = append(docs, sd)
		}
	}

	rng := rand.New(rand.NewPCG(8, 75))
	var newVersions, reverts, snapBytes int
	writeStart := time.Now()
	for day := range archiveDays {
		now = start.AddDate(0, 0, day)
		for _, d := range docs {
			if day > 0 && rng.Float64() < d.rate {
				d.at = (d.at + 1) % len(d.texts)
			}
			text, hash := d.texts[d.at], d.hash[d.at]
			o := store.Observation{DocumentID: d.id, At: now, Text: text, Hash: hash, Duration: 300 * time.Millisecond}
			cur, err := st.CurrentVersion(ctx, d.id)
			if err != nil {
				return nil, err
			}
			if cur != nil {
				o.ExpectCurrent = cur.ID
			}
			if cur != nil && cur.Hash != hash {
				old, err := st.VersionByHash(ctx, d.id, hash)
				if err != nil {
					return nil, err
				}
				if old == nil {
					res := diff.Compare(cur.Text, text)
					o.Change = &store.ChangeRecord{Class: string(res.Class), Summary: res.Summary.String(), Details: res.Summary}
				} else {
					reverts++
				}
			}
			if cur == nil || (cur.Hash != hash && o.Change != nil) {
				o.Findings = findingsOf(text)
				// Kept as the check pipeline keeps a page: slimmed.
				raw := withTerms(d.chrome, text)
				o.Snapshots = []store.Snapshot{{URL: "https://example.com/", ContentType: "text/html; charset=utf-8", Raw: []byte(extract.Slim(string(raw))), FetchedAt: now}}
				newVersions++
				snapBytes += len(raw)
			}
			if _, _, err := st.RecordObservation(ctx, o); err != nil {
				return nil, fmt.Errorf("day %d: %w", day, err)
			}
		}
	}
	writeTook := time.Since(writeStart)

	// The app's queries, each timed a few times; the slowest query's median
	// is the figure.
	a := app.New(st, nil, "bench")
	mid := start.AddDate(0, 6, 0)
	var perQuery []float64
	slowest := func(n int, q func(i int) error) ([]float64, error) {
		perQuery = perQuery[:0]
		worst := make([]float64, 0, n)
		var times [][]float64
		for i := range n {
			var ts []float64
			for range min(cfg.runs, 5) {
				t0 := time.Now()
				if err := q(i); err != nil {
					return nil, err
				}
				ts = append(ts, float64(time.Since(t0).Microseconds())/1000)
			}
			times = append(times, ts)
			perQuery = append(perQuery, median(ts))
		}
		// Per run, the slowest query: the median of those is reported.
		for r := range len(times[0]) {
			w := 0.0
			for _, ts := range times {
				w = max(w, ts[r])
			}
			worst = append(worst, w)
		}
		return worst, nil
	}
	history, err := slowest(len(platforms), func(i int) error { _, err := a.History(platforms[i]); return err })
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	// The diff a user opens from a change: the latest version of each
	// document against the one before it.
	var latest []int64
	for _, d := range docs {
		vs, err := st.Versions(ctx, d.id)
		if err != nil {
			return nil, err
		}
		if len(vs) > 1 {
			latest = append(latest, vs[len(vs)-1].ID)
		}
	}
	diffs, err := slowest(len(latest), func(i int) error { _, err := a.Diff(0, latest[i]); return err })
	if err != nil {
		return nil, fmt.Errorf("diff: %w", err)
	}
	searches, err := slowest(len(searchQueries), func(i int) error { _, err := a.Search(searchQueries[i]); return err })
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	var searchNote []string
	for i, q := range searchQueries {
		hits, _ := a.Search(q)
		searchNote = append(searchNote, fmt.Sprintf("%s: %.0f ms, %d hits", q, perQuery[i], len(hits)))
	}
	tables := tableSizes(ctx, st)
	versionAt, err := slowest(len(docs), func(i int) error { _, err := st.VersionAt(ctx, docs[i].id, mid); return err })
	if err != nil {
		return nil, fmt.Errorf("version at: %w", err)
	}
	if err := st.Close(); err != nil {
		return nil, err
	}
	st = nil
	size, err := dirSize(dir)
	if err != nil {
		return nil, err
	}
	sizeFig := atMost("archive after a simulated year (75 docs)", []float64{float64(size) / 1e6}, "MB", 30)
	sizeFig.Note = fmt.Sprintf("%d new versions with a page each (%.0f MB of HTML as fetched, kept slimmed and packed), %d reverts, %d checks; written in %s",
		newVersions, float64(snapBytes)/1e6, reverts, archiveDays*len(docs), writeTook.Round(time.Second))
	if tables != "" {
		sizeFig.Note += "; by table: " + tables
	}
	searchFig := atMost("slowest search query", searches, "ms", 50)
	searchFig.Note = strings.Join(searchNote, "; ")
	return []Figure{sizeFig,
		atMost("slowest history query (per platform)", history, "ms", 50),
		atMost("slowest diff query (latest vs previous)", diffs, "ms", 50),
		searchFig,
		atMost("slowest version-at query", versionAt, "ms", 50),
	}, nil
}

// findingsOf is what the check pipeline stores with a new text.
func findingsOf(text string) []store.Finding {
	var out []store.Finding
	for _, f := range analyze.Analyze(text) {
		mods := make([]string, len(f.Modifiers))
		for i, m := range f.Modifiers {
			mods[i] = string(m)
		}
		out = append(out, store.Finding{Kind: string(f.Kind), Start: f.Start, End: f.End, Modifiers: mods, Severity: string(f.Severity), Reasons: f.Reasons})
	}
	return out
}

// pageChromes are the real snapshots of the pairs corpus: their markup,
// scripts and styles around the terms are what a fetched page weighs and
// how well it compresses.
func pageChromes(cfg config) ([][]byte, error) {
	dir, err := sharedPath(cfg, "corpus", "pairs")
	if err != nil {
		return nil, err
	}
	var paths []string
	filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() && strings.HasSuffix(p, ".html") {
			paths = append(paths, p)
		}
		return nil
	})
	slices.Sort(paths)
	var out [][]byte
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: no HTML in %s", errSkip, dir)
	}
	return out, nil
}

// withTerms puts the version's text into a real page, so that each new
// version's snapshot differs from the last as a real one would.
func withTerms(chrome []byte, text string) []byte {
	terms := "<main>" + toHTML(text) + "</main>"
	i := strings.LastIndex(string(chrome), "</body>")
	if i < 0 {
		return append(slices.Clip(chrome), terms...)
	}
	out := make([]byte, 0, len(chrome)+len(terms))
	out = append(out, chrome[:i]...)
	out = append(out, terms...)
	return append(out, chrome[i:]...)
}

func dirSize(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !e.IsDir() {
			info, err := e.Info()
			if err != nil {
				return err
			}
			n += info.Size()
		}
		return nil
	})
	return n, err
}

// tableSizes says where the bytes go, largest first, when SQLite was built
// with the dbstat table.
func tableSizes(ctx context.Context, st *store.Store) string {
	rows, err := st.DB().QueryContext(ctx, `SELECT name, SUM(pgsize) AS n FROM dbstat GROUP BY name ORDER BY n DESC LIMIT 6`)
	if err != nil {
		return ""
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		var n int64
		if rows.Scan(&name, &n) == nil {
			out = append(out, fmt.Sprintf("%s %.1f MB", name, float64(n)/1e6))
		}
	}
	return strings.Join(out, ", ")
}
