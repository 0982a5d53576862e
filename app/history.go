package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"

	"fineprint/backend/diff"
	"fineprint/backend/store"
)

// Version is one archived text of a document, without the text.
type Version struct {
	ID        int64  `json:"id"`
	FirstSeen string `json:"firstSeen"`
	LastSeen  string `json:"lastSeen"`
	Origin    string `json:"origin"`
	Current   bool   `json:"current"`
}

// Change is a step between versions.
type Change struct {
	ID            int64           `json:"id"`
	DocumentID    int64           `json:"documentId"`
	Platform      string          `json:"platform"`
	PlatformName  string          `json:"platformName"`
	Type          string          `json:"type"`
	FromVersionID int64           `json:"fromVersionId"`
	ToVersionID   int64           `json:"toVersionId"`
	Class         string          `json:"class"`
	Summary       string          `json:"summary"`
	Details       json.RawMessage `json:"details"`
	DetectedAt    string          `json:"detectedAt"`
	Read          bool            `json:"read"`
}

// DocumentHistory is a document's timeline.
type DocumentHistory struct {
	DocumentID   int64     `json:"documentId"`
	Type         string    `json:"type"`
	URL          string    `json:"url"`
	Platform     string    `json:"platform"`
	PlatformName string    `json:"platformName"`
	Versions     []Version `json:"versions"`
	Changes      []Change  `json:"changes"`
}

func toChange(c store.Change) Change {
	d := c.Details
	if len(d) == 0 {
		d = json.RawMessage("null")
	}
	return Change{ID: c.ID, DocumentID: c.DocumentID, Platform: c.PlatformID, PlatformName: c.PlatformName, Type: c.DocumentType,
		FromVersionID: c.FromVersionID, ToVersionID: c.ToVersionID, Class: c.Class, Summary: c.Summary, Details: d,
		DetectedAt: stamp(c.DetectedAt), Read: c.Read}
}

// History lists the timeline of each of a platform's documents, newest
// first.
func (a *App) History(platformID string) ([]DocumentHistory, error) {
	ctx, cancel := a.ctx()
	defer cancel()
	p, err := a.store.Platform(ctx, platformID)
	if err != nil {
		return nil, err
	}
	out := []DocumentHistory{}
	for _, d := range p.Documents {
		vs, err := a.store.Versions(ctx, d.ID)
		if err != nil {
			return nil, err
		}
		chs, err := a.store.Changes(ctx, store.ChangeFilter{DocumentID: d.ID})
		if err != nil {
			return nil, err
		}
		h := DocumentHistory{DocumentID: d.ID, Type: d.Type, URL: d.URL(), Platform: p.ID, PlatformName: p.Name, Versions: []Version{}, Changes: []Change{}}
		for i := len(vs) - 1; i >= 0; i-- {
			v := vs[i]
			h.Versions = append(h.Versions, Version{ID: v.ID, FirstSeen: stamp(v.FirstSeen), LastSeen: stamp(v.LastSeen), Origin: v.Origin, Current: v.ID == d.CurrentVersionID})
		}
		for _, c := range chs {
			h.Changes = append(h.Changes, toChange(c))
		}
		out = append(out, h)
	}
	return out, nil
}

// VersionText is one version with its text, for reading.
type VersionText struct {
	ID           int64  `json:"id"`
	DocumentID   int64  `json:"documentId"`
	Type         string `json:"type"`
	Platform     string `json:"platform"`
	PlatformName string `json:"platformName"`
	FirstSeen    string `json:"firstSeen"`
	LastSeen     string `json:"lastSeen"`
	Text         string `json:"text"`
}

// ReadVersion reads one archived version.
func (a *App) ReadVersion(versionID int64) (VersionText, error) {
	ctx, cancel := a.ctx()
	defer cancel()
	v, err := a.store.Version(ctx, versionID)
	if err != nil {
		return VersionText{}, err
	}
	d, err := a.store.Document(ctx, v.DocumentID)
	if err != nil {
		return VersionText{}, err
	}
	p, err := a.store.Platform(ctx, d.PlatformID)
	if err != nil {
		return VersionText{}, err
	}
	return VersionText{ID: v.ID, DocumentID: d.ID, Type: d.Type, Platform: p.ID, PlatformName: p.Name,
		FirstSeen: stamp(v.FirstSeen), LastSeen: stamp(v.LastSeen), Text: v.Text}, nil
}

// Diff compares two versions of a document. Sections that changed come
// first, in document order, then the unchanged ones.
type Diff struct {
	From     Version              `json:"from"`
	To       Version              `json:"to"`
	Class    string               `json:"class"`
	Summary  string               `json:"summary"`
	Detail   diff.Summary         `json:"detail"`
	Reasons  []string             `json:"reasons"`
	Sections []diff.SectionChange `json:"sections"`
}

