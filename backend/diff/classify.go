package diff

import (
	"fmt"
	"strings"
	"unicode"
)

// Class is how much a change matters to the reader.
type Class string

const (
	// Material: the terms say something different (words, sentences or
	// sections added or removed). Worth a notification.
	Material Class = "material"
	// Minor: the text changed but not what it says (punctuation, case,
	// typos, formatting, dates, link targets, order of sections).
	Minor Class = "minor"
	// Noise: the canonical texts are equal; nothing the provider wrote
	// changed.
	Noise Class = "noise"
)

// MaxTypoWords is how many typo-level word edits a change may hold and still
// be minor. More than a handful of small edits is a rewording.
var MaxTypoWords = 5

// editKind is the verdict on one hunk of a word diff.
type editKind int

const (
	editFormatting editKind = iota // same visible words: punctuation, case, emphasis, links
	editDate                       // only dates differ
	editTypo                       // each word within a small edit distance of its counterpart
	editWording                    // anything else
)

// hunk is a maximal run of deleted and inserted words between two kept runs.
type hunk struct {
	deleted, inserted []string
}

func hunks(ops []Op) []hunk {
	var out []hunk
	var cur hunk
	open := false
	for _, op := range ops {
		switch op.Type {
		case Equal:
			if open {
				out = append(out, cur)
				cur, open = hunk{}, false
			}
		case Delete:
			cur.deleted = append(cur.deleted, strings.Fields(op.Text)...)
			open = true
		case Insert:
			cur.inserted = append(cur.inserted, strings.Fields(op.Text)...)
			open = true
		}
	}
	if open {
		out = append(out, cur)
	}
	return out
}

// judge applies the hunk rules in order; the first that fits wins. It also
// returns how many words count as typo edits.
func judge(h hunk) (editKind, int) {
	if sameVisible(h.deleted, h.inserted) {
		return editFormatting, 0
	}
	if onlyDatesDiffer(h) {
		return editDate, 0
	}
	if n, ok := typoEdits(h); ok {
		return editTypo, n
	}
	return editWording, 0
}

