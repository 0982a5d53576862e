package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"fineprint/backend/analyze"
	"fineprint/backend/explain"
	"fineprint/backend/watchlist"
)

func init() {
	register(command{name: "explain", args: "PLATFORM --action ACTION [--at DATE] [--json]", summary: "say in plain words what an action means under a platform's terms", run: runExplain})
	register(command{name: "compare", args: "KIND [--at DATE] [--json]", summary: "compare how your platforms handle one kind of clause", run: runCompare})
}

func actionIDs() string {
	var ids []string
	for _, a := range explain.Actions() {
		ids = append(ids, string(a.ID))
	}
	return strings.Join(ids, ", ")
}

func kindIDs() string {
	var ids []string
	for _, k := range analyze.Kinds {
		ids = append(ids, string(k))
	}
	return strings.Join(ids, ", ")
}

// atFlag reads --at: a bare date means the terms in force at the end of
// that day.
func atFlag(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return parseDate(s, true)
}

func runExplain(ctx context.Context, env *Env, args []string) error {
	var action, at string
	c, _ := find("explain")
	pos, err := parse(env, c, args, func(fs *flag.FlagSet) {
		fs.StringVar(&action, "action", "", "what you do: "+actionIDs())
		fs.StringVar(&at, "at", "", "explain the terms in force on this date (default: now)")
	})
	if err != nil {
		return err
	}
	if len(pos) != 1 || action == "" {
		return usagef("explain: give one platform and --action (one of %s)", actionIDs())
	}
	known := false
	for _, a := range explain.Actions() {
		known = known || string(a.ID) == action
	}
	if !known {
		return usagef("explain: %q is not an action; try one of: %s", action, actionIDs())
	}
	when, err := atFlag(at)
	if err != nil {
		return err
	}
	s, err := env.open()
	if err != nil {
		return err
	}
	id, err := watchlist.Watchlist{Store: s}.Resolve(ctx, pos[0])
	if err != nil {
		return err
	}
	e, err := explain.Explain(ctx, s, id, explain.ActionID(action), when)
	if err != nil {
		return err
	}
	return env.out(e, func(w io.Writer) { printExplanation(ctx, w, e) })
}

func printExplanation(ctx context.Context, w io.Writer, e explain.Explanation) {
	fmt.Fprintf(w, "%s: %s (%s)\n\n%s\n\n", e.PlatformName, e.ActionTitle, e.At.Format("2006-01-02"), e.Headline)
	for _, p := range e.Points {
		fmt.Fprintf(w, "  - %s\n", p)
	}
	if len(e.Evidence) > 0 {
		fmt.Fprintf(w, "\n%s\n", explain.Text(ctx, "heading.evidence"))
		for i, ev := range e.Evidence {
			fmt.Fprintf(w, "  [%d] \"%s\"\n      %s\n", i+1, ev.Quote, explain.Source(ctx, ev))
		}
	}
	if len(e.YouCan) > 0 {
		fmt.Fprintf(w, "\n%s\n", explain.Text(ctx, "heading.you-can"))
		for _, o := range e.YouCan {
			fmt.Fprintf(w, "  - %s\n    \"%s\" (%s)\n", o.Text, o.Evidence.Quote, explain.Source(ctx, o.Evidence))
		}
	}
	if len(e.SaysNothing) > 0 {
		var labels []string
		for _, k := range e.SaysNothing {
			labels = append(labels, analyze.Label(k))
		}
		fmt.Fprintf(w, "\n%s: %s\n", explain.Text(ctx, "heading.says-nothing"), strings.Join(labels, "; "))
	}
	printLegal(ctx, w, e.Legal, e.Disclaimer)
	if len(e.Others) > 0 {
		fmt.Fprintf(w, "\n%s\n", explain.Text(ctx, "heading.others"))
		for _, o := range e.Others {
			if !o.Archived {
				fmt.Fprintf(w, "  %s: %s\n", o.Name, explain.Text(ctx, "state.no-text"))
				continue
			}
			var parts []string
			for _, k := range o.Kinds {
				state := explain.Text(ctx, "state.nothing")
				if k.Found {
					state = explain.Text(ctx, "state.found", string(k.Severity))
				}
				parts = append(parts, k.Label+" "+state)
			}
			fmt.Fprintf(w, "  %s: %s\n", o.Name, strings.Join(parts, "; "))
		}
	}
}

func printLegal(ctx context.Context, w io.Writer, legal []explain.LegalFact, disclaimer string) {
	if len(legal) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s\n", explain.Text(ctx, "heading.legal"))
	for _, l := range legal {
		fmt.Fprintf(w, "  %s, %s: %s %s\n", l.Jurisdiction, l.Law, l.Note, l.Applies)
	}
	fmt.Fprintf(w, "  %s\n", disclaimer)
}

func runCompare(ctx context.Context, env *Env, args []string) error {
	var at string
	c, _ := find("compare")
	pos, err := parse(env, c, args, func(fs *flag.FlagSet) {
		fs.StringVar(&at, "at", "", "compare the terms in force on this date (default: now)")
	})
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("compare: give one kind (one of %s)", kindIDs())
	}
	when, err := atFlag(at)
	if err != nil {
		return err
	}
	s, err := env.open()
	if err != nil {
		return err
	}
	cmp, err := explain.Compare(ctx, s, analyze.Kind(pos[0]), when)
	if errors.Is(err, explain.ErrUnknownKind) {
		return usagef("compare: %v", err)
	}
	if err != nil {
		return err
	}
	return env.out(cmp, func(w io.Writer) {
		fmt.Fprintf(w, "%s: %s (%s)\n", explain.Text(ctx, "heading.compare"), cmp.Label, cmp.At.Format("2006-01-02"))
		for _, p := range cmp.Platforms {
			sev := ""
			if p.Severity != "" {
				sev = " [" + string(p.Severity) + "]"
			}
			fmt.Fprintf(w, "\n%s%s: %s\n", p.Name, sev, p.Point)
			for _, ev := range p.Evidence {
				fmt.Fprintf(w, "  \"%s\"\n    %s\n", ev.Quote, explain.Source(ctx, ev))
			}
		}
		printLegal(ctx, w, cmp.Legal, cmp.Disclaimer)
	})
}