// Diff compares two versions of one document (fromVersionID 0 means the
// version before toVersionID).
func (a *App) Diff(fromVersionID, toVersionID int64) (Diff, error) {
	ctx, cancel := a.ctx()
	defer cancel()
	to, err := a.store.Version(ctx, toVersionID)
	if err != nil {
		return Diff{}, err
	}
	if fromVersionID == 0 {
		if fromVersionID, err = a.previous(ctx, to); err != nil {
			return Diff{}, err
		}
	}
	from, err := a.store.Version(ctx, fromVersionID)
	if err != nil {
		return Diff{}, err
	}
	if from.DocumentID != to.DocumentID {
		return Diff{}, errors.New("those versions belong to different documents")
	}
	// Two versions of a document never share a hash, so they differ once
	// normalised; CompareChanged saves normalising both texts again.
	var res diff.Result
	if from.Hash != to.Hash {
		res = diff.CompareChanged(from.Text, to.Text)
	} else {
		res = diff.Compare(from.Text, to.Text)
	}
	secs := append([]diff.SectionChange(nil), res.Sections...)
	sort.SliceStable(secs, func(i, j int) bool {
		return (secs[i].Kind != diff.Unchanged) && (secs[j].Kind == diff.Unchanged)
	})
	d, _ := a.store.Document(ctx, to.DocumentID)
	ver := func(v store.Version) Version {
		return Version{ID: v.ID, FirstSeen: stamp(v.FirstSeen), LastSeen: stamp(v.LastSeen), Origin: v.Origin, Current: v.ID == d.CurrentVersionID}
	}
	return Diff{From: ver(from), To: ver(to), Class: string(res.Class), Summary: res.Summary.String(), Detail: res.Summary,
		Reasons: res.Reasons, Sections: secs}, nil
}

// previous is the version a change led away from to reach v, else the one
// first seen before it.
func (a *App) previous(ctx context.Context, v store.Version) (int64, error) {
	chs, err := a.store.Changes(ctx, store.ChangeFilter{DocumentID: v.DocumentID})
	if err != nil {
		return 0, err
	}
	for _, c := range chs {
		if c.ToVersionID == v.ID && c.FromVersionID != 0 {
			return c.FromVersionID, nil
		}
	}
	vs, err := a.store.Versions(ctx, v.DocumentID)
	if err != nil {
		return 0, err
	}
	for i := len(vs) - 1; i >= 0; i-- {
		if vs[i].FirstSeen.Before(v.FirstSeen) {
			return vs[i].ID, nil
		}
	}
	return 0, errors.New("this is the first version: there is nothing earlier to compare with")
}

// Changes lists changes found since a date (RFC 3339 or YYYY-MM-DD; empty
// for all), material ones unless all is set.
func (a *App) Changes(since string, all bool) ([]Change, error) {
	ctx, cancel := a.ctx()
	defer cancel()
	f := store.ChangeFilter{Limit: 500}
	if since != "" {
		t, err := parseWhen(since)
		if err != nil {
			return nil, err
		}
		f.Since = t
	}
	if !all {
		f.Classes = []string{store.ClassMaterial}
	}
	chs, err := a.store.Changes(ctx, f)
	if err != nil {
		return nil, err
	}
	out := []Change{}
	for _, c := range chs {
		out = append(out, toChange(c))
	}
	return out, nil
}

// MarkRead marks changes as read.
func (a *App) MarkRead(changeIDs []int64) error {
	ctx, cancel := a.ctx()
	defer cancel()
	if err := a.store.MarkRead(ctx, changeIDs...); err != nil {
		return err
	}
	a.emit.Emit(EventWatchlistChanged)
	return nil
}

// SearchHit is a version matching a search; the snippet marks matches
// with « and ».
type SearchHit struct {
	VersionID    int64  `json:"versionId"`
	DocumentID   int64  `json:"documentId"`
	Platform     string `json:"platform"`
	PlatformName string `json:"platformName"`
	Type         string `json:"type"`
	FirstSeen    string `json:"firstSeen"`
	Current      bool   `json:"current"`
	Versions     int    `json:"versions"`
	Snippet      string `json:"snippet"`
}

// Search searches every archived version.
func (a *App) Search(query string) ([]SearchHit, error) {
	ctx, cancel := a.ctx()
	defer cancel()
	if strings.TrimSpace(query) == "" {
		return []SearchHit{}, nil
	}
	if len(query) > 500 {
		return nil, errors.New("the search is longer than 500 characters")
	}
	hits, err := a.store.Search(ctx, query, 50)
	if err != nil {
		return nil, err
	}
	out := []SearchHit{}
	for _, h := range hits {
		out = append(out, SearchHit{VersionID: h.VersionID, DocumentID: h.DocumentID, Platform: h.PlatformID, PlatformName: h.PlatformName,
			Type: h.DocumentType, FirstSeen: stamp(h.FirstSeen), Current: h.Current, Versions: h.Versions, Snippet: strings.Join(strings.Fields(h.Snippet), " ")})
	}
	return out, nil
}

func parseWhen(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%q is not a date", s)
}

// safeURL accepts only web addresses for opening in the browser.
func safeURL(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("only web addresses can be opened, not %q", raw)
	}
	return u.String(), nil
}

// urlOpener is implemented by the window's emitter: it opens a page in the
// person's browser, outside the app.
type urlOpener interface{ OpenURL(url string) }

// OpenURL opens a web address in the system browser.
func (a *App) OpenURL(raw string) error {
	u, err := safeURL(raw)
	if err != nil {
		return err
	}
	o, ok := a.emit.(urlOpener)
	if !ok {
		return errors.New("opening pages is not available here")
	}
	o.OpenURL(u)
	return nil
}
