package diff

import (
	"reflect"
	"strings"
	"testing"
)

const base = `Privacy Policy
==============

Last updated: March 5, 2025

Intro text about this policy and its scope for all users.

1\. Data we collect
-------------------

We collect your name, email address and phone number when you sign up.

2\. Data retention
------------------

We keep your personal data for 30 days after you close your account, then we delete it.

3\. Your choices
----------------

You can opt out of marketing emails at any time in [settings](https://ex.com/settings).

4\. Contact
-----------

Write to our privacy team at the address below.
`

func edit(t *testing.T, s, old, new string) string {
	t.Helper()
	if !strings.Contains(s, old) {
		t.Fatalf("fixture lacks %q", old)
	}
	return strings.Replace(s, old, new, 1)
}

func kinds(r Result) map[Kind][]string {
	m := map[Kind][]string{}
	for _, c := range r.Sections {
		if c.Kind != Unchanged {
			m[c.Kind] = append(m[c.Kind], c.Heading)
		}
	}
	return m
}

func TestCompareIdentical(t *testing.T) {
	r := Compare(base, base)
	if r.Class != Noise {
		t.Fatalf("class = %s", r.Class)
	}
	if k := kinds(r); len(k) != 0 {
		t.Errorf("changed sections: %v", k)
	}
	if got := r.Summary.String(); got != "no changes to the text" {
		t.Errorf("summary = %q", got)
	}
}

func TestCompareNoise(t *testing.T) {
	noisy := strings.NewReplacer(
		"Privacy Policy\n==============", "# Privacy Policy",
		"March 5, 2025", "5 March 2025",
		"  ", " ",
		"(https://ex.com/settings)", "(https://ex.com/settings?utm_source=x&gclid=1)",
		"Intro text", "Intro\u00a0text",
	).Replace(base)
	r := Compare(base, noisy)
	if r.Class != Noise {
		t.Fatalf("class = %s, reasons %v", r.Class, r.Reasons)
	}
	if k := kinds(r); len(k) != 0 {
		t.Errorf("changed sections: %v", k)
	}
}

func TestCompareKinds(t *testing.T) {
	cases := []struct {
		name    string
		new     func(t *testing.T) string
		class   Class
		want    map[Kind][]string
		summary string
	}{
		{
			name: "section added",
			new: func(t *testing.T) string {
				return edit(t, base, "3\\. Your choices", "AI training\n-----------\n\nWe use your conversations to train our models unless you opt out.\n\n3\\. Your choices")
			},
			class:   Material,
			want:    map[Kind][]string{Added: {"AI training"}},
			summary: "1 section added (AI training); +14/-0 words",
		},
		{
			name: "section removed",
			new: func(t *testing.T) string {
				return edit(t, base, "3\\. Your choices\n----------------\n\nYou can opt out of marketing emails at any time in [settings](https://ex.com/settings).\n\n", "")
			},
			class: Material,
			want:  map[Kind][]string{Removed: {"3. Your choices"}},
		},
		{
			name: "wording changed",
			new: func(t *testing.T) string {
				return edit(t, base, "for 30 days after you close your account, then we delete it.", "for as long as we find it useful, even after you close your account.")
			},
			class: Material,
			want:  map[Kind][]string{Changed: {"2. Data retention"}},
		},
		{
			name: "number changed",
			new: func(t *testing.T) string {
				return edit(t, base, "30 days", "90 days")
			},
			class:   Material,
			want:    map[Kind][]string{Changed: {"2. Data retention"}},
			summary: "1 section changed (2. Data retention); +1/-1 words",
		},
		{
			name: "negation dropped",
			new: func(t *testing.T) string {
				return edit(t, base, "You can opt out", "You cannot opt out")
			},
			class: Material,
			want:  map[Kind][]string{Changed: {"3. Your choices"}},
		},
		{
			name: "typo fixed",
			new: func(t *testing.T) string {
				return edit(t, base, "personal data", "personnal data")
			},
			class: Minor,
			want:  map[Kind][]string{Changed: {"2. Data retention"}},
		},
		{
			name: "punctuation and case",
			new: func(t *testing.T) string {
				s := edit(t, base, "name, email address", "Name, email-address")
				return edit(t, s, "sign up.", "sign up;")
			},
			class: Minor,
			want:  map[Kind][]string{Changed: {"1. Data we collect"}},
		},
		{
			name: "date changed",
			new: func(t *testing.T) string {
				return edit(t, base, "Last updated: March 5, 2025", "Last updated: April 1, 2025")
			},
			class: Minor,
			want:  map[Kind][]string{Changed: {"Privacy Policy"}},
		},
		{
			name: "link target changed",
			new: func(t *testing.T) string {
				return edit(t, base, "https://ex.com/settings", "https://ex.com/account/privacy")
			},
			class: Minor,
			want:  map[Kind][]string{Changed: {"3. Your choices"}},
		},
		{
			name: "emphasis added",
			new: func(t *testing.T) string {
				return edit(t, base, "at any time", "**at any time**")
			},
			class: Minor,
			want:  map[Kind][]string{Changed: {"3. Your choices"}},
		},
		{
			name: "section moved",
			new: func(t *testing.T) string {
				s := edit(t, base, "4\\. Contact\n-----------\n\nWrite to our privacy team at the address below.\n", "")
				return edit(t, s, "1\\. Data we collect", "4\\. Contact\n-----------\n\nWrite to our privacy team at the address below.\n\n1\\. Data we collect")
			},
			class:   Minor,
			want:    map[Kind][]string{Moved: {"4. Contact"}},
			summary: "1 section moved (4. Contact); +0/-0 words",
		},
		{
			name: "heading renamed with same body",
			new: func(t *testing.T) string {
				return edit(t, base, "3\\. Your choices\n----------------", "3\\. Your rights and controls\n----------------")
			},
			class: Material,
			want:  map[Kind][]string{Changed: {"3. Your rights and controls"}},
		},
		{
			name: "renumbered after insertion",
			new: func(t *testing.T) string {
				s := strings.NewReplacer("2\\. Data retention", "3\\. Data retention", "3\\. Your choices", "4\\. Your choices", "4\\. Contact", "5\\. Contact").Replace(base)
				return edit(t, s, "3\\. Data retention", "2\\. Cookies\n----------\n\nWe use cookies to remember your preferences and measure traffic.\n\n3\\. Data retention")
			},
			class: Material,
			want:  map[Kind][]string{Added: {"2. Cookies"}},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := Compare(base, c.new(t))
			if r.Class != c.class {
				t.Errorf("class = %s, want %s (reasons %v)", r.Class, c.class, r.Reasons)
			}
			if got := kinds(r); !reflect.DeepEqual(got, c.want) {
				t.Errorf("kinds = %v, want %v", got, c.want)
			}
			if c.summary != "" && r.Summary.String() != c.summary {
				t.Errorf("summary = %q, want %q", r.Summary.String(), c.summary)
			}
			if len(r.Reasons) == 0 {
				t.Error("no reasons given")
			}
			for _, s := range r.Sections {
				if s.Kind == Changed && len(s.Ops) == 0 {
					t.Errorf("changed section %q has no ops", s.Heading)
				}
				if s.Kind != Changed && len(s.Ops) != 0 {
					t.Errorf("%s section %q has ops", s.Kind, s.Heading)
				}
			}
		})
	}
}

