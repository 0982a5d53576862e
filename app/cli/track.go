package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"fineprint/backend/diff"
	"fineprint/backend/explain"
	"fineprint/backend/extract"
	"fineprint/backend/fetch"
	"fineprint/backend/monitor"
	"fineprint/backend/store"
	"fineprint/backend/watchlist"
)

func init() {
	register(command{name: "check", args: "[PLATFORM...] [--json]", summary: "check documents now and archive what changed", run: runCheck})
	register(command{name: "history", args: "PLATFORM [--type T] [--json]", summary: "list the archived versions of a platform's documents", run: runHistory})
	register(command{name: "diff", args: "PLATFORM --type T [--from DATE] [--to DATE] [--json]", summary: "show what changed in a document between two dates", run: runDiff})
	register(command{name: "changes", args: "[--since DATE] [--all] [--json]", summary: "list the changes found", run: runChanges})
	register(command{name: "search", args: "QUERY [--json]", summary: "search every archived version", run: runSearch})
	register(command{name: "reextract", args: "[PLATFORM...] [--json]", summary: "re-read archived pages with the current rules (recorded as technical)", run: runReextract})
	register(command{name: "extract", args: "[--rules RULES.json] FILE.html...", summary: "print the terms Markdown of saved pages; exit 3 if a page is not terms", run: runExtract})
	importVersions = runImportVersions
}

// checker builds the pipeline from the archive and the user's settings.
func (env *Env) checker(ctx context.Context) (*monitor.Checker, error) {
	s, err := env.open()
	if err != nil {
		return nil, err
	}
	fetch.Version = env.Version
	lang, _ := s.Setting(ctx, "fetch.language", "en")
	return &monitor.Checker{Store: s, Fetcher: fetch.New(fetch.Options{}), AcceptLanguage: lang, Notice: explain.ChangeNotice}, nil
}

