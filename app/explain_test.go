package app

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"fineprint/backend/catalog"
	"fineprint/backend/normalize"
	"fineprint/backend/store"
)

const acmeTerms = `# Acme Chat Terms

If you rate a response with the thumbs up button, we will store the whole conversation as part of your Feedback. If you send us Feedback, you agree that we may use it however we choose without any payment to you.
`

func TestExplainAndCompareFacade(t *testing.T) {
	a, _ := newApp(t)
	ctx := t.Context()
	if _, err := a.store.AddPlatform(ctx, catalog.Platform{ID: "acme", Name: "Acme Chat", Documents: []catalog.Document{
		{Type: "Terms of Service", Sources: []catalog.Source{{URL: "https://acme.example/terms"}}}}}, store.SourceCustom); err != nil {
		t.Fatal(err)
	}
	d, err := a.store.DocumentByType(ctx, "acme", "Terms of Service")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	if _, _, err := a.store.RecordObservation(ctx, store.Observation{DocumentID: d.ID, At: at, Text: acmeTerms, Hash: normalize.Hash(acmeTerms)}); err != nil {
		t.Fatal(err)
	}
	if len(a.Actions()) != 12 || len(a.Kinds()) < 30 || a.Kinds()[0].Label == "" {
		t.Fatalf("%d actions, %d kinds", len(a.Actions()), len(a.Kinds()))
	}
	e, err := a.Explain("Acme Chat", "rate-ai-response", "2025-03-01")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(e)
	for _, field := range []string{`"platform":"acme"`, `"headline":"If you rate an answer, Acme Chat`, `"evidence":[{`, `"you_can":`, `"legal":[{`, `"says_nothing":[`, `"others":[]`} {
		if !strings.Contains(string(b), field) {
			t.Errorf("JSON lacks %s: %s", field, b)
		}
	}
	if _, err := a.Explain("acme", "rate-ai-response", "yesterday"); err == nil {
		t.Error("a bad date was accepted")
	}
	if _, err := a.Explain("acme", "rate-ai-response", "2025-02-28"); err == nil {
		t.Error("explained terms from before the first version")
	}
	c, err := a.Compare("feedback-license", "")
	if err != nil || len(c.Platforms) != 1 || !c.Platforms[0].Found {
		t.Errorf("compare: %+v %v", c, err)
	}
}
