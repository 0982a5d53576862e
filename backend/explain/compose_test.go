package explain

import (
	"context"
	"strings"
	"testing"
	"time"

	"fineprint/backend/analyze"
	"fineprint/backend/store"
)

// clauses builds an archive of one version whose text is the clauses in
// order, with the given findings on them, as the analyzer would report.
type clause struct {
	kind  analyze.Kind
	quote string
	sev   analyze.Severity
	mods  []analyze.Modifier
}

func archiveOf(name string, cs ...clause) (store.Platform, archive) {
	var text strings.Builder
	starts := make([]int, len(cs))
	for i, c := range cs {
		starts[i] = text.Len()
		text.WriteString(c.quote + "\n\n")
	}
	v := &store.Version{ID: 7, DocumentID: 1, Text: text.String(), FirstSeen: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)}
	d := store.Document{ID: 1, PlatformID: "acme", Type: "Terms of Service"}
	a := archive{platform: store.Platform{ID: "acme", Name: name}, read: []DocumentVersion{{Document: d.Type, VersionID: v.ID, VersionDate: v.FirstSeen}}}
	for i, c := range cs {
		sev := c.sev
		if sev == "" {
			sev = analyze.Medium
		}
		a.hits = append(a.hits, hit{f: analyze.Finding{Kind: c.kind, Start: starts[i], End: starts[i] + len(c.quote), Quote: c.quote,
			Modifiers: c.mods, Severity: sev, Score: 1}, doc: d, v: v})
	}
	return a.platform, a
}

func explainClauses(t *testing.T, action ActionID, cs ...clause) Explanation {
	t.Helper()
	sp, ok := specOf(action)
	if !ok {
		t.Fatalf("no action %s", action)
	}
	p, a := archiveOf("Acme Chat", cs...)
	e := compose(context.Background(), sp, p, a, time.Now())
	for _, ev := range e.Evidence {
		if a.hits[0].v.Text[ev.Start:ev.End] != ev.Quote {
			t.Errorf("evidence %q is not the text at %d:%d", ev.Quote, ev.Start, ev.End)
		}
	}
	for _, f := range e.Facts {
		for _, i := range f.Evidence {
			if i < 0 || i >= len(e.Evidence) {
				t.Errorf("fact %q cites evidence %d of %d", f.Text, i, len(e.Evidence))
			}
		}
	}
	return e
}

var (
	rateChat = clause{feedbackLicense, "If you rate a response with the thumbs up icon, we will store the whole conversation as part of your Feedback.", analyze.Medium, nil}
	anyUse   = clause{feedbackLicense, "If you send us Feedback, you agree that we may use it however we choose without any payment to you.", analyze.High,
		[]analyze.Modifier{anyPurpose, withoutCompensation}}
	optOut    = clause{trainingOptOut, "We may use your chats to train our models unless you opt out in your settings.", analyze.Low, []analyze.Modifier{optOutAvailable}}
	carveOut  = clause{aiTraining, "Even if you opt out, we will use chats that you rate or give feedback on for model training.", analyze.High, []analyze.Modifier{despiteOptOut, optOutAvailable}}
	deleteYes = clause{userRights, "You can ask us to delete your personal data at any time.", analyze.Low, nil}
)

func TestRateHeadlineFromFindings(t *testing.T) {
	e := explainClauses(t, "rate-ai-response", rateChat, anyUse, optOut, carveOut, deleteYes)
	want := "If you rate an answer, Acme Chat keeps the whole chat as feedback. It can use it for anything, even to train its AI. " +
		"This is true even if you opted out of training. You get nothing for it."
	if e.Headline != want {
		t.Errorf("headline\n got %q\nwant %q", e.Headline, want)
	}
	// Each headline sentence rests on the clause that says it.
	wantQuote := map[string]string{
		"If you rate an answer, Acme Chat keeps the whole chat as feedback.": "store the whole conversation",
		"This is true even if you opted out of training.":                    "Even if you opt out",
		"You get nothing for it.":                                            "without any payment",
	}
	for _, f := range e.Facts {
		if !f.InHeadline {
			continue
		}
		if sub, ok := wantQuote[f.Text]; ok {
			if len(f.Evidence) == 0 || !strings.Contains(e.Evidence[f.Evidence[0]].Quote, sub) {
				t.Errorf("%q rests on %v, want the clause with %q", f.Text, f.Evidence, sub)
			}
		}
	}
	if got := strings.Join(kindsOf(e.SaysNothing), ","); got != "human-review,retention" {
		t.Errorf("says nothing about %s", got)
	}
	if len(e.YouCan) == 0 || e.YouCan[0].Text != english["you-can.training"] || !strings.Contains(e.YouCan[0].Evidence.Quote, "unless you opt out") {
		t.Errorf("you can: %+v", e.YouCan)
	}
	if !containsText(e.YouCan, english["you-can.delete"]) {
		t.Errorf("deletion right missing from %+v", e.YouCan)
	}
	if len(e.Legal) == 0 || e.Disclaimer != english["legal.disclaimer"] {
		t.Errorf("legal %v, disclaimer %q", e.Legal, e.Disclaimer)
	}
	for _, l := range e.Legal {
		if l.Jurisdiction == "" || l.Law == "" || l.Note == "" || l.Applies == "" || !strings.HasPrefix(l.Source, "https://") {
			t.Errorf("incomplete legal fact %+v", l)
		}
	}
}

