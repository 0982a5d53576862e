package diff

import (
	"reflect"
	"strings"
	"testing"
)

const policy = `Some preamble text.

Privacy Policy
==============

Effective March 5, 2025

1\. Collection
--------------

We collect data.

### Data you give us

*   **Identity:** name
*   **Contact:** e-mail

**Cookies**

We use cookies.

## 2. Sharing ##

We share with [partners](https://ex.com/p).

` + "```" + `
# not a heading
` + "```" + `

*   item
---
`

func TestSections(t *testing.T) {
	secs := Sections(policy)
	type want struct {
		path  []string
		level int
		body  string // a substring the body must contain
	}
	wants := []want{
		{[]string{}, 0, "Some preamble text."},
		{[]string{"Privacy Policy"}, 1, "Effective March 5, 2025"},
		{[]string{"Privacy Policy", "1. Collection"}, 2, "We collect data."},
		{[]string{"Privacy Policy", "1. Collection", "Data you give us"}, 3, "**Identity:** name"},
		{[]string{"Privacy Policy", "1. Collection", "Data you give us", "Cookies"}, BoldLevel, "We use cookies."},
		{[]string{"Privacy Policy", "2. Sharing"}, 2, "# not a heading"},
	}
	if len(secs) != len(wants) {
		for _, s := range secs {
			t.Logf("%q level %d", s.Path, s.Level)
		}
		t.Fatalf("got %d sections, want %d", len(secs), len(wants))
	}
	for i, w := range wants {
		s := secs[i]
		if !reflect.DeepEqual(s.Path, w.path) {
			t.Errorf("section %d path = %q, want %q", i, s.Path, w.path)
		}
		if s.Level != w.level {
			t.Errorf("section %d level = %d, want %d", i, s.Level, w.level)
		}
		if !strings.Contains(s.Body, w.body) {
			t.Errorf("section %d body %q lacks %q", i, s.Body, w.body)
		}
		if len(w.path) > 0 && s.Heading != w.path[len(w.path)-1] {
			t.Errorf("section %d heading = %q", i, s.Heading)
		}
	}
	checkOffsets(t, policy, secs)
	// "---" under a list item is a rule, not a heading: it stays in the body.
	if !strings.Contains(secs[len(secs)-1].Body, "*   item\n---") {
		t.Errorf("last body = %q", secs[len(secs)-1].Body)
	}
}

// checkOffsets verifies that sections tile the document from the first one
// to the end and that each body is the tail of its span.
func checkOffsets(t *testing.T, md string, secs []Section) {
	t.Helper()
	for i, s := range secs {
		if s.Start < 0 || s.Start > s.End || s.End > len(md) {
			t.Fatalf("section %d: bad span [%d,%d) in %d bytes", i, s.Start, s.End, len(md))
		}
		if !strings.HasSuffix(md[s.Start:s.End], s.Body) {
			t.Fatalf("section %d: body is not the tail of its span", i)
		}
		if i > 0 && secs[i-1].End != s.Start {
			t.Fatalf("section %d starts at %d, previous ends at %d", i, s.Start, secs[i-1].End)
		}
	}
	if len(secs) > 0 && secs[len(secs)-1].End != len(md) {
		t.Fatalf("last section ends at %d, document has %d bytes", secs[len(secs)-1].End, len(md))
	}
}

func TestSectionsEdgeCases(t *testing.T) {
	cases := []struct {
		name  string
		md    string
		paths [][]string
	}{
		{"empty", "", nil},
		{"blank", "  \n\n", nil},
		{"no headings", "just text", [][]string{{}}},
		{"heading first", "# A\ntext", [][]string{{"A"}}},
		{"bold inside paragraph is not a heading", "text\n**Bold**\nmore", [][]string{{}}},
		{"bold with colon", "# A\n\n**Scope:**\n\nx", [][]string{{"A"}, {"A", "Scope"}}},
		{"long bold sentence is not a heading", "# A\n\n**We know it is tempting to skip these terms, but it is important to read them.**\n\nx", [][]string{{"A"}}},
		{"mixed bold is not a heading", "**a** and **b**\n", [][]string{{}}},
		{"link in heading", "## See [terms](https://ex.com)\n", [][]string{{"See terms"}}},
		{"hash without space", "#hashtag\n", [][]string{{}}},
		{"sibling after deeper", "# A\n### B\n## C\n", [][]string{{"A"}, {"A", "B"}, {"A", "C"}}},
		{"crlf setext", "Title\r\n=====\r\nbody\r\n", [][]string{{"Title"}}},
		{"list then dashes", "* a\n---\n", [][]string{{}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			secs := Sections(c.md)
			var got [][]string
			for _, s := range secs {
				got = append(got, s.Path)
			}
			if len(got) != len(c.paths) {
				t.Fatalf("paths = %q, want %q", got, c.paths)
			}
			for i := range got {
				if !reflect.DeepEqual(got[i], c.paths[i]) {
					t.Errorf("paths = %q, want %q", got, c.paths)
				}
			}
			checkOffsets(t, c.md, secs)
		})
	}
}
