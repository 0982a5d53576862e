package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"fineprint/backend/catalog"
	"fineprint/backend/store"
	"fineprint/backend/watchlist"
)

func init() {
	register(command{name: "catalog", args: "[QUERY] [--category ID] [--json]", summary: "list the platforms you can watch", run: runCatalog})
	register(command{name: "watch", args: "add PLATFORM | add --name N --type T --url U [--select CSS]... [--remove CSS]... | list | rm ID", summary: "manage the platforms you watch", run: runWatch})
	register(command{name: "import", args: "FILE.json | DIR | ARCHIVE", summary: "add OTA declarations to the catalog, backfill an OTA versions folder, or merge an exported archive", run: runImport})
	register(command{name: "export", args: "FILE", summary: "write a copy of the whole archive to FILE", run: runExport})
}

type catalogEntry struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Company   string   `json:"company,omitempty"`
	Category  string   `json:"category"`
	Documents []docRef `json:"documents"`
	Watched   bool     `json:"watched"`
}

type docRef struct {
	ID   int64  `json:"id,omitempty"`
	Type string `json:"type"`
	URL  string `json:"url"`
}

func runCatalog(ctx context.Context, env *Env, args []string) error {
	var category string
	c, _ := find("catalog")
	pos, err := parse(env, c, args, func(fs *flag.FlagSet) {
		fs.StringVar(&category, "category", "", "only this category (ai, social, ...)")
	})
	if err != nil {
		return err
	}
	s, err := env.open()
	if err != nil {
		return err
	}
	w := watchlist.Watchlist{Store: s}
	cat, err := w.Catalog(ctx)
	if err != nil {
		return err
	}
	watched := map[string]bool{}
	ps, err := s.Platforms(ctx)
	if err != nil {
		return err
	}
	for _, p := range ps {
		watched[p.ID] = true
	}
	entries := []catalogEntry{}
	for _, p := range cat.Search(strings.Join(pos, " "), category) {
		e := catalogEntry{ID: p.ID, Name: p.Name, Company: p.Company, Category: p.Category, Watched: watched[p.ID], Documents: []docRef{}}
		for _, d := range p.Documents {
			e.Documents = append(e.Documents, docRef{Type: d.Type, URL: d.Sources[0].URL})
		}
		entries = append(entries, e)
	}
	return env.out(entries, func(out io.Writer) {
		tw := tabwriter.NewWriter(out, 0, 2, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tCATEGORY\tDOCUMENTS\t")
		for _, e := range entries {
			var types []string
			for _, d := range e.Documents {
				types = append(types, d.Type)
			}
			mark := ""
			if e.Watched {
				mark = "(watching)"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", e.ID, e.Name, catalog.CategoryLabel(e.Category), strings.Join(types, ", "), mark)
		}
		tw.Flush()
		if len(entries) == 0 {
			fmt.Fprintln(out, "No platform matches; add one by URL with 'fineprint watch add --name N --type T --url U'.")
		}
	})
}

func runWatch(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		return usagef("watch: say add, list or rm")
	}
	switch args[0] {
	case "add":
		return watchAdd(ctx, env, args[1:])
	case "list", "ls":
		return watchList(ctx, env, args[1:])
	case "rm", "remove":
		return watchRemove(ctx, env, args[1:])
	case "-h", "--help", "-help":
		c, _ := find("watch")
		_, err := parse(env, c, []string{"--help"}, nil)
		return err
	}
	return usagef("watch: unknown action %q (add, list or rm)", args[0])
}

type watchedPlatform struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Category  string   `json:"category"`
	Documents []docRef `json:"documents"`
}

func toJSON(p store.Platform) watchedPlatform {
	w := watchedPlatform{ID: p.ID, Name: p.Name, Category: p.Category, Documents: []docRef{}}
	for _, d := range p.Documents {
		w.Documents = append(w.Documents, docRef{ID: d.ID, Type: d.Type, URL: d.URL()})
	}
	return w
}

func watchAdd(ctx context.Context, env *Env, args []string) error {
	var req watchlist.URLRequest
	var sel, rem listFlag
	c := command{name: "watch add", args: "PLATFORM | --name N --type T --url U [--select CSS]... [--remove CSS]...", summary: "watch a catalog platform, or any page by URL"}
	pos, err := parse(env, c, args, func(fs *flag.FlagSet) {
		fs.StringVar(&req.Name, "name", "", "the platform's name (adding by URL)")
		fs.StringVar(&req.Type, "type", "", `the document type, e.g. "Privacy Policy" (adding by URL)`)
		fs.StringVar(&req.URL, "url", "", "the page's address (adding by URL)")
		fs.Var(&sel, "select", "CSS selector of the terms text (repeatable)")
		fs.Var(&rem, "remove", "CSS selector of parts to drop (repeatable)")
	})
	if err != nil {
		return err
	}
	byURL := req.Name != "" || req.Type != "" || req.URL != "" || len(sel) > 0 || len(rem) > 0
	switch {
	case byURL && len(pos) > 0:
		return usagef("watch add: give either a platform or --name/--type/--url, not both")
	case !byURL && len(pos) == 0:
		return usagef("watch add: which platform? (see 'fineprint catalog')")
	case !byURL && len(pos) > 1:
		return usagef("watch add: one platform at a time")
	case byURL && (req.Name == "" || req.Type == "" || req.URL == ""):
		return usagef("watch add: adding by URL needs --name, --type and --url")
	}
	s, err := env.open()
	if err != nil {
		return err
	}
	w := watchlist.Watchlist{Store: s}
	var p store.Platform
	if byURL {
		req.Select, req.Remove = sel, rem
		p, err = w.WatchURL(ctx, req)
	} else {
		p, err = w.Watch(ctx, pos[0])
	}
	if err != nil {
		return err
	}
	return env.out(toJSON(p), func(out io.Writer) {
		fmt.Fprintf(out, "Watching %s (%s):\n", p.Name, p.ID)
		for _, d := range p.Documents {
			fmt.Fprintf(out, "  %s  %s\n", d.Type, d.URL())
		}
	})
}

