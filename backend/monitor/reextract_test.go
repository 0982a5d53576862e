package monitor

import (
	"strings"
	"testing"

	"fineprint/backend/catalog"
	"fineprint/backend/extract"
	"fineprint/backend/store"
)

// Better rules applied to the archived page make a technical change: a new
// text, never an alert.
func TestReextractIsTechnical(t *testing.T) {
	c, s, st, d := setup(t)
	st.set(terms(`<div class="legal-banner">Read our new app store listing and download the app today for free.</div>`))
	if r := check(t, c, s, d); r.Outcome != store.OutcomeNew {
		t.Fatalf("first: %+v", r)
	}
	before, _ := s.CurrentVersion(ctx, d.ID)
	if !strings.Contains(before.Text, "app store") {
		t.Fatal("fixture: the banner should be in the first extraction")
	}
	// The rules improve: the banner is dropped.
	doc, err := s.AddDocument(ctx, "acme", catalog.Document{Type: d.Type, Sources: []catalog.Source{{URL: d.URL(),
		Rules: extract.Rules{Select: extract.CSS("main"), Remove: extract.CSS(".legal-banner")}}}})
	if err != nil {
		t.Fatal(err)
	}
	rs := c.Reextract(ctx, []store.Document{doc})
	if len(rs) != 1 || rs[0].Outcome != store.OutcomeTechnical || rs[0].Class == nil || *rs[0].Class != store.ClassTechnical {
		t.Fatalf("reextract: %+v", rs)
	}
	after, _ := s.CurrentVersion(ctx, d.ID)
	if strings.Contains(after.Text, "app store") || after.ID == before.ID {
		t.Fatalf("the new text should lack the banner: %q", after.Text[:80])
	}
	if material, _ := s.Changes(ctx, store.ChangeFilter{DocumentID: d.ID, Classes: []string{store.ClassMaterial}}); len(material) != 0 {
		t.Fatalf("re-extraction raised a material change: %+v", material)
	}
	doc, _ = s.Document(ctx, d.ID)
	if doc.Unread != 0 {
		t.Fatalf("unread changes after re-extraction: %d", doc.Unread)
	}
	// Running it again changes nothing.
	if rs = c.Reextract(ctx, []store.Document{doc}); rs[0].Outcome != store.OutcomeUnchanged {
		t.Fatalf("second reextract: %+v", rs)
	}
}
