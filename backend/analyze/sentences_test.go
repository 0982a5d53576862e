package analyze

import (
	"os"
	"reflect"
	"testing"
)

func quotes(text string) []string {
	var out []string
	for _, s := range Sentences(text) {
		out = append(out, text[s.Start:s.End])
	}
	return out
}

func TestSentencesLegalAbbreviations(t *testing.T) {
	text := `Example Labs, Inc. ("we") serves the U.S. and the U.K. markets, e.g. via apps, i.e. online. See Art. 5 and No. 3 of the Agreement. Questions? Write to J. Smith at Example Inc. We answer fast! Section 3. You must pay.`
	want := []string{
		`Example Labs, Inc. ("we") serves the U.S. and the U.K. markets, e.g. via apps, i.e. online.`,
		`See Art. 5 and No. 3 of the Agreement.`,
		`Questions?`,
		`Write to J. Smith at Example Inc.`,
		`We answer fast!`,
		`Section 3.`,
		`You must pay.`,
	}
	if got := quotes(text); !reflect.DeepEqual(got, want) {
		t.Fatalf("got\n%q\nwant\n%q", got, want)
	}
}

func TestSentencesMarkdownUnits(t *testing.T) {
	b, err := os.ReadFile("testdata/terms.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	got := quotes(text)
	want := []string{
		"Terms of Service",
		"Last updated: May 1, 2025",
		`Example Labs, Inc. ("Example", "we") provides the U.S. version of the service.`,
		"These Terms apply to you.",
		"1. Feedback",
		"We appreciate feedback, e.g. ratings and suggestions.",
		"If you rate a response, we will store the related conversation as part of your Feedback.",
		"You agree that we may use the Feedback however we choose without any obligation or other payment to you.",
		"Our use of content.",
		"We may use your content to train our AI models, unless you opt out in your account settings.",
		"Even if you opt out, we will use conversations for model training when you provide Feedback to us.",
		"We may suspend or terminate your account at any time without notice.",
		"You agree to resolve disputes by binding arbitration.",
		"| Purpose | Data |",
		"| To improve the Services | Feedback<br>Inputs |",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got\n%q\nwant\n%q", got, want)
	}
}

func TestSentencesClauseMarkers(t *testing.T) {
	text := "We may limit:\n(a) your access;\nb) your storage; and\niv) your data.\n12.3 If you reside in the EU, the law applies.\n"
	want := []string{"We may limit:", "your access;", "your storage; and", "your data.", "12.3 If you reside in the EU, the law applies."}
	if got := quotes(text); !reflect.DeepEqual(got, want) {
		t.Fatalf("got %q want %q", got, want)
	}
}

func TestSentencesOffsetsAreValid(t *testing.T) {
	for _, text := range []string{"", "   \n\n", "no stop at all", "Ünïcödé. Ærø is ok.\r\nNext line — yes.", "* \n# \n|---|\n1.\n"} {
		prev := 0
		for _, s := range Sentences(text) {
			if s.Start < prev || s.End <= s.Start || s.End > len(text) {
				t.Fatalf("%q: bad span %+v", text, s)
			}
			prev = s.End
		}
	}
}

func FuzzSentences(f *testing.F) {
	f.Add("Example, Inc. provides it. We may. 1. Terms\n* item. Next\n| a | b |")
	f.Fuzz(func(t *testing.T, text string) {
		prev := 0
		for _, s := range Sentences(text) {
			if s.Start < prev || s.End <= s.Start || s.End > len(text) {
				t.Fatalf("bad span %+v in %q", s, text)
			}
			prev = s.End
		}
	})
}