func TestCompareOps(t *testing.T) {
	r := Compare(base, edit(t, base, "30 days", "90 days"))
	var got []Op
	for _, s := range r.Sections {
		if s.Kind == Changed {
			for _, op := range s.Ops {
				if op.Type != Equal {
					got = append(got, op)
				}
			}
		}
	}
	want := []Op{{Delete, "30"}, {Insert, "90"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ops = %v, want %v", got, want)
	}
}

func TestCompareRemovedSectionPlacedInOrder(t *testing.T) {
	r := Compare(base, edit(t, base, "2\\. Data retention\n------------------\n\nWe keep your personal data for 30 days after you close your account, then we delete it.\n\n", ""))
	var order []string
	for _, s := range r.Sections {
		order = append(order, string(s.Kind)+":"+s.Heading)
	}
	want := []string{"unchanged:Privacy Policy", "unchanged:1. Data we collect", "removed:2. Data retention", "unchanged:3. Your choices", "unchanged:4. Contact"}
	if !reflect.DeepEqual(order, want) {
		t.Errorf("order = %q, want %q", order, want)
	}
}

func TestCompareManyTyposIsMaterial(t *testing.T) {
	n := edit(t, base, "We collect your name, email address and phone number when you sign up.",
		"We collecct yuor name, emial adress and phone numbr whenn you sgin up.")
	if r := Compare(base, n); r.Class != Material {
		t.Errorf("class = %s (reasons %v)", r.Class, r.Reasons)
	}
}

func TestSummaryString(t *testing.T) {
	cases := []struct {
		s    Summary
		want string
	}{
		{Summary{}, "no changes to the text"},
		{Summary{WordsAdded: 2}, "+2/-0 words"},
		{
			Summary{Changed: []string{"Data retention", "Your choices"}, Added: []string{"AI training"}, WordsAdded: 184, WordsRemoved: 12},
			"2 sections changed (Data retention, Your choices), 1 added (AI training); +184/-12 words",
		},
		{
			Summary{Removed: []string{"A", "B", "C", "D", "E"}, WordsRemoved: 40},
			"5 sections removed (A, B, C and 2 more); +0/-40 words",
		},
		{
			Summary{Changed: []string{"A"}, Moved: []string{"B"}, WordsAdded: 1, WordsRemoved: 1},
			"1 section changed (A), 1 moved (B); +1/-1 words",
		},
	}
	for _, c := range cases {
		if got := c.s.String(); got != c.want {
			t.Errorf("String() = %q, want %q", got, c.want)
		}
	}
}

func TestJudgeRules(t *testing.T) {
	cases := []struct {
		name     string
		del, ins string
		want     editKind
	}{
		{"case", "Data", "data", editFormatting},
		{"punctuation", "data,", "data", editFormatting},
		{"word split", "e-mail", "e mail", editFormatting},
		{"emphasis", "never", "**never**", editFormatting},
		{"link target", "[here](https://a.example/x)", "[here](https://a.example/y)", editFormatting},
		{"iso date", "2025-03-05", "2025-04-01", editDate},
		{"year", "2024", "2025", editDate},
		{"labelled date", "updated: 2025-03-05", "updated: 2026-01-01", editDate},
		{"typo", "personnal", "personal", editTypo},
		{"british spelling", "organisation", "organization", editTypo},
		{"first letter", "imbedded", "embedded", editTypo},
		{"image added", "", "[![TRUSTe](https://seal.example/x.png)](https://seal.example/v)", editFormatting},
		{"number", "30", "90", editWording},
		{"short word", "may", "can", editWording},
		{"negation", "not", "now", editWording},
		{"prefix", "including", "excluding", editWording},
		{"antonym prefix", "lawful", "unlawful", editWording},
		{"insertion", "", "and sell", editWording},
		{"deletion", "and sell", "", editWording},
		{"date relabelled", "effective: 2025-03-05", "updated: 2025-03-05", editWording},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, _ := judge(hunk{deleted: strings.Fields(c.del), inserted: strings.Fields(c.ins)})
			if got != c.want {
				t.Errorf("judge(%q -> %q) = %d, want %d", c.del, c.ins, got, c.want)
			}
		})
	}
}