// visible reduces a token to the letters and digits a reader sees: link
// targets, Markdown marks, punctuation and case are dropped.
func visible(tok string) string {
	// Image alt text is not read as part of the terms ("[![TRUSTe](...)]").
	for {
		i := strings.Index(tok, "![")
		if i < 0 {
			break
		}
		j := strings.IndexByte(tok[i:], ']')
		if j < 0 {
			tok = tok[:i]
			break
		}
		tok = tok[:i] + tok[i+j:]
	}
	for {
		i := strings.Index(tok, "](")
		if i < 0 {
			break
		}
		j := strings.IndexByte(tok[i:], ')')
		if j < 0 {
			tok = tok[:i]
			break
		}
		tok = tok[:i] + tok[i+j+1:]
	}
	var b strings.Builder
	for _, r := range tok {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// sameVisible compares the words of both sides ignoring how they are split,
// so "e-mail" and "email", or "sign in" and "sign-in", are the same.
func sameVisible(x, y []string) bool {
	var a, b strings.Builder
	for _, t := range x {
		a.WriteString(visible(t))
	}
	for _, t := range y {
		b.WriteString(visible(t))
	}
	return a.String() == b.String()
}

// isDateToken recognises the dates normalize.Text writes (2025-03-05,
// 2025-03) and bare years, as in a copyright line.
func isDateToken(tok string) bool {
	t := strings.Trim(tok, "*_.,;:()[]\"'")
	switch len(t) {
	case 4:
		return allDigits(t) && t >= "1990" && t <= "2100"
	case 7, 10:
		if !allDigits(t[:4]) || t[4] != '-' || !allDigits(t[5:7]) {
			return false
		}
		return len(t) == 7 || (t[7] == '-' && allDigits(t[8:]))
	}
	return false
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func onlyDatesDiffer(h hunk) bool {
	var x, y []string
	dates := 0
	for _, t := range h.deleted {
		if isDateToken(t) {
			dates++
		} else {
			x = append(x, t)
		}
	}
	for _, t := range h.inserted {
		if isDateToken(t) {
			dates++
		} else {
			y = append(y, t)
		}
	}
	return dates > 0 && sameVisible(x, y)
}

// negations flip the meaning of a sentence however small the edit.
var negations = map[string]bool{
	"not": true, "no": true, "nor": true, "never": true, "cannot": true, "cant": true,
	"dont": true, "doesnt": true, "wont": true, "without": true, "neither": true,
	"none": true, "nothing": true, "unless": true, "except": true,
}

// typoEdits accepts a hunk that replaces words one for one, each by a word
// that looks like a spelling variant of it, and returns how many words
// changed. Numbers, negations and short words must match exactly: "30"
// versus "90", "may" versus "can" or "not" versus "now" change the meaning.
func typoEdits(h hunk) (int, bool) {
	if len(h.deleted) != len(h.inserted) {
		return 0, false
	}
	n := 0
	for i := range h.deleted {
		a, b := visible(h.deleted[i]), visible(h.inserted[i])
		if a == b {
			continue
		}
		if !spellingVariant(a, b) {
			return 0, false
		}
		n++
	}
	return n, true
}

func spellingVariant(a, b string) bool {
	if negations[a] || negations[b] || hasDigit(a) || hasDigit(b) {
		return false
	}
	ra, rb := []rune(a), []rune(b)
	short := min(len(ra), len(rb))
	if short < 5 {
		return false
	}
	// Prefixes carry meaning ("including" / "excluding", "lawful" /
	// "unlawful"); typos rarely touch the start of a word.
	if ra[0] != rb[0] || ra[1] != rb[1] {
		// Only a swapped first letter with the rest intact passes
		// ("imbedded" / "embedded").
		return string(ra[1:]) == string(rb[1:])
	}
	limit := 1
	if short >= 8 {
		limit = 2
	}
	return editDistance(ra, rb, limit) <= limit
}

func hasDigit(s string) bool {
	for _, r := range s {
		if unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// editDistance is the Levenshtein distance of a and b, cut off once it
// exceeds limit (the result is then limit+1).
func editDistance(a, b []rune, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// classify applies the rules for a change whose canonical texts differ:
//
//  1. a section with words added or removed is material;
//  2. a hunk that changes wording is material;
//  3. more than MaxTypoWords typo-level edits in all is material;
//  4. anything else (formatting, dates, typos, moves) is minor.
func classify(changes []SectionChange) (Class, []string) {
	var material, minor []string
	typos := 0
	var formatting, dates, moved bool
	for _, c := range changes {
		switch c.Kind {
		case Added:
			if c.WordsAdded > 0 {
				material = append(material, "section added: "+displayHeading(c.Heading))
			} else {
				formatting = true
			}
		case Removed:
			if c.WordsRemoved > 0 {
				material = append(material, "section removed: "+displayHeading(c.Heading))
			} else {
				formatting = true
			}
		case Moved:
			moved = true
		case Changed:
			worded := false
			for _, h := range hunks(c.Ops) {
				kind, n := judge(h)
				switch kind {
				case editFormatting:
					formatting = true
				case editDate:
					dates = true
				case editTypo:
					typos += n
				case editWording:
					worded = true
				}
			}
			if worded {
				material = append(material, "wording changed in "+displayHeading(c.Heading))
			}
		}
	}
	if typos > MaxTypoWords {
		material = append(material, fmt.Sprintf("%d words respelled (more than %d)", typos, MaxTypoWords))
	}
	if len(material) > 0 {
		return Material, material
	}
	if typos > 0 {
		minor = append(minor, fmt.Sprintf("%d typo-level word edits", typos))
	}
	if dates {
		minor = append(minor, "dates changed")
	}
	if moved {
		minor = append(minor, "sections moved")
	}
	if formatting || len(minor) == 0 {
		minor = append(minor, "formatting, punctuation or case")
	}
	return Minor, minor
}