// documents resolves platform names to their watched documents (all when
// none are named).
func (env *Env) documents(ctx context.Context, names []string) ([]store.Document, error) {
	s, err := env.open()
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, n := range names {
		id, err := watchlist.Watchlist{Store: s}.Resolve(ctx, n)
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return s.Documents(ctx, ids...)
}

// checkTargets parses a command whose arguments name platforms (none: all)
// and returns their documents with the pipeline to run on them.
func (env *Env) checkTargets(ctx context.Context, name string, args []string) ([]store.Document, *monitor.Checker, error) {
	c, _ := find(name)
	pos, err := parse(env, c, args, nil)
	if err != nil {
		return nil, nil, err
	}
	docs, err := env.documents(ctx, pos)
	if err != nil {
		return nil, nil, err
	}
	chk, err := env.checker(ctx)
	return docs, chk, err
}

func runCheck(ctx context.Context, env *Env, args []string) error {
	docs, chk, err := env.checkTargets(ctx, "check", args)
	if err != nil {
		return err
	}
	if len(docs) == 0 {
		if env.json {
			return env.out([]monitor.Result{}, nil)
		}
		fmt.Fprintln(env.Stdout, "Nothing to check: add a platform with 'fineprint watch add PLATFORM'.")
		return nil
	}
	results := chk.Check(ctx, docs)
	if err := env.out(results, func(out io.Writer) {
		for _, r := range results {
			fmt.Fprintln(out, describe(r))
		}
	}); err != nil {
		return err
	}
	if ctx.Err() != nil {
		return errors.New("cancelled")
	}
	return nil
}

func describe(r monitor.Result) string {
	head := fmt.Sprintf("%s %s: ", r.Platform, r.Type)
	switch r.Outcome {
	case store.OutcomeFailed:
		return head + "failed (" + r.Error.Kind + "): " + r.Error.Message
	case store.OutcomeChanged:
		return head + "changed (" + *r.Class + "): " + r.Summary
	case store.OutcomeNew:
		return head + "new version: " + r.Summary
	case store.OutcomeRevert:
		return head + "revert: " + r.Summary
	}
	return head + r.Outcome
}

func runImportVersions(ctx context.Context, env *Env, dir string) error {
	chk, err := env.checker(ctx)
	if err != nil {
		return err
	}
	sums, err := chk.ImportHistory(ctx, dir)
	if outErr := env.out(sums, func(out io.Writer) {
		for _, s := range sums {
			var parts []string
			for _, o := range []string{"new", "changed", "revert", "unchanged", "failed"} {
				if n := s.Outcomes[o]; n > 0 {
					parts = append(parts, fmt.Sprintf("%d %s", n, o))
				}
			}
			fmt.Fprintf(out, "%s %s: %d files (%s)\n", s.Platform, s.Type, s.Files, strings.Join(parts, ", "))
		}
	}); outErr != nil {
		return outErr
	}
	return err
}

type historyDoc struct {
	Type     string          `json:"type"`
	URL      string          `json:"url"`
	Versions []store.Version `json:"versions"`
	Changes  []store.Change  `json:"changes"`
}

func runHistory(ctx context.Context, env *Env, args []string) error {
	var typ string
	c, _ := find("history")
	pos, err := parse(env, c, args, func(fs *flag.FlagSet) { fs.StringVar(&typ, "type", "", "only this document type") })
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("history: give one platform")
	}
	docs, err := env.documents(ctx, pos)
	if err != nil {
		return err
	}
	s, _ := env.open()
	out := []historyDoc{}
	for _, d := range docs {
		if typ != "" && !strings.EqualFold(d.Type, typ) {
			continue
		}
		vs, err := s.Versions(ctx, d.ID)
		if err != nil {
			return err
		}
		chs, err := s.Changes(ctx, store.ChangeFilter{DocumentID: d.ID})
		if err != nil {
			return err
		}
		if vs == nil {
			vs = []store.Version{}
		}
		if chs == nil {
			chs = []store.Change{}
		}
		out = append(out, historyDoc{Type: d.Type, URL: d.URL(), Versions: vs, Changes: chs})
	}
	if typ != "" && len(out) == 0 {
		return fmt.Errorf("%s has no document of type %q", pos[0], typ)
	}
	return env.out(out, func(w io.Writer) {
		for _, h := range out {
			fmt.Fprintf(w, "%s (%s): %d versions\n", h.Type, h.URL, len(h.Versions))
			tw := tabwriter.NewWriter(w, 0, 2, 2, ' ', 0)
			for _, v := range h.Versions {
				fmt.Fprintf(tw, "  #%d\t%s\tto %s\t%s\n", v.ID, v.FirstSeen.Format("2006-01-02 15:04"), v.LastSeen.Format("2006-01-02 15:04"), v.Origin)
			}
			tw.Flush()
			for i := len(h.Changes) - 1; i >= 0; i-- {
				ch := h.Changes[i]
				fmt.Fprintf(w, "  %s  %-9s %s\n", ch.DetectedAt.Format("2006-01-02"), ch.Class, ch.Summary)
			}
		}
	})
}

// parseDate reads 2006-01-02 or an RFC 3339 time; a bare date means the end
// of that day, so "--to 2025-03-01" includes that day's versions.
func parseDate(s string, endOfDay bool) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, usagef("%q is not a date (use YYYY-MM-DD)", s)
	}
	if endOfDay {
		t = t.Add(24*time.Hour - time.Millisecond)
	}
	return t, nil
}

type diffOut struct {
	Platform string        `json:"platform"`
	Type     string        `json:"type"`
	From     store.Version `json:"from"`
	To       store.Version `json:"to"`
	Class    string        `json:"class"`
	Summary  string        `json:"summary"`
	Diff     diff.Result   `json:"diff"`
}

