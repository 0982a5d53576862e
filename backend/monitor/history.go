package monitor

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"fineprint/backend/catalog"
	"fineprint/backend/extract"
	"fineprint/backend/store"
	"fineprint/backend/watchlist"
)

// maxHistoryFile bounds one imported version: the largest real terms are a
// few hundred kilobytes.
const maxHistoryFile = 10 << 20

// ImportSummary counts what an import of a versions dataset did.
type ImportSummary struct {
	Platform string         `json:"platform"`
	Type     string         `json:"type"`
	Files    int            `json:"files"`
	Outcomes map[string]int `json:"outcomes"`
}

// ImportHistory backfills archives from an Open Terms Archive versions
// dataset: either one service's folder (<service>/<type>/<date>.md) or a
// folder of services. Each file goes through the same judgement as a fetch:
// an error page is a failed check, a return to an earlier text a revert.
func (c *Checker) ImportHistory(ctx context.Context, dir string) ([]ImportSummary, error) {
	services, err := serviceDirs(dir)
	if err != nil {
		return nil, err
	}
	var out []ImportSummary
	for _, svc := range services {
		sums, err := c.importService(ctx, svc)
		out = append(out, sums...)
		if err != nil {
			return out, err
		}
	}
	return out, nil
}

// serviceDirs finds the service folders: dir itself when its subfolders hold
// .md files, else its subfolders.
func serviceDirs(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", dir, err)
	}
	isService := false
	var subs []string
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		subs = append(subs, filepath.Join(dir, e.Name()))
		if mds, _ := filepath.Glob(filepath.Join(dir, e.Name(), "*.md")); len(mds) > 0 {
			isService = true
		}
	}
	if isService {
		return []string{dir}, nil
	}
	var out []string
	for _, s := range subs {
		if inner, _ := filepath.Glob(filepath.Join(s, "*", "*.md")); len(inner) > 0 {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s holds no Open Terms Archive versions (<service>/<terms type>/<date>.md)", dir)
	}
	return out, nil
}

func (c *Checker) importService(ctx context.Context, dir string) ([]ImportSummary, error) {
	name := filepath.Base(dir)
	list := watchlist.Watchlist{Store: c.Store}
	p, known, err := list.Lookup(ctx, name)
	if err != nil {
		return nil, err
	}
	var platformID string
	if known {
		if watched, _ := c.Store.IsWatched(ctx, p.ID); !watched {
			if _, err := list.Watch(ctx, p.ID); err != nil {
				return nil, err
			}
		}
		platformID = p.ID
	}
	types, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []ImportSummary
	for _, t := range types {
		if !t.IsDir() {
			continue
		}
		typ := t.Name()
		files, _ := filepath.Glob(filepath.Join(dir, typ, "*.md"))
		if len(files) == 0 {
			continue
		}
		sort.Strings(files)
		if platformID == "" {
			id := "imported-" + catalog.Slug(name)
			sp, err := c.Store.AddPlatform(ctx, catalog.Platform{ID: id, Name: name, Category: catalog.CategoryImported,
				Documents: []catalog.Document{{Type: typ}}}, store.SourceImport)
			if err != nil {
				return out, err
			}
			platformID = sp.ID
		}
		doc, err := c.Store.DocumentByType(ctx, platformID, typ)
		if err != nil {
			if doc, err = c.Store.AddDocument(ctx, platformID, catalog.Document{Type: typ}); err != nil {
				return out, err
			}
		}
		sum := ImportSummary{Platform: platformID, Type: typ, Outcomes: map[string]int{}}
		var after time.Time
		if cur, err := c.Store.CurrentVersion(ctx, doc.ID); err == nil && cur != nil {
			after = cur.LastSeen
		}
		for _, f := range files {
			if ctx.Err() != nil {
				return append(out, sum), ctx.Err()
			}
			at, ok := versionDate(filepath.Base(f))
			if !ok || !at.After(after) {
				continue
			}
			r := c.importFile(ctx, doc, f, at)
			sum.Files++
			sum.Outcomes[r.Outcome]++
			if r.Error != nil && r.Error.Kind == KindArchive {
				return append(out, sum), fmt.Errorf("%s: %s", f, r.Error.Message)
			}
		}
		out = append(out, sum)
	}
	return out, nil
}

func (c *Checker) importFile(ctx context.Context, d store.Document, path string, at time.Time) Result {
	fail := func(kind, msg string) Result {
		c.Store.RecordFailure(ctx, d.ID, at, kind, msg, 0)
		return failed(d, at, kind, msg)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return fail("unreadable", err.Error())
	}
	if fi.Size() > maxHistoryFile {
		return fail("too-large", fmt.Sprintf("%s is larger than %d MB", filepath.Base(path), maxHistoryFile>>20))
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return fail("unreadable", err.Error())
	}
	md := string(b)
	if err := extract.Check(md); err != nil {
		return fail(string(extract.KindOf(err)), message(err))
	}
	return c.archive(ctx, d, md, nil, "", "", at, "import")
}

// versionDate reads an OTA version file name: 2026-08-14T12-34-56Z.md.
func versionDate(name string) (time.Time, bool) {
	t, err := time.Parse("2006-01-02T15-04-05Z", strings.TrimSuffix(name, ".md"))
	return t, err == nil
}