func TestHeadlineSaysOnlyWhatWasFound(t *testing.T) {
	// Training on feedback without the broad licence: no "anything".
	e := explainClauses(t, "rate-ai-response", carveOut)
	want := "If you rate an answer, Acme Chat may use the chat to train its AI. This is true even if you opted out of training."
	if e.Headline != want {
		t.Errorf("headline\n got %q\nwant %q", e.Headline, want)
	}
	// An opt-out carve-out about something else does not count for rating.
	flagged := clause{aiTraining, "Even if you opt out, we will use chats flagged for safety review for model training.", analyze.High, []analyze.Modifier{despiteOptOut}}
	e = explainClauses(t, "rate-ai-response", rateChat, flagged)
	if strings.Contains(e.Headline, "opted out") {
		t.Errorf("headline claims the opt-out is bypassed for ratings: %q", e.Headline)
	}
	// Nothing at all.
	e = explainClauses(t, "rate-ai-response", clause{arbitration, "Disputes go to arbitration.", "", nil})
	if e.Headline != "The terms of Acme Chat say nothing about what happens when you rate an answer." {
		t.Errorf("silent headline %q", e.Headline)
	}
	if len(e.SaysNothing) != len(mustSpec(t, "rate-ai-response").kinds) || len(e.Evidence) != 0 {
		t.Errorf("says nothing %v, evidence %v", e.SaysNothing, e.Evidence)
	}
}

func TestPromiseNotToSellIsNotASale(t *testing.T) {
	e := explainClauses(t, "accept-cookies", clause{saleOfData, "We do not sell your personal information.", analyze.Low, nil})
	if strings.Contains(e.Headline, "may sell") || !strings.Contains(e.Headline, "does not sell") {
		t.Errorf("headline %q", e.Headline)
	}
	if e.Points[0] != "It says it does not sell your data." {
		t.Errorf("point %q", e.Points[0])
	}
}

func TestOptOutThatDoesNotApplyIsNoWayOut(t *testing.T) {
	e := explainClauses(t, "chat-with-ai", carveOut)
	for _, p := range e.Points {
		if strings.Contains(p, english["mod.opt-out-available"]) {
			t.Errorf("point offers a way out the clause denies: %q", p)
		}
	}
}

func TestEveryActionHasLeadsAndKnownKinds(t *testing.T) {
	known := map[analyze.Kind]bool{}
	for _, k := range analyze.Kinds {
		known[k] = true
	}
	if len(Actions()) != 12 {
		t.Errorf("%d actions, want the 12 of the design", len(Actions()))
	}
	for _, s := range specs {
		if len(s.leads) == 0 || s.topic == nil || s.icon == "" {
			t.Errorf("%s: incomplete", s.id)
		}
		for _, k := range s.kinds {
			if !known[k] {
				t.Errorf("%s: unknown kind %s", s.id, k)
			}
		}
		for _, c := range append(append([]claim{}, s.leads...), s.follows...) {
			for _, cd := range c.all {
				for _, k := range cd.kinds {
					if !known[k] {
						t.Errorf("%s %s: unknown kind %s", s.id, c.key, k)
					}
				}
			}
		}
	}
	for k := range legalTable {
		if !known[k] {
			t.Errorf("legal table: unknown kind %s", k)
		}
	}
}

func mustSpec(t *testing.T, id ActionID) *actionSpec {
	sp, ok := specOf(id)
	if !ok {
		t.Fatalf("no action %s", id)
	}
	return sp
}

func kindsOf(ks []analyze.Kind) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = string(k)
	}
	return out
}

func containsText(os []Option, text string) bool {
	for _, o := range os {
		if o.Text == text {
			return true
		}
	}
	return false
}

// A privacy table row that lists "Feedback" among the data a purpose uses is
// on the action's topic in words only: a sentence about the kind backs the
// point better.
func TestPointPrefersSentenceToTableRow(t *testing.T) {
	row := clause{retention, "| To resolve disputes | *   Feedback<br>*   Inputs and Outputs | *   Legitimate interests |", analyze.Medium, nil}
	kept := clause{retention, "We keep your personal data for as long as we need it for the purposes in this policy.", analyze.Medium, nil}
	e := explainClauses(t, "rate-ai-response", rateChat, row, kept)
	for _, f := range e.Facts {
		if f.Kind != retention {
			continue
		}
		for _, i := range f.Evidence {
			if q := e.Evidence[i].Quote; q != kept.quote {
				t.Errorf("retention point cites %q, want the sentence", q)
			}
		}
		return
	}
	t.Error("no retention point")
}

