package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"fineprint/backend/analyze"
	"fineprint/backend/extract"
	"fineprint/backend/normalize"
)

// Pairs left out of the fidelity score, for the reasons the corpus README
// gives: OTA archived an error page, or applied a later declaration than
// the one recorded, so neither side can match its Markdown.
var unscoredPairs = map[string]bool{
	"Llama API/Acceptable Use Policy/2025-11-11T15-33-22Z":      true,
	"Microsoft Copilot/Privacy Policy/2025-11-11T15-34-47Z":     true,
	"Claude.ai/Acceptable Use Policy/2026-08-14T10-32-00Z":      true,
	"Claude.ai/Developer Terms/2026-08-14T10-32-15Z":            true,
	"Claude.ai/Law Enforcement Guidelines/2026-08-14T10-31-45Z": true,
	"Microsoft Copilot/Terms of Service/2025-11-24T15-44-06Z":   true,
}

type pairPage struct {
	path  string
	url   string
	html  []byte
	rules extract.Rules
	// raw keeps the declaration's selectors as written, for the peer.
	raw struct {
		Select json.RawMessage `json:"select"`
		Remove json.RawMessage `json:"remove"`
	}
}

type corpusPair struct {
	id    string
	want  string
	pages []pairPage
}

func readTSV(path string) ([]map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = '\t'
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		return nil, err
	}
	var rows []map[string]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return nil, err
		}
		m := map[string]string{}
		for i, h := range head {
			if i < len(rec) {
				m[h] = rec[i]
			}
		}
		rows = append(rows, m)
	}
}

func loadPairs(cfg config) ([]corpusPair, error) {
	dir, err := sharedPath(cfg, "corpus", "pairs")
	if err != nil {
		return nil, err
	}
	rows, err := readTSV(filepath.Join(dir, "INDEX.tsv"))
	if err != nil {
		return nil, err
	}
	var out []corpusPair
	for _, row := range rows {
		p := corpusPair{id: row["service"] + "/" + row["type"] + "/" + row["date"]}
		md, err := os.ReadFile(filepath.Join(dir, row["md_path"]))
		if err != nil {
			return nil, err
		}
		p.want = string(md)
		htmls := strings.Split(row["html_paths"], " | ")
		urls := strings.Split(row["source_urls"], " | ")
		var rules []extract.Rules
		var raws []json.RawMessage
		if err := json.Unmarshal([]byte(row["declaration_sources_json"]), &rules); err != nil {
			return nil, fmt.Errorf("%s: %w", p.id, err)
		}
		json.Unmarshal([]byte(row["declaration_sources_json"]), &raws)
		if len(rules) != len(htmls) || len(urls) != len(htmls) || len(raws) != len(htmls) {
			return nil, fmt.Errorf("%s: %d pages, %d rules, %d urls", p.id, len(htmls), len(rules), len(urls))
		}
		for i, h := range htmls {
			pg := pairPage{path: filepath.Join(dir, h), url: urls[i], rules: rules[i]}
			if pg.html, err = os.ReadFile(pg.path); err != nil {
				return nil, err
			}
			json.Unmarshal(raws[i], &pg.raw)
			p.pages = append(p.pages, pg)
		}
		out = append(out, p)
	}
	return out, nil
}

// runThroughput times extraction, normalisation and analysis on the real
// pages, then the peer stack on the same pages, and scores both against
// OTA's Markdown.
func runThroughput(cfg config) ([]Figure, error) {
	pairs, err := loadPairs(cfg)
	if err != nil {
		return nil, err
	}
	var htmlBytes int
	for _, p := range pairs {
		for _, pg := range p.pages {
			htmlBytes += len(pg.html)
		}
	}
	mb := func(n int, d time.Duration) float64 { return float64(n) / 1e6 / d.Seconds() }

	// Extraction: the HTML-to-Markdown step the peer also does, page by page.
	got := make([]string, len(pairs))
	var extractRuns []float64
	for range cfg.runs {
		start := time.Now()
		for i, p := range pairs {
			parts := make([]string, len(p.pages))
			for j, pg := range p.pages {
				parts[j], _ = extract.Convert(pg.html, pg.url, pg.rules)
			}
			got[i] = strings.Join(parts, extract.PartSeparator)
		}
		extractRuns = append(extractRuns, mb(htmlBytes, time.Since(start)))
	}

	var mdBytes int
	for _, g := range got {
		mdBytes += len(g)
	}
	var hashRuns, analyzeRuns []float64
	for range cfg.runs {
		start := time.Now()
		for _, g := range got {
			normalize.Hash(g)
		}
		hashRuns = append(hashRuns, mb(mdBytes, time.Since(start)))
	}
	if _, err := analyze.Default(); err != nil {
		return nil, fmt.Errorf("analysis model: %w", err)
	}
	for range cfg.runs {
		start := time.Now()
		for _, g := range got {
			analyze.Analyze(g)
		}
		analyzeRuns = append(analyzeRuns, mb(mdBytes, time.Since(start)))
	}

	figs := []Figure{
		info("extract throughput (HTML in)", extractRuns, "MB/s"),
		info("normalise+hash throughput (Markdown in)", hashRuns, "MB/s"),
		info("analyse throughput (Markdown in)", analyzeRuns, "MB/s"),
	}
	figs[0].Note = fmt.Sprintf("%d pages, %.1f MB of HTML from %d pairs, extract.Convert per page", countPages(pairs), float64(htmlBytes)/1e6, len(pairs))

	ours := meanF1(pairs, got)
	peer, peerMD, err := runPeer(cfg, pairs)
	if err != nil {
		figs = append(figs, Figure{Name: "word F1 vs OTA Markdown (Fineprint)", Value: ours, Unit: "", Note: "peer not run: " + err.Error()})
		return figs, fmt.Errorf("%w: peer stack: %v", errSkip, err)
	}
	peerMB := make([]float64, len(peer))
	for i, s := range peer {
		peerMB[i] = float64(htmlBytes) / 1e6 / s
	}
	figs = append(figs, info("peer throughput (jsdom+turndown+GFM)", peerMB, "MB/s"))
	ratio := atLeast("extract speed-up over peer", []float64{median(extractRuns) / median(peerMB)}, "×", 20)
	figs = append(figs, ratio)

	theirs := meanF1(pairs, peerMD)
	ok := ours >= theirs-0.001
	figs = append(figs,
		Figure{Name: "word F1 vs OTA Markdown (Fineprint)", Value: ours, Target: fmt.Sprintf("≥ peer (%.3f)", theirs), OK: &ok,
			Note: fmt.Sprintf("mean over %d pairs; %d left out (error pages, stale selectors); lowest: %s", len(pairs)-len(unscoredPairs), len(unscoredPairs), lowest(pairs, got, 3))},
		Figure{Name: "word F1 vs OTA Markdown (peer)", Value: theirs, Note: "lowest: " + lowest(pairs, peerMD, 3)},
	)
	return figs, nil
}