func runDiff(ctx context.Context, env *Env, args []string) error {
	var typ, from, to string
	c, _ := find("diff")
	pos, err := parse(env, c, args, func(fs *flag.FlagSet) {
		fs.StringVar(&typ, "type", "", "the document type (required)")
		fs.StringVar(&from, "from", "", "the version in force on this date (default: the one before --to)")
		fs.StringVar(&to, "to", "", "the version in force on this date (default: now)")
	})
	if err != nil {
		return err
	}
	if len(pos) != 1 || typ == "" {
		return usagef("diff: give one platform and --type")
	}
	docs, err := env.documents(ctx, pos)
	if err != nil {
		return err
	}
	var doc *store.Document
	for i := range docs {
		if strings.EqualFold(docs[i].Type, typ) {
			doc = &docs[i]
		}
	}
	if doc == nil {
		return fmt.Errorf("%s has no document of type %q", pos[0], typ)
	}
	s, _ := env.open()
	toT := time.Now()
	if to != "" {
		if toT, err = parseDate(to, true); err != nil {
			return err
		}
	}
	newer, err := s.VersionAt(ctx, doc.ID, toT)
	if err != nil {
		return err
	}
	if newer == nil {
		return fmt.Errorf("no version of %s %s was archived by %s", pos[0], typ, toT.Format("2006-01-02"))
	}
	var older *store.Version
	if from != "" {
		fromT, err := parseDate(from, true)
		if err != nil {
			return err
		}
		if older, err = s.VersionAt(ctx, doc.ID, fromT); err != nil {
			return err
		}
	} else {
		chs, err := s.Changes(ctx, store.ChangeFilter{DocumentID: doc.ID})
		if err != nil {
			return err
		}
		for _, ch := range chs {
			if ch.ToVersionID == newer.ID && ch.FromVersionID != 0 && !ch.DetectedAt.After(toT) {
				v, err := s.Version(ctx, ch.FromVersionID)
				if err != nil {
					return err
				}
				older = &v
				break
			}
		}
	}
	if older == nil {
		return fmt.Errorf("there is no earlier version of %s %s to compare with", pos[0], typ)
	}
	res := diff.Compare(older.Text, newer.Text)
	o := diffOut{Platform: doc.PlatformID, Type: doc.Type, From: *older, To: *newer, Class: string(res.Class), Summary: res.Summary.String(), Diff: res}
	o.From.Text, o.To.Text = "", ""
	return env.out(o, func(w io.Writer) {
		fmt.Fprintf(w, "%s %s: version #%d (%s) -> #%d (%s)\n%s: %s\n", doc.PlatformID, doc.Type,
			older.ID, older.FirstSeen.Format("2006-01-02"), newer.ID, newer.FirstSeen.Format("2006-01-02"), res.Class, o.Summary)
		printDiff(w, res)
	})
}

// printDiff shows changed sections with [-removed-] and {+added+} words.
func printDiff(w io.Writer, res diff.Result) {
	for _, sc := range res.Sections {
		if sc.Kind == diff.Unchanged {
			continue
		}
		fmt.Fprintf(w, "\n## %s (%s)\n", sc.Heading, sc.Kind)
		if len(sc.Ops) == 0 {
			continue
		}
		var b strings.Builder
		for _, op := range sc.Ops {
			switch op.Type {
			case diff.Insert:
				b.WriteString("{+" + op.Text + "+}")
			case diff.Delete:
				b.WriteString("[-" + op.Text + "-]")
			default:
				b.WriteString(op.Text)
			}
		}
		fmt.Fprintln(w, b.String())
	}
}

func runChanges(ctx context.Context, env *Env, args []string) error {
	var since string
	var all bool
	c, _ := find("changes")
	pos, err := parse(env, c, args, func(fs *flag.FlagSet) {
		fs.StringVar(&since, "since", "", "only changes found on or after this date")
		fs.BoolVar(&all, "all", false, "include minor, revert and technical changes")
	})
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("changes takes no arguments")
	}
	f := store.ChangeFilter{}
	if since != "" {
		if f.Since, err = parseDate(since, false); err != nil {
			return err
		}
	}
	if !all {
		f.Classes = []string{store.ClassMaterial}
	}
	s, err := env.open()
	if err != nil {
		return err
	}
	chs, err := s.Changes(ctx, f)
	if err != nil {
		return err
	}
	if chs == nil {
		chs = []store.Change{}
	}
	return env.out(chs, func(w io.Writer) {
		if len(chs) == 0 {
			fmt.Fprintln(w, "No changes found.")
		}
		for _, ch := range chs {
			fmt.Fprintf(w, "%s  %s %s  %s: %s\n", ch.DetectedAt.Local().Format("2006-01-02"), ch.PlatformName, ch.DocumentType, ch.Class, ch.Summary)
		}
	})
}

