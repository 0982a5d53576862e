package explain_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fineprint/backend/analyze"
	"fineprint/backend/catalog"
	"fineprint/backend/explain"
	"fineprint/backend/normalize"
	"fineprint/backend/store"
)

func open(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// version is one archived text of a document, from a testdata file.
type version struct {
	typ, file string
	at        time.Time
}

func date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// watch adds a platform and records its versions in order, as checks would.
func watch(t *testing.T, s *store.Store, id, name string, vs ...version) {
	t.Helper()
	var docs []catalog.Document
	seen := map[string]bool{}
	for _, v := range vs {
		if !seen[v.typ] {
			seen[v.typ] = true
			docs = append(docs, catalog.Document{Type: v.typ, Sources: []catalog.Source{{URL: "https://" + id + ".example/" + strings.ReplaceAll(strings.ToLower(v.typ), " ", "-")}}})
		}
	}
	if _, err := s.AddPlatform(ctx, catalog.Platform{ID: id, Name: name, Documents: docs}, store.SourceCustom); err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		b, err := os.ReadFile(filepath.Join("testdata", v.file))
		if err != nil {
			t.Fatal(err)
		}
		d, err := s.DocumentByType(ctx, id, v.typ)
		if err != nil {
			t.Fatal(err)
		}
		o := store.Observation{DocumentID: d.ID, At: v.at, Text: string(b), Hash: normalize.Hash(string(b)), ExpectCurrent: d.CurrentVersionID}
		if _, _, err := s.RecordObservation(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
}

func fixture(t *testing.T) *store.Store {
	s := open(t)
	watch(t, s, "acme", "Acme Chat",
		version{"Terms of Service", "acme-terms-2025.md", date("2025-03-01")},
		version{"Privacy Policy", "acme-privacy-2025.md", date("2025-03-01")},
		version{"Terms of Service", "acme-terms-2025-06.md", date("2025-06-01")})
	watch(t, s, "beta", "Beta Social", version{"Terms of Service", "beta-terms-2025.md", date("2025-01-10")})
	return s
}

// checkVerbatim asserts that every quote is the archived text at its place.
func checkVerbatim(t *testing.T, s *store.Store, e explain.Explanation) {
	t.Helper()
	texts := map[int64]string{}
	check := func(ev explain.Evidence) {
		text, ok := texts[ev.VersionID]
		if !ok {
			v, err := s.Version(ctx, ev.VersionID)
			if err != nil {
				t.Fatal(err)
			}
			text, texts[ev.VersionID] = v.Text, v.Text
		}
		if ev.Quote == "" || ev.End > len(text) || text[ev.Start:ev.End] != ev.Quote {
			t.Errorf("%s %s: quote %q is not verbatim at %d:%d of version %d", e.Platform, e.Action, ev.Quote, ev.Start, ev.End, ev.VersionID)
		}
	}
	for _, ev := range e.Evidence {
		check(ev)
	}
	for _, o := range e.YouCan {
		check(o.Evidence)
	}
	for _, o := range e.Others {
		for _, k := range o.Kinds {
			if k.Found {
				v, err := s.Version(ctx, k.VersionID)
				if err != nil || !strings.Contains(v.Text, k.Quote) {
					t.Errorf("other %s %s: quote %q not in version %d", o.Platform, k.Kind, k.Quote, k.VersionID)
				}
			}
		}
	}
}

func TestExplainUsesTheTermsInForceAtTheDate(t *testing.T) {
	s := fixture(t)
	before, err := explain.Explain(ctx, s, "acme", "rate-ai-response", date("2025-04-01"))
	if err != nil {
		t.Fatal(err)
	}
	checkVerbatim(t, s, before)
	if slices.Contains(before.SaysNothing, analyze.FeedbackLicense) {
		t.Fatalf("in April the terms had a feedback clause; says nothing about %v", before.SaysNothing)
	}
	if !strings.Contains(before.Headline, "Acme Chat") || !strings.Contains(before.Headline, "feedback") {
		t.Errorf("April headline %q", before.Headline)
	}
	for _, ev := range before.Evidence {
		if !ev.VersionDate.Equal(date("2025-03-01")) || ev.Document == "" {
			t.Errorf("April evidence from %s %v", ev.Document, ev.VersionDate)
		}
	}
	after, err := explain.Explain(ctx, s, "acme", "rate-ai-response", date("2025-07-01"))
	if err != nil {
		t.Fatal(err)
	}
	checkVerbatim(t, s, after)
	if !slices.Contains(after.SaysNothing, analyze.FeedbackLicense) {
		t.Errorf("in July the feedback clause was gone; says nothing about %v only", after.SaysNothing)
	}
	for _, d := range after.Documents {
		if d.Document == "Terms of Service" && !d.VersionDate.Equal(date("2025-06-01")) {
			t.Errorf("July read the ToS of %v", d.VersionDate)
		}
	}
	if after.Headline == before.Headline {
		t.Errorf("the headline did not follow the change: %q", after.Headline)
	}
}

func TestExplainShape(t *testing.T) {
	s := fixture(t)
	e, err := explain.Explain(ctx, s, "acme", "rate-ai-response", date("2025-04-01"))
	if err != nil {
		t.Fatal(err)
	}
	if e.Platform != "acme" || e.Action != "rate-ai-response" || e.Headline == "" || len(e.Points) == 0 {
		t.Fatalf("explanation %+v", e)
	}
	if e.Disclaimer != "This is information, not legal advice." || len(e.Legal) == 0 {
		t.Errorf("legal angle %v %q", e.Legal, e.Disclaimer)
	}
	var beta *explain.OtherPlatform
	for i := range e.Others {
		if e.Others[i].Platform == "acme" {
			t.Error("the platform compares with itself")
		}
		if e.Others[i].Platform == "beta" {
			beta = &e.Others[i]
		}
	}
	if beta == nil || !beta.Archived || len(beta.Kinds) != len(explain.Actions()[0].Kinds) {
		t.Fatalf("others: %+v", e.Others)
	}
	for _, k := range beta.Kinds {
		if k.Kind == analyze.FeedbackLicense && k.Found {
			t.Errorf("Beta has no feedback clause, yet %+v", k)
		}
	}
	// Every fact that is not about silence rests on evidence.
	for _, f := range e.Facts {
		silent := slices.Contains(e.SaysNothing, f.Kind) && !f.InHeadline
		if !silent && len(f.Evidence) == 0 && f.InHeadline && len(e.Evidence) > 0 && !strings.HasPrefix(f.Text, "Here is") {
			t.Errorf("fact without evidence: %q", f.Text)
		}
	}
}

func TestExplainErrors(t *testing.T) {
	s := fixture(t)
	if _, err := explain.Explain(ctx, s, "acme", "juggle", time.Time{}); !errors.Is(err, explain.ErrUnknownAction) {
		t.Errorf("unknown action: %v", err)
	}
	if _, err := explain.Explain(ctx, s, "nobody", "rate-ai-response", time.Time{}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown platform: %v", err)
	}
	_, err := explain.Explain(ctx, s, "acme", "rate-ai-response", date("2024-01-01"))
	if !errors.Is(err, explain.ErrNotArchived) || !strings.Contains(err.Error(), "Acme Chat") {
		t.Errorf("before the first version: %v", err)
	}
	if _, err := explain.Compare(ctx, s, "gossip", time.Time{}); !errors.Is(err, explain.ErrUnknownKind) {
		t.Errorf("unknown kind: %v", err)
	}
}

func TestCompare(t *testing.T) {
	s := fixture(t)
	c, err := explain.Compare(ctx, s, analyze.FeedbackLicense, date("2025-04-01"))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Platforms) != 2 || c.Platforms[0].Platform != "acme" || !c.Platforms[0].Found {
		t.Fatalf("platforms %+v", c.Platforms)
	}
	if !slices.Equal(c.SaysNothing, []string{"beta"}) || c.Platforms[1].Point != "The terms say nothing about ratings or feedback." {
		t.Errorf("says nothing %v, %q", c.SaysNothing, c.Platforms[1].Point)
	}
	acme := c.Platforms[0]
	if acme.Severity == "" || len(acme.Evidence) == 0 || !strings.HasPrefix(acme.Point, "It keeps your ratings") {
		t.Errorf("acme %+v", acme)
	}
	for _, ev := range acme.Evidence {
		v, _ := s.Version(ctx, ev.VersionID)
		if v.Text[ev.Start:ev.End] != ev.Quote {
			t.Errorf("not verbatim: %q", ev.Quote)
		}
	}
	if c.Disclaimer == "" || len(c.Legal) == 0 {
		t.Errorf("legal %v", c.Legal)
	}
	// In July Acme's feedback clause is gone.
	c, err = explain.Compare(ctx, s, analyze.FeedbackLicense, date("2025-07-01"))
	if err != nil || len(c.SaysNothing) != 2 {
		t.Errorf("July: %v %v", c.SaysNothing, err)
	}
	// Before Acme had terms, it has no text rather than silence.
	c, err = explain.Compare(ctx, s, analyze.FeedbackLicense, date("2025-02-01"))
	if err != nil || len(c.Platforms) != 2 || c.Platforms[1].Archived || slices.Contains(c.SaysNothing, "acme") {
		t.Errorf("February: %+v %v", c, err)
	}
}

func TestActions(t *testing.T) {
	as := explain.Actions()
	ids := map[explain.ActionID]bool{}
	for _, a := range as {
		if a.Title == "" || a.Description == "" || a.Icon == "" || len(a.Kinds) == 0 {
			t.Errorf("incomplete action %+v", a)
		}
		ids[a.ID] = true
	}
	for _, id := range []explain.ActionID{"rate-ai-response", "chat-with-ai", "upload-content", "submit-dna-sample", "apply-store-card",
		"connect-wallet", "accept-cookies", "share-location", "keep-using-after-change", "delete-account", "create-account", "make-purchase"} {
		if !ids[id] {
			t.Errorf("missing action %s", id)
		}
	}
}

// A usage policy's list of forbidden uses names data the service forbids,
// not data it takes; its enforcement clauses still count.
func TestRuleBookListsAreNotPractices(t *testing.T) {
	s := open(t)
	watch(t, s, "gamma", "Gamma",
		version{"Acceptable Use Policy", "gamma-aup.md", date("2025-03-01")},
		version{"Privacy Policy", "gamma-privacy.md", date("2025-03-01")})
	e, err := explain.Explain(ctx, s, "gamma", "connect-wallet", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(e.Headline, "face") || !slices.Contains(e.SaysNothing, analyze.Biometric) {
		t.Errorf("a forbidden use became a practice: headline %q, says nothing on %v", e.Headline, e.SaysNothing)
	}
	c, err := explain.Compare(ctx, s, analyze.UnilateralTermination, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(c.SaysNothing) != 0 {
		t.Errorf("the usage policy's termination clause was dropped: %+v", c)
	}
}
