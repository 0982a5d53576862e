package monitor

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"fineprint/backend/analyze"
	"fineprint/backend/diff"
	"fineprint/backend/store"
)

// ChangeDetails is the structured summary of a change, stored with it.
type ChangeDetails struct {
	diff.Summary
	Provisions ProvisionChanges `json:"provisions"`
	// Severity is the worst severity among provisions added or changed.
	Severity string `json:"severity,omitempty"`
	// Notice says whether the person was told ("was I told?"), when a
	// NoticeFunc is set.
	Notice any `json:"notice,omitempty"`
}

// ProvisionChanges lists the provision kinds that appeared, disappeared or
// changed (severity or modifiers) between two versions.
type ProvisionChanges struct {
	Added   []ProvisionChange `json:"added"`
	Removed []ProvisionChange `json:"removed"`
	Changed []ProvisionChange `json:"changed"`
}

// ProvisionChange is one provision kind in a change.
type ProvisionChange struct {
	Kind      string   `json:"kind"`
	Label     string   `json:"label"`
	Severity  string   `json:"severity"`
	Modifiers []string `json:"modifiers"`
}

// NoticeFunc judges whether a change was announced and whether it claims
// to apply before it was published. It returns a sentence for the summary
// (empty when there is nothing to say) and the structured verdict.
type NoticeFunc func(ctx context.Context, oldText, newText string, firstSeen time.Time) (string, any)

// findings analyses a text into what the archive stores.
func findings(text string) []store.Finding {
	fs := analyze.Analyze(text)
	out := make([]store.Finding, 0, len(fs))
	for _, f := range fs {
		mods := make([]string, len(f.Modifiers))
		for i, m := range f.Modifiers {
			mods[i] = string(m)
		}
		out = append(out, store.Finding{Kind: string(f.Kind), Start: f.Start, End: f.End, Modifiers: mods, Severity: string(f.Severity), Reasons: f.Reasons})
	}
	return out
}

var severityRank = map[string]int{"": 0, "low": 1, "medium": 2, "high": 3}

// byKind folds findings into one entry per kind: its worst severity and
// every modifier seen.
func byKind(fs []store.Finding) map[string]ProvisionChange {
	out := map[string]ProvisionChange{}
	for _, f := range fs {
		p := out[f.Kind]
		p.Kind, p.Label = f.Kind, analyze.Label(analyze.Kind(f.Kind))
		if severityRank[f.Severity] > severityRank[p.Severity] {
			p.Severity = f.Severity
		}
		for _, m := range f.Modifiers {
			if !slices.Contains(p.Modifiers, m) {
				p.Modifiers = append(p.Modifiers, m)
			}
		}
		out[f.Kind] = p
	}
	for k, p := range out {
		sort.Strings(p.Modifiers)
		out[k] = p
	}
	return out
}

// compareProvisions is pure: what the analysis of two versions says changed.
func compareProvisions(old, new []store.Finding) ProvisionChanges {
	o, n := byKind(old), byKind(new)
	pc := ProvisionChanges{Added: []ProvisionChange{}, Removed: []ProvisionChange{}, Changed: []ProvisionChange{}}
	for k, p := range n {
		q, ok := o[k]
		switch {
		case !ok:
			pc.Added = append(pc.Added, p)
		case q.Severity != p.Severity || !slices.Equal(q.Modifiers, p.Modifiers):
			pc.Changed = append(pc.Changed, p)
		}
	}
	for k, p := range o {
		if _, ok := n[k]; !ok {
			pc.Removed = append(pc.Removed, p)
		}
	}
	for _, l := range [][]ProvisionChange{pc.Added, pc.Removed, pc.Changed} {
		sort.Slice(l, func(i, j int) bool {
			if severityRank[l[i].Severity] != severityRank[l[j].Severity] {
				return severityRank[l[i].Severity] > severityRank[l[j].Severity]
			}
			return l[i].Kind < l[j].Kind
		})
	}
	return pc
}

// worst is the highest severity among provisions added or changed.
func (pc ProvisionChanges) worst() string {
	w := ""
	for _, p := range append(append([]ProvisionChange{}, pc.Added...), pc.Changed...) {
		if severityRank[p.Severity] > severityRank[w] {
			w = p.Severity
		}
	}
	return w
}

// sentence says the provision changes in a few words.
func (pc ProvisionChanges) sentence() string {
	var parts []string
	list := func(verb string, ps []ProvisionChange) {
		if len(ps) == 0 {
			return
		}
		names := make([]string, 0, len(ps))
		for i, p := range ps {
			if i == 4 {
				names = append(names, fmt.Sprintf("%d more", len(ps)-4))
				break
			}
			names = append(names, strings.ToLower(p.Label))
		}
		parts = append(parts, verb+" "+strings.Join(names, ", "))
	}
	list("new terms on", pc.Added)
	list("changed terms on", pc.Changed)
	list("no longer mentions", pc.Removed)
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, "; ")
}

// review builds the change record for a new text that differs from the
// current version.
func (c *Checker) review(ctx context.Context, cur *store.Version, md string, newFindings []store.Finding, at time.Time) *store.ChangeRecord {
	// review only sees texts whose hashes differ.
	res := diff.CompareChanged(cur.Text, md)
	oldFindings, stored, err := c.Store.Findings(ctx, cur.ID, analyze.Fingerprint())
	if err != nil || !stored {
		oldFindings = findings(cur.Text)
	}
	d := ChangeDetails{Summary: res.Summary}
	summary := res.Summary.String()
	if res.Class == diff.Material {
		d.Provisions = compareProvisions(oldFindings, newFindings)
		d.Severity = d.Provisions.worst()
		if s := d.Provisions.sentence(); s != "" {
			summary += ". " + upperFirst(s)
		}
		if c.Notice != nil {
			told, verdict := c.Notice(ctx, cur.Text, md, at)
			d.Notice = verdict
			if told != "" {
				summary += ". " + told
			}
		}
	}
	return &store.ChangeRecord{Class: string(res.Class), Summary: summary, Details: d}
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