func watchList(ctx context.Context, env *Env, args []string) error {
	c := command{name: "watch list", summary: "list the platforms you watch"}
	if pos, err := parse(env, c, args, nil); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("watch list takes no arguments")
	}
	s, err := env.open()
	if err != nil {
		return err
	}
	ps, err := s.Platforms(ctx)
	if err != nil {
		return err
	}
	list := []watchedPlatform{}
	for _, p := range ps {
		list = append(list, toJSON(p))
	}
	return env.out(list, func(out io.Writer) {
		if len(ps) == 0 {
			fmt.Fprintln(out, "You watch no platform yet. Add one with 'fineprint watch add PLATFORM' (see 'fineprint catalog').")
			return
		}
		tw := tabwriter.NewWriter(out, 0, 2, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tPLATFORM\tDOCUMENT\tVERSIONS\tLAST CHECK\tURL")
		for _, p := range ps {
			for _, d := range p.Documents {
				last := "never"
				if d.LastCheck != nil {
					last = d.LastCheck.At.Local().Format("2006-01-02 15:04") + " " + d.LastCheck.Outcome
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\n", p.ID, p.Name, d.Type, d.Versions, last, d.URL())
			}
		}
		tw.Flush()
	})
}

func watchRemove(ctx context.Context, env *Env, args []string) error {
	c := command{name: "watch rm", args: "ID", summary: "stop watching a platform"}
	pos, err := parse(env, c, args, nil)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("watch rm: give one platform id (see 'fineprint watch list')")
	}
	s, err := env.open()
	if err != nil {
		return err
	}
	id, err := watchlist.Watchlist{Store: s}.Unwatch(ctx, pos[0])
	if err != nil {
		return err
	}
	return env.out(map[string]string{"removed": id}, func(out io.Writer) {
		fmt.Fprintf(out, "Stopped watching %s.\n", id)
	})
}

// maxImport bounds what import reads: the largest real declaration set is a
// few megabytes.
const maxImport = 64 << 20

func runImport(ctx context.Context, env *Env, args []string) error {
	c, _ := find("import")
	pos, err := parse(env, c, args, nil)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("import: give one file or directory")
	}
	path := pos[0]
	fi, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("cannot read %s: %w", path, err)
	}
	if fi.IsDir() {
		return importVersions(ctx, env, path)
	}
	if store.IsArchive(path) {
		s, err := env.open()
		if err != nil {
			return err
		}
		st, err := s.ImportArchive(ctx, path)
		if err != nil {
			return err
		}
		return env.out(st, func(out io.Writer) {
			fmt.Fprintf(out, "Merged %s: %d platforms, %d documents, %d versions, %d changes added.\n", path, st.Platforms, st.Documents, st.Versions, st.Changes)
		})
	}
	if fi.Size() > maxImport {
		return fmt.Errorf("%s is %d MB, more than an import takes (%d MB)", path, fi.Size()>>20, maxImport>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	s, err := env.open()
	if err != nil {
		return err
	}
	ps, err := watchlist.Watchlist{Store: s}.ImportDeclarations(ctx, data)
	if err != nil {
		if errors.Is(err, watchlist.ErrInvalid) {
			return fmt.Errorf("%s is not a set of Open Terms Archive declarations: %v", path, err)
		}
		return err
	}
	ids := []string{}
	for _, p := range ps {
		ids = append(ids, p.ID)
	}
	return env.out(map[string]any{"imported": ids}, func(out io.Writer) {
		fmt.Fprintf(out, "Added %d platforms to the catalog.\n", len(ps))
	})
}

var importVersions = func(ctx context.Context, env *Env, dir string) error {
	return fmt.Errorf("importing a versions folder is not available yet")
}

func runExport(ctx context.Context, env *Env, args []string) error {
	c, _ := find("export")
	pos, err := parse(env, c, args, nil)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("export: give the file to write")
	}
	s, err := env.open()
	if err != nil {
		return err
	}
	if err := s.Export(ctx, pos[0]); err != nil {
		return err
	}
	return env.out(map[string]string{"exported": pos[0]}, func(out io.Writer) {
		fmt.Fprintf(out, "Wrote the archive to %s. Merge it elsewhere with 'fineprint import %s'.\n", pos[0], pos[0])
	})
}
