package main

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// corpusDoc is one document's real history from corpus/versions.
type corpusDoc struct {
	name  string
	texts []string
	// perDay is how often it changed: versions after the first over the
	// days the kept history spans.
	perDay float64
}

// minTextBytes drops recorded error pages and bare headings (see the
// corpus README): the engine refuses them, so they would be failed checks
// rather than versions.
const minTextBytes = 1500

func loadVersions(cfg config) ([]corpusDoc, error) {
	dir, err := sharedPath(cfg, "corpus", "versions")
	if err != nil {
		return nil, err
	}
	rows, err := readTSV(filepath.Join(dir, "INDEX.tsv"))
	if err != nil {
		return nil, err
	}
	type rec struct {
		date time.Time
		path string
	}
	byDoc := map[string][]rec{}
	for _, r := range rows {
		t, err := time.Parse("2006-01-02T15-04-05Z", r["date"])
		if err != nil {
			return nil, fmt.Errorf("versions INDEX: %q: %w", r["date"], err)
		}
		k := r["service"] + " / " + r["type"]
		byDoc[k] = append(byDoc[k], rec{t, r["path"]})
	}
	var out []corpusDoc
	for name, recs := range byDoc {
		sort.Slice(recs, func(i, j int) bool { return recs[i].date.Before(recs[j].date) })
		d := corpusDoc{name: name}
		for _, r := range recs {
			b, err := os.ReadFile(filepath.Join(dir, r.path))
			if err != nil {
				return nil, err
			}
			if len(b) >= minTextBytes {
				d.texts = append(d.texts, string(b))
			}
		}
		if len(d.texts) == 0 {
			continue
		}
		if days := recs[len(recs)-1].date.Sub(recs[0].date).Hours() / 24; len(recs) > 1 && days > 0 {
			d.perDay = float64(len(recs)-1) / days
		}
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out, nil
}

// toHTML renders Markdown as the plain HTML a terms page would carry, so
// that the extractor has real text to read: headings, lists and
// paragraphs, enough for the sections the diff works on.
func toHTML(md string) string {
	var b strings.Builder
	inList := false
	for _, block := range strings.Split(md, "\n\n") {
		block = strings.TrimSpace(block)
		if block == "" {
			continue
		}
		lines := strings.Split(block, "\n")
		if len(lines) == 2 && strings.Trim(lines[1], "=") == "" {
			block = "# " + lines[0]
		} else if len(lines) == 2 && strings.Trim(lines[1], "-") == "" {
			block = "## " + lines[0]
		}
		switch {
		case strings.HasPrefix(block, "#"):
			level := len(block) - len(strings.TrimLeft(block, "#"))
			level = min(max(level, 1), 6)
			if inList {
				b.WriteString("</ul>")
				inList = false
			}
			fmt.Fprintf(&b, "<h%d>%s</h%d>\n", level, html.EscapeString(strings.TrimSpace(strings.TrimLeft(block, "#"))), level)
		case strings.HasPrefix(block, "* ") || strings.HasPrefix(block, "- ") || strings.HasPrefix(block, "*   "):
			if !inList {
				b.WriteString("<ul>")
				inList = true
			}
			for _, l := range lines {
				l = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(l), "*-"))
				fmt.Fprintf(&b, "<li>%s</li>\n", html.EscapeString(l))
			}
		default:
			if inList {
				b.WriteString("</ul>")
				inList = false
			}
			fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(strings.Join(lines, " ")))
		}
	}
	if inList {
		b.WriteString("</ul>")
	}
	return b.String()
}