// lowest names the pairs with the lowest scores, to show where a side
// falls short.
func lowest(pairs []corpusPair, got []string, n int) string {
	type score struct {
		id string
		f1 float64
	}
	var ss []score
	for i, p := range pairs {
		if !unscoredPairs[p.id] {
			ss = append(ss, score{p.id, extract.WordF1(p.want, got[i])})
		}
	}
	sort.Slice(ss, func(i, j int) bool { return ss[i].f1 < ss[j].f1 })
	var out []string
	for _, s := range ss[:min(n, len(ss))] {
		out = append(out, fmt.Sprintf("%s %.3f", s.id, s.f1))
	}
	return strings.Join(out, "; ")
}

func countPages(pairs []corpusPair) int {
	n := 0
	for _, p := range pairs {
		n += len(p.pages)
	}
	return n
}

func meanF1(pairs []corpusPair, got []string) float64 {
	var sum float64
	n := 0
	for i, p := range pairs {
		if unscoredPairs[p.id] {
			continue
		}
		sum += extract.WordF1(p.want, got[i])
		n++
	}
	return sum / float64(n)
}

// runPeer runs bench/node/ota.js over every page and returns the seconds
// of each repetition and the Markdown of each pair.
func runPeer(cfg config, pairs []corpusPair) ([]float64, []string, error) {
	if _, err := os.Stat(filepath.Join(cfg.node, "node_modules", "turndown")); err != nil {
		return nil, nil, fmt.Errorf("bench/node has no node_modules (make bench runs npm ci there)")
	}
	tmp, err := os.MkdirTemp("", "fpbench-peer")
	if err != nil {
		return nil, nil, err
	}
	defer os.RemoveAll(tmp)
	type job struct {
		Path   string          `json:"path"`
		URL    string          `json:"url"`
		Select json.RawMessage `json:"select"`
		Remove json.RawMessage `json:"remove"`
	}
	var jobs []job
	for _, p := range pairs {
		for _, pg := range p.pages {
			jobs = append(jobs, job{pg.path, pg.url, pg.raw.Select, pg.raw.Remove})
		}
	}
	in, out := filepath.Join(tmp, "pages.json"), filepath.Join(tmp, "out.json")
	b, _ := json.Marshal(jobs)
	if err := os.WriteFile(in, b, 0o644); err != nil {
		return nil, nil, err
	}
	// The peer is far slower; three repetitions keep make bench short.
	reps := min(cfg.runs, 3)
	cmd := exec.Command("node", filepath.Join(cfg.node, "ota.js"), in, fmt.Sprint(reps), out)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return nil, nil, fmt.Errorf("node: %w", err)
	}
	var res struct {
		Seconds  []float64 `json:"seconds"`
		Markdown []string  `json:"markdown"`
	}
	b, err = os.ReadFile(out)
	if err != nil {
		return nil, nil, err
	}
	if err := json.Unmarshal(b, &res); err != nil {
		return nil, nil, err
	}
	if len(res.Markdown) != len(jobs) {
		return nil, nil, fmt.Errorf("peer gave %d pages for %d", len(res.Markdown), len(jobs))
	}
	md := make([]string, len(pairs))
	k := 0
	for i, p := range pairs {
		parts := res.Markdown[k : k+len(p.pages)]
		k += len(p.pages)
		md[i] = strings.Join(parts, extract.PartSeparator)
	}
	return res.Seconds, md, nil
}
