package app

import (
	"fmt"
	"time"

	"fineprint/backend/analyze"
	"fineprint/backend/explain"
)

// KindInfo is a kind of clause the window can compare across platforms.
type KindInfo struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Group string `json:"group"`
}

// Actions lists the things a person does that the terms decide.
func (a *App) Actions() []explain.Action { return explain.Actions() }

// Kinds lists the kinds of clause, in the taxonomy's order.
func (a *App) Kinds() []KindInfo {
	out := make([]KindInfo, 0, len(analyze.Kinds))
	for _, k := range analyze.Kinds {
		out = append(out, KindInfo{ID: string(k), Label: analyze.Label(k), Group: analyze.Group(k)})
	}
	return out
}

// Explain says what an action means under a watched platform's terms in
// force on at (YYYY-MM-DD or RFC 3339; empty for now).
func (a *App) Explain(platformID, action, at string) (explain.Explanation, error) {
	when, err := parseAt(at)
	if err != nil {
		return explain.Explanation{}, err
	}
	ctx, cancel := a.ctx()
	defer cancel()
	id, err := a.list.Resolve(ctx, platformID)
	if err != nil {
		return explain.Explanation{}, err
	}
	return explain.Explain(ctx, a.store, id, explain.ActionID(action), when)
}

// Compare shows how every watched platform handles one kind of clause.
func (a *App) Compare(kind, at string) (explain.Comparison, error) {
	when, err := parseAt(at)
	if err != nil {
		return explain.Comparison{}, err
	}
	ctx, cancel := a.ctx()
	defer cancel()
	return explain.Compare(ctx, a.store, analyze.Kind(kind), when)
}

// parseAt reads a date from the window; a bare date means the end of that
// day, so the terms first seen that day count.
func parseAt(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date (use YYYY-MM-DD)", s)
	}
	return t.Add(24*time.Hour - time.Millisecond), nil
}
