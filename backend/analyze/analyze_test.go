package analyze

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestModifiers(t *testing.T) {
	cases := map[Modifier]string{
		AnyPurpose:          "We may use the Feedback however we choose.",
		WithoutNotice:       "We may terminate your account without prior notice.",
		WithoutCompensation: "You grant us a royalty-free license.",
		Perpetual:           "The license is perpetual.",
		Irrevocable:         "You irrevocably grant us these rights.",
		Sublicensable:       "The license is transferable and sub-licensable.",
		DespiteOptOut:       "Even if you opt-out, we will use your chats for training.",
		WithoutConsent:      "We may share your data without your consent.",
		OptOutAvailable:     "You can unsubscribe from marketing emails at any time.",
		Retroactive:         "The new terms apply retroactively to your existing content.",
	}
	for _, m := range Modifiers {
		text, ok := cases[m]
		if !ok {
			t.Errorf("%s: no example", m)
			continue
		}
		if got := findModifiers(normal(text)); !slices.Contains(got, m) {
			t.Errorf("%s: got %v for %q", m, got, text)
		}
	}
}

func TestModifiersRespectNegation(t *testing.T) {
	for _, text := range []string{
		"We will not share your personal information without your consent.",
		"We will never terminate your account without notice.",
	} {
		got := findModifiers(normal(text))
		if slices.Contains(got, WithoutConsent) || slices.Contains(got, WithoutNotice) {
			t.Errorf("%q: %v", text, got)
		}
	}
	if got := findModifiers(normal("Welcome to Example.")); len(got) != 0 {
		t.Errorf("plain sentence: %v", got)
	}
}

func TestSeverity(t *testing.T) {
	s, why := rate(FeedbackLicense, []Modifier{AnyPurpose, WithoutCompensation, DespiteOptOut}, "")
	if s != High || len(why) < 4 {
		t.Errorf("feedback any purpose, unpaid, despite opt-out: %s %q", s, why)
	}
	if s, _ := rate(FeedbackLicense, nil, ""); s != Medium {
		t.Errorf("bare feedback licence: %s", s)
	}
	if s, _ := rate(Advertising, []Modifier{OptOutAvailable}, ""); s != Low {
		t.Errorf("advertising with an opt-out: %s", s)
	}
	if s, why := rate(SaleOfData, nil, normal("We do not sell your personal information.")); s != Low || !strings.Contains(why[0], "promise") {
		t.Errorf("promise not to sell: %s %q", s, why)
	}
	if s, _ := rate(Arbitration, nil, ""); s != High {
		t.Errorf("arbitration: %s", s)
	}
}

