package monitor

import (
	"context"
	"fineprint/backend/fetch"
	"strings"

	"fineprint/backend/extract"
	"fineprint/backend/normalize"
	"fineprint/backend/store"
)

// Reextract runs extraction again on the raw pages behind each document's
// current version, with the document's current rules. A different text is
// archived as a technical change: the page did not change, our reading of it
// did, so nobody is alerted.
func (c *Checker) Reextract(ctx context.Context, docs []store.Document) []Result {
	var out []Result
	for _, d := range docs {
		start := c.now()
		cur, err := c.Store.CurrentVersion(ctx, d.ID)
		if err != nil || cur == nil {
			continue
		}
		snaps, err := c.Store.SnapshotsOf(ctx, cur.ID)
		if err != nil || len(snaps) == 0 {
			continue // imported versions have no raw page
		}
		var pages []extract.Page
		for i, sn := range snaps {
			var rules extract.Rules
			if i < len(d.Sources) {
				rules = d.Sources[i].Rules
			}
			// PDFs have no rules to improve; a page that no longer decodes
			// cannot have produced a version, since Fetch decodes the same way.
			page, err := fetch.Decode(sn.Raw, sn.ContentType)
			if strings.Contains(sn.ContentType, "pdf") || err != nil {
				pages = nil
				break
			}
			pages = append(pages, extract.Page{HTML: []byte(page), URL: sn.URL, Rules: rules})
		}
		if pages == nil {
			continue
		}
		md, err := extract.ExtractPages(pages)
		if err != nil || normalize.Hash(md) == cur.Hash {
			r := c.result(d, store.OutcomeUnchanged, cur.ID, nil, start)
			if err != nil {
				r.Outcome = store.OutcomeFailed
				r.Error = &ErrorDetail{Kind: string(extract.KindOf(err)), Message: message(err)}
			}
			out = append(out, r)
			continue
		}
		check, v, err := c.Store.RecordObservation(ctx, store.Observation{
			DocumentID: d.ID, At: start, Text: md, Hash: normalize.Hash(md), ExpectCurrent: cur.ID, Origin: "fetch", SnapshotID: cur.SnapshotID,
			Change: &store.ChangeRecord{Class: store.ClassTechnical, Summary: "Re-extracted from the archived page with improved rules; the terms themselves did not change"},
		})
		if err != nil {
			out = append(out, failed(d, start, KindArchive, err.Error()))
			continue
		}
		technical := store.ClassTechnical
		r := c.result(d, check.Outcome, v.ID, &technical, start)
		r.Summary = "Re-extracted; recorded as technical"
		out = append(out, r)
	}
	return out
}