// An opt-out from "direct marketing messages" mentions messages, not chats:
// it must not become "it may use what you share to show you ads".
func TestMarketingMessagesAreNotChats(t *testing.T) {
	mail := clause{advertising, "If we use your information for direct marketing, you can opt out of future direct marketing messages at any time.", analyze.Low, nil}
	chats := clause{advertising, "We use the content of your chats to choose the ads we show you.", analyze.High, nil}
	if e := explainClauses(t, "chat-with-ai", mail); strings.Contains(e.Headline, "ads") {
		t.Errorf("headline %q speaks of ads from a marketing opt-out", e.Headline)
	}
	if e := explainClauses(t, "chat-with-ai", chats); !strings.Contains(e.Headline, "ads") {
		t.Errorf("headline %q leaves out ads chosen from chats", e.Headline)
	}
}

// A clause that denies its kind never backs a claim that the thing happens;
// when all the clauses deny it, the point says so.
func TestDenialsBackNoClaim(t *testing.T) {
	noRead := clause{humanReview, "With end-to-end encryption, our staff cannot read the messages you send in your chats.", analyze.Medium, nil}
	e := explainClauses(t, "chat-with-ai", noRead)
	if strings.Contains(e.Headline, "may read") {
		t.Errorf("headline %q claims people read chats from a clause saying they cannot", e.Headline)
	}
	found := false
	for _, f := range e.Facts {
		if f.Kind == humanReview {
			found = true
			if strings.Contains(f.Text, "may read") {
				t.Errorf("point %q claims people read chats from a denial", f.Text)
			}
		}
	}
	if !found {
		t.Error("no point on human review: the terms do speak of it")
	}
	noTrain := clause{aiTraining, "Chats in temporary mode won't appear in history or be used to train our models.", analyze.Medium, nil}
	train := clause{aiTraining, "We may use the content you provide to train the models that power our chat service.", analyze.Medium, nil}
	for _, f := range citing(explainClauses(t, "chat-with-ai", noTrain, train), noTrain.quote) {
		t.Errorf("%q cites the denial %q", f, noTrain.quote)
	}
}

// citing lists the facts of e that quote q as evidence.
func citing(e Explanation, q string) []string {
	var out []string
	for _, f := range e.Facts {
		for _, i := range f.Evidence {
			if e.Evidence[i].Quote == q {
				out = append(out, f.Text)
			}
		}
	}
	return out
}

// A question names a topic and answers nothing: a statement backs the point.
func TestQuestionsBackNoPoint(t *testing.T) {
	ask := clause{aiTraining, "Can we train models that stay safe even under adversarial inputs?", analyze.Medium, nil}
	say := clause{aiTraining, "We may use the content you provide to train the models that power our service.", analyze.Medium, nil}
	for _, f := range citing(explainClauses(t, "chat-with-ai", ask, say), ask.quote) {
		t.Errorf("%q cites the question", f)
	}
}

// "Do not use the service to analyze genomic sequences" is a rule for the
// user: the service does not take genetic data from it.
func TestUserRulesAreNotPractices(t *testing.T) {
	rule := clause{genetic, "Do not use the service to analyze genomic sequences or other genetic data.", analyze.Medium, nil}
	e := explainClauses(t, "submit-dna-sample", rule)
	if strings.Contains(e.Headline, "gets your genetic data") {
		t.Errorf("headline %q turns a rule for the user into a practice", e.Headline)
	}
	for _, f := range e.Facts {
		if f.Kind == genetic && !strings.Contains(f.Text, "rules") {
			t.Errorf("point %q, want what the rules say", f.Text)
		}
	}
}

// "We don’t sell" (a typographic apostrophe) is a promise, and a heading
// names a topic: neither says the service sells data.
func TestNoSaleAndHeadingsBackNoSale(t *testing.T) {
	for _, cs := range [][]clause{
		{{saleOfData, "We don’t sell your personal data to third parties, including data brokers.", analyze.Low, nil}},
		{{saleOfData, "We do not use such data to contact people, build profiles about them, or to sell the information itself to anyone.", analyze.Low, nil}},
		{{saleOfData, "When you share your information", analyze.High, nil}},
	} {
		e := explainClauses(t, "accept-cookies", cs...)
		if strings.Contains(e.Headline, "may sell") {
			t.Errorf("%q: headline %q", cs[0].quote, e.Headline)
		}
	}
}

// "If you do not opt out, we use your chats to train" negates the condition:
// the practice stands.
func TestConditionIsNoDenial(t *testing.T) {
	train := clause{aiTraining, "If you do not opt out, we will use your chats to train our models.", analyze.Medium, nil}
	e := explainClauses(t, "chat-with-ai", train)
	if !strings.Contains(e.Headline, "train") {
		t.Errorf("headline %q leaves out training", e.Headline)
	}
}
