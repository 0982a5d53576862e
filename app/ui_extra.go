package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fineprint/backend/analyze"
	"fineprint/backend/store"
)

// ErrNotAbsolute marks a file path the window cannot place: a relative path
// would land wherever the app happened to start.
var ErrNotAbsolute = errors.New("the path must be a full path")

// SuggestExportPath proposes where an export goes: the home folder, named
// by today's date, so a person can export without thinking of a name.
func (a *App) SuggestExportPath() string {
	dir, err := os.UserHomeDir()
	if err != nil || dir == "" {
		dir = filepath.Dir(a.store.Dir())
	}
	return filepath.Join(dir, "fineprint-archive-"+time.Now().Format("2006-01-02")+".sqlite")
}

// userPath expands a leading ~ and insists on an absolute path.
func userPath(raw string) (string, error) {
	p := strings.TrimSpace(raw)
	if p == "~" || strings.HasPrefix(p, "~/") {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("%w: %v", ErrNotAbsolute, err)
		}
		p = filepath.Join(home, strings.TrimPrefix(p, "~"))
	}
	if p == "" || !filepath.IsAbs(p) {
		return "", fmt.Errorf("%w: %q (start it with / or ~/)", ErrNotAbsolute, raw)
	}
	return filepath.Clean(p), nil
}

// ExportArchive writes a copy of the whole archive to path and returns
// where it went. It never overwrites a file.
func (a *App) ExportArchive(path string) (string, error) {
	p, err := userPath(path)
	if err != nil {
		return "", err
	}
	ctx, cancel := a.ctx()
	defer cancel()
	if err := a.store.Export(ctx, p); err != nil {
		return "", err
	}
	return p, nil
}

// ImportArchive merges an exported archive into this one; importing the
// same file twice adds nothing.
func (a *App) ImportArchive(path string) (store.ImportStats, error) {
	p, err := userPath(path)
	if err != nil {
		return store.ImportStats{}, err
	}
	ctx, cancel := a.ctx()
	defer cancel()
	st, err := a.store.ImportArchive(ctx, p)
	if err != nil {
		return st, err
	}
	a.emit.Emit(EventWatchlistChanged)
	return st, nil
}

// StartRoute is the screen the window opens on, from FINEPRINT_START_ROUTE
// (for example "#/history/claude/2"); empty means the watchlist. Screenshot
// tests use it to open a detail screen without clicking their way there.
func (a *App) StartRoute() string {
	r := strings.TrimSpace(os.Getenv("FINEPRINT_START_ROUTE"))
	if !strings.HasPrefix(r, "#/") || strings.ContainsAny(r, "<>\"' ") {
		return ""
	}
	return r
}

// Finding is one clause of a platform's current terms that the analyzer
// sorted into a provision kind.
type Finding struct {
	Document    string   `json:"document"`
	DocumentID  int64    `json:"documentId"`
	VersionID   int64    `json:"versionId"`
	VersionDate string   `json:"versionDate"`
	Quote       string   `json:"quote"`
	Start       int      `json:"start"`
	End         int      `json:"end"`
	Severity    string   `json:"severity"`
	Modifiers   []string `json:"modifiers"`
	Reasons     []string `json:"reasons"`
}

// FindingGroup is one provision kind with the clauses that make it, the
// worst severity first.
type FindingGroup struct {
	Kind     string    `json:"kind"`
	Label    string    `json:"label"`
	Group    string    `json:"group"`
	Severity string    `json:"severity"`
	Findings []Finding `json:"findings"`
}

var severityRank = map[string]int{string(analyze.High): 3, string(analyze.Medium): 2, string(analyze.Low): 1}

// Findings groups what the current version of each of a platform's
// documents says, by provision kind: serious kinds first, then in the
// taxonomy's order. Versions archived before analysis existed (imports)
// are analysed on the spot.
func (a *App) Findings(platformID string) ([]FindingGroup, error) {
	ctx, cancel := a.ctx()
	defer cancel()
	p, err := a.store.Platform(ctx, platformID)
	if err != nil {
		return nil, err
	}
	byKind := map[string]*FindingGroup{}
	for _, d := range p.Documents {
		if d.CurrentVersionID == 0 {
			continue
		}
		v, err := a.store.Version(ctx, d.CurrentVersionID)
		if err != nil {
			return nil, err
		}
		stored, ok, err := a.store.Findings(ctx, v.ID, analyze.Fingerprint())
		if err != nil {
			return nil, err
		}
		if !ok {
			for _, f := range analyze.Analyze(v.Text) {
				mods := make([]string, len(f.Modifiers))
				for i, m := range f.Modifiers {
					mods[i] = string(m)
				}
				stored = append(stored, store.Finding{Kind: string(f.Kind), Start: f.Start, End: f.End, Modifiers: mods,
					Severity: string(f.Severity), Reasons: f.Reasons})
			}
		}
		for _, f := range stored {
			if f.Start < 0 || f.End > len(v.Text) || f.Start >= f.End {
				continue
			}
			g := byKind[f.Kind]
			if g == nil {
				k := analyze.Kind(f.Kind)
				g = &FindingGroup{Kind: f.Kind, Label: analyze.Label(k), Group: analyze.Group(k)}
				byKind[f.Kind] = g
			}
			if severityRank[f.Severity] > severityRank[g.Severity] {
				g.Severity = f.Severity
			}
			g.Findings = append(g.Findings, Finding{Document: d.Type, DocumentID: d.ID, VersionID: v.ID,
				VersionDate: stamp(v.FirstSeen), Quote: strings.TrimSpace(v.Text[f.Start:f.End]), Start: f.Start, End: f.End,
				Severity: f.Severity, Modifiers: nonEmpty(f.Modifiers), Reasons: nonEmpty(f.Reasons)})
		}
	}
	out := make([]FindingGroup, 0, len(byKind))
	for _, k := range analyze.Kinds {
		if g := byKind[string(k)]; g != nil {
			slices.SortStableFunc(g.Findings, func(x, y Finding) int { return severityRank[y.Severity] - severityRank[x.Severity] })
			out = append(out, *g)
		}
	}
	slices.SortStableFunc(out, func(x, y FindingGroup) int { return severityRank[y.Severity] - severityRank[x.Severity] })
	return out, nil
}

func nonEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