func TestEditDistance(t *testing.T) {
	cases := []struct {
		a, b  string
		limit int
		want  int
	}{
		{"kitten", "sitting", 5, 3},
		{"kitten", "sitting", 1, 2},
		{"same", "same", 2, 0},
		{"", "abc", 5, 3},
		{"abcdefgh", "a", 2, 3},
	}
	for _, c := range cases {
		if got := editDistance([]rune(c.a), []rune(c.b), c.limit); got != c.want {
			t.Errorf("editDistance(%q, %q, %d) = %d, want %d", c.a, c.b, c.limit, got, c.want)
		}
	}
}

func TestHeadingKey(t *testing.T) {
	same := [][2]string{
		{"3. Sharing", "4. Sharing"},
		{"Section 2.1 - Your Choices", "your choices"},
		{"(a) Scope", "Scope:"},
		{"IV. Contact us", "Contact Us"},
		{"Last updated: May 5, 2026", "Last updated: April 29, 2026"},
	}
	for _, p := range same {
		if headingKey(p[0]) != headingKey(p[1]) {
			t.Errorf("headingKey(%q) = %q, headingKey(%q) = %q", p[0], headingKey(p[0]), p[1], headingKey(p[1]))
		}
	}
	if headingKey("Data retention") == headingKey("Data sharing") {
		t.Error("distinct headings share a key")
	}
}

func TestVocabularyRunes(t *testing.T) {
	for _, i := range []int{0, 6399, 6400, 6401, 200000} {
		r := runeFor(i)
		if r >= 0xD800 && r <= 0xDFFF || r > 0x10FFFF {
			t.Errorf("runeFor(%d) = %#x is not a valid scalar", i, r)
		}
		if back := []rune(string(r)); len(back) != 1 || back[0] != r {
			t.Errorf("runeFor(%d) = %#x does not survive a string round trip", i, r)
		}
	}
	v := newVocabulary()
	words := make([]string, 7000)
	for i := range words {
		words[i] = "w" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + itoa(i)
	}
	for i, r := range v.encode(words) {
		if v.word(r) != words[i] {
			t.Fatalf("word(%#x) = %q, want %q", r, v.word(r), words[i])
		}
	}
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}

// CompareChanged gives what Compare gives for texts that differ once
// normalised.
func TestCompareChangedMatchesCompare(t *testing.T) {
	pairs := [][2]string{
		{"# Terms\n\nWe keep your data.", "# Terms\n\nWe keep your data for a year."},
		{"# A\n\nOne.\n\n# B\n\nTwo.", "# B\n\nTwo.\n\n# A\n\nOne, changed."},
		{"Plain text.", "# New\n\nAll new text."},
	}
	for _, p := range pairs {
		a, b := Compare(p[0], p[1]), CompareChanged(p[0], p[1])
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%q -> %q: Compare %+v, CompareChanged %+v", p[0], p[1], a, b)
		}
	}
}
