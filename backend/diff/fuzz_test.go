package diff

import (
	"strings"
	"testing"
	"unicode/utf8"

	"fineprint/backend/normalize"
)

func FuzzSections(f *testing.F) {
	f.Add(policy)
	f.Add("Title\n=====\n\n**Bold**\n\ntext\n## Sub ##\n")
	f.Fuzz(func(t *testing.T, md string) {
		secs := Sections(md)
		checkOffsets(t, md, secs)
		for i, s := range secs {
			if (s.Level == 0) != (len(s.Path) == 0) {
				t.Fatalf("section %d: level %d with path %q", i, s.Level, s.Path)
			}
			if len(s.Path) > 0 && s.Path[len(s.Path)-1] != s.Heading {
				t.Fatalf("section %d: heading %q is not the end of path %q", i, s.Heading, s.Path)
			}
			if i > 0 && len(s.Path) == 0 {
				t.Fatalf("section %d: preamble after the first section", i)
			}
		}
	})
}

func FuzzCompare(f *testing.F) {
	f.Add(base, strings.Replace(base, "30 days", "90 days", 1))
	f.Add("# A\n\nx", "# B\n\nx")
	f.Add("", "text")
	f.Fuzz(func(t *testing.T, a, b string) {
		self := Compare(a, a)
		if self.Class != Noise {
			t.Fatalf("Compare(a, a) = %s", self.Class)
		}
		for _, c := range self.Sections {
			if c.Kind != Unchanged || len(c.Ops) > 0 {
				t.Fatalf("Compare(a, a) has a %s section", c.Kind)
			}
		}
		r := Compare(a, b)
		if (r.Class == Noise) != (normalize.Text(a) == normalize.Text(b)) {
			t.Fatalf("class %s disagrees with the canonical texts", r.Class)
		}
		if r.Summary.String() == "" || len(r.Reasons) == 0 {
			t.Fatal("empty summary or reasons")
		}
		if r.Summary.WordsAdded < 0 || r.Summary.WordsRemoved < 0 {
			t.Fatal("negative word counts")
		}
		for _, c := range r.Sections {
			if c.Kind == Changed && len(c.Ops) == 0 {
				t.Fatalf("changed section %q without ops", c.Heading)
			}
			if c.Kind == Added && len(c.OldPath) > 0 || c.Kind == Removed && len(c.NewPath) > 0 {
				t.Fatalf("%s section with the wrong path set", c.Kind)
			}
			for _, op := range c.Ops {
				if op.Text == "" {
					t.Fatal("empty op")
				}
				if utf8.ValidString(a) && utf8.ValidString(b) && !utf8.ValidString(op.Text) {
					t.Fatalf("op text %q is not valid UTF-8", op.Text)
				}
			}
		}
	})
}