func TestAnalyzeFixture(t *testing.T) {
	b, err := os.ReadFile("testdata/terms.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	fs := Analyze(text)
	prev := 0
	byKind := map[Kind][]Finding{}
	for _, f := range fs {
		if f.Start < prev || text[f.Start:f.End] != f.Quote || f.Score <= 0 || f.Score > 1 || len(f.Reasons) == 0 || f.Modifiers == nil {
			t.Fatalf("bad finding %+v", f)
		}
		prev = f.Start
		byKind[f.Kind] = append(byKind[f.Kind], f)
	}
	for _, k := range []Kind{FeedbackLicense, AITraining, TrainingOptOut, UnilateralTermination, Arbitration} {
		if len(byKind[k]) == 0 {
			t.Errorf("no %s in fixture; found %v", k, kindsOf(fs))
		}
	}
	checkFeedbackCase(t, byKind[FeedbackLicense])
	for _, f := range byKind[UnilateralTermination] {
		if !slices.Contains(f.Modifiers, WithoutNotice) {
			t.Errorf("termination without notice: %v", f.Modifiers)
		}
	}
}

// checkFeedbackCase wants one feedback licence that may be used for any
// purpose, unpaid, even when the user opted out of training.
func checkFeedbackCase(t *testing.T, fs []Finding) {
	t.Helper()
	for _, f := range fs {
		if slices.Contains(f.Modifiers, AnyPurpose) && slices.Contains(f.Modifiers, WithoutCompensation) && slices.Contains(f.Modifiers, DespiteOptOut) {
			if f.Severity != High {
				t.Errorf("severity %s, reasons %q", f.Severity, f.Reasons)
			}
			return
		}
	}
	for _, f := range fs {
		t.Logf("feedback finding: %v %q", f.Modifiers, f.Quote)
	}
	t.Error("no feedback licence with any-purpose, without-compensation and despite-opt-out")
}

func kindsOf(fs []Finding) []Kind {
	var out []Kind
	for _, f := range fs {
		out = append(out, f.Kind)
	}
	return out
}

func TestLoadModelRejectsGarbage(t *testing.T) {
	if _, err := LoadModel(strings.NewReader("not a model")); err == nil {
		t.Fatal("no error")
	} else if !strings.Contains(err.Error(), "model") {
		t.Fatal(err)
	}
	// Rules run without a model.
	m := &Model{}
	if got := m.Classify("We analyze the DNA in your saliva sample."); !slices.Contains(got, Genetic) {
		t.Fatal(got)
	}
}

// sharedDir finds the project's shared data: $FINEPRINT_SHARED, else
// ../shared next to the repository root. Tests that need it skip without it.
func sharedDir(t testing.TB) string {
	t.Helper()
	if d := os.Getenv("FINEPRINT_SHARED"); d != "" {
		if _, err := os.Stat(d); err == nil {
			return d
		}
		t.Skipf("FINEPRINT_SHARED=%s does not exist", d)
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Skip("no working directory")
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			d := filepath.Join(dir, "..", "shared")
			if _, err := os.Stat(filepath.Join(d, "corpus")); err == nil {
				return d
			}
			break
		}
		if filepath.Dir(dir) == dir {
			break
		}
	}
	t.Skip("shared corpus not found: set FINEPRINT_SHARED or put it at ../shared from the repository root")
	return ""
}

func latest(t testing.TB, dir string) string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	if len(files) == 0 {
		t.Skipf("no versions in %s", dir)
	}
	slices.Sort(files)
	b, err := os.ReadFile(files[len(files)-1])
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestClaudeFeedbackCase: rating a Claude answer stores the conversation as
// feedback, which Anthropic may use however it chooses, for training too,
// even if the user opted out, and without paying for it.
func TestClaudeFeedbackCase(t *testing.T) {
	base := filepath.Join(sharedDir(t), "corpus", "versions", "Claude.ai")
	for _, doc := range []string{"Terms of Service", "Privacy Policy"} {
		text := latest(t, filepath.Join(base, doc))
		fs := Analyze(text)
		var fb []Finding
		for _, f := range fs {
			if text[f.Start:f.End] != f.Quote {
				t.Fatalf("%s: quote is not verbatim", doc)
			}
			if f.Kind == FeedbackLicense {
				fb = append(fb, f)
			}
		}
		if doc == "Terms of Service" {
			checkFeedbackCase(t, fb)
		}
		found := map[Kind]bool{}
		for _, f := range fs {
			found[f.Kind] = true
		}
		for _, k := range []Kind{FeedbackLicense, AITraining, TrainingOptOut} {
			if !found[k] {
				t.Errorf("%s: no %s", doc, k)
			}
		}
	}
}

func TestForbiddenUse(t *testing.T) {
	text := "You may not use the service in any manner that would:\n\n*   Be unlawful\n*   Engage in the untargeted scraping of facial images to build facial recognition databases\n\nWe may collect:\n\n*   Your face scan when you verify your identity\n"
	item := strings.Index(text, "Engage")
	if !forbiddenUse(text, item) {
		t.Error("an item of a list of forbidden uses reads as a practice")
	}
	if forbiddenUse(text, strings.Index(text, "Your face")) {
		t.Error("an item of a list of what is collected reads as forbidden")
	}
	if forbiddenUse(text, strings.Index(text, "We may collect")) {
		t.Error("a lead-in is no item")
	}
}

func TestForbiddenUseIsNoPractice(t *testing.T) {
	text := "You may not use the service in any manner that would:\n\n*   Engage in the untargeted scraping of facial images to build facial recognition databases\n"
	for _, f := range Analyze(text) {
		if f.Kind == Biometric {
			t.Errorf("a forbidden use reads as biometric data collected: %+v", f)
		}
	}
}