func runSearch(ctx context.Context, env *Env, args []string) error {
	c, _ := find("search")
	pos, err := parse(env, c, args, nil)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("search: what should I look for?")
	}
	s, err := env.open()
	if err != nil {
		return err
	}
	hits, err := s.Search(ctx, strings.Join(pos, " "), 50)
	if err != nil {
		return err
	}
	if hits == nil {
		hits = []store.SearchHit{}
	}
	return env.out(hits, func(w io.Writer) {
		if len(hits) == 0 {
			fmt.Fprintln(w, "Nothing found.")
		}
		for _, h := range hits {
			cur := ""
			if h.Current {
				cur = " (current)"
			}
			fmt.Fprintf(w, "%s %s, version #%d of %s%s:\n  %s\n", h.PlatformName, h.DocumentType, h.VersionID, h.FirstSeen.Format("2006-01-02"), cur,
				strings.Join(strings.Fields(h.Snippet), " "))
		}
	})
}

func runReextract(ctx context.Context, env *Env, args []string) error {
	docs, chk, err := env.checkTargets(ctx, "reextract", args)
	if err != nil {
		return err
	}
	results := chk.Reextract(ctx, docs)
	if results == nil {
		results = []monitor.Result{}
	}
	return env.out(results, func(w io.Writer) {
		if len(results) == 0 {
			fmt.Fprintln(w, "No archived page to re-read.")
		}
		for _, r := range results {
			fmt.Fprintln(w, describe(r))
		}
	})
}

func runExtract(ctx context.Context, env *Env, args []string) error {
	var rulesPath, base string
	c, _ := find("extract")
	pos, err := parse(env, c, args, func(fs *flag.FlagSet) {
		fs.StringVar(&rulesPath, "rules", "", "an Open Terms Archive source document (select, remove, ...) as JSON")
		fs.StringVar(&base, "url", "", "the address the page came from, to resolve relative links")
	})
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("extract: give one or more saved HTML files")
	}
	var rules extract.Rules
	if rulesPath != "" {
		b, err := os.ReadFile(rulesPath)
		if err != nil {
			return err
		}
		if err := json.Unmarshal(b, &rules); err != nil {
			return usagef("%s is not a valid rules file: %v", rulesPath, err)
		}
		if err := rules.Validate(); err != nil {
			return usagef("%s: %v", rulesPath, err)
		}
	}
	var pages []extract.Page
	for _, p := range pos {
		fi, err := os.Stat(p)
		if err != nil {
			return err
		}
		if fi.Size() > fetch.DefaultMaxBodyBytes {
			return exitError{ExitNotTerms, fmt.Errorf("%s is larger than %d MB", p, fetch.DefaultMaxBodyBytes>>20)}
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		page, err := fetch.Decode(b, "")
		if err != nil {
			return exitError{ExitNotTerms, fmt.Errorf("%s: %v", p, err)}
		}
		pages = append(pages, extract.Page{HTML: []byte(page), URL: base, Rules: rules})
	}
	md, err := extract.ExtractPages(pages)
	if err != nil {
		var ee *extract.Error
		if errors.As(err, &ee) {
			return exitError{ExitNotTerms, fmt.Errorf("not terms (%s): %s", ee.Kind, ee.Message)}
		}
		return err
	}
	fmt.Fprintln(env.Stdout, md)
	return nil
}
