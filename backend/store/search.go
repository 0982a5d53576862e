package store

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ftsQuery turns what a person types into an FTS5 query: words are matched
// as prefixes and all must appear; "quoted phrases" stay phrases. FTS5's own
// operators are not exposed, so no input is a syntax error.
func ftsQuery(in string) string {
	var terms []string
	for i, part := range strings.Split(in, `"`) {
		if i%2 == 1 {
			words := strings.FieldsFunc(part, notWord)
			if len(words) > 0 {
				terms = append(terms, `"`+strings.Join(words, " ")+`"`)
			}
			continue
		}
		for _, w := range strings.FieldsFunc(part, notWord) {
			terms = append(terms, `"`+w+`"*`)
		}
	}
	if len(terms) == 0 {
		return `""`
	}
	return strings.Join(terms, " AND ")
}

func notWord(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }

// matcherWords finds what a query matches, as FTS5 does: words as
// prefixes, phrases as runs of words, ignoring case.
// It also returns the lower-cased first word of each term, whose first
// occurrence locates a snippet cheaply.
func matcherWords(in string) (*regexp.Regexp, []string) {
	var alts, firsts []string
	for i, part := range strings.Split(in, `"`) {
		words := strings.FieldsFunc(part, notWord)
		if len(words) == 0 {
			continue
		}
		firsts = append(firsts, strings.ToLower(words[0]))
		if i%2 == 1 {
			q := make([]string, len(words))
			for j, w := range words {
				q[j] = regexp.QuoteMeta(w)
			}
			alts = append(alts, strings.Join(q, `[^\pL\pN]+`)+`[\pL\pN]*`)
			continue
		}
		for _, w := range words {
			alts = append(alts, regexp.QuoteMeta(w)+`[\pL\pN]*`)
		}
	}
	if len(alts) == 0 {
		return nil, nil
	}
	return regexp.MustCompile(`(?i)(?:^|[^\pL\pN])(` + strings.Join(alts, "|") + `)`), firsts
}

// firstMatch finds the first match of m in text. Running the regular
// expression over a whole version is the slow part of a search, and so is
// lower-casing one, so the first occurrences of the query's words are found
// with a case-blind scan of the bytes, and the expression runs on a small
// window from there.
func firstMatch(text string, m *regexp.Regexp, words []string) []int {
	from := len(text)
	for _, w := range words {
		i := indexFoldASCII(text[:min(len(text), from+len(w))], w)
		if i == -2 {
			return firstMatchLower(text, m, words)
		}
		if i >= 0 && i < from {
			from = i
		}
	}
	for from < len(text) {
		// Back up a little: the expression wants the character before.
		start := max(0, from-8)
		for start > 0 && !utf8.RuneStart(text[start]) {
			start--
		}
		end := min(len(text), from+2048)
		if loc := m.FindStringSubmatchIndex(text[start:end]); loc != nil {
			for i := range loc {
				if loc[i] >= 0 {
					loc[i] += start
				}
			}
			return loc
		}
		// A word inside another word: look further on, the slow way.
		loc := m.FindStringSubmatchIndex(text[end:])
		if loc == nil {
			return nil
		}
		for i := range loc {
			if loc[i] >= 0 {
				loc[i] += end
			}
		}
		return loc
	}
	return m.FindStringSubmatchIndex(text)
}

// firstMatchLower is firstMatch for words with letters beyond ASCII, whose
// case folding the byte scan cannot do.
func firstMatchLower(text string, m *regexp.Regexp, words []string) []int {
	lower := strings.ToLower(text)
	if len(lower) != len(text) {
		// Case folding moved the bytes; offsets would not map back.
		return m.FindStringSubmatchIndex(text)
	}
	from := len(text)
	for _, w := range words {
		if i := strings.Index(lower, w); i >= 0 && i < from {
			from = i
		}
	}
	if from == len(text) {
		return m.FindStringSubmatchIndex(text)
	}
	start := max(0, from-8)
	for start > 0 && !utf8.RuneStart(text[start]) {
		start--
	}
	loc := m.FindStringSubmatchIndex(text[start:])
	for i := range loc {
		if loc[i] >= 0 {
			loc[i] += start
		}
	}
	return loc
}

// indexFoldASCII is the first index of the lower-case word w in s, ignoring
// ASCII case, or -1; it is -2 when w is not plain ASCII. An ASCII byte
// never occurs inside a longer UTF-8 sequence, so bytes compare safely.
func indexFoldASCII(s, w string) int {
	if w == "" {
		return 0
	}
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return -2
		}
	}
	c0 := w[0]
	for i := 0; i+len(w) <= len(s); i++ {
		if lowerASCII(s[i]) != c0 {
			continue
		}
		j := 1
		for j < len(w) && lowerASCII(s[i+j]) == w[j] {
			j++
		}
		if j == len(w) {
			return i
		}
	}
	return -1
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// snippetBefore and snippetAfter size the text around the first match.
const (
	snippetBefore = 90
	snippetAfter  = 160
)

// snippet cuts the text around its first match and marks every match in
// the cut with « and ».
func snippet(text string, m *regexp.Regexp, words []string) string {
	if m == nil {
		return ""
	}
	first := firstMatch(text, m, words)
	if first == nil {
		return ""
	}
	start, end := first[2]-snippetBefore, first[3]+snippetAfter
	prefix, suffix := "…", "…"
	if start <= 0 {
		start, prefix = 0, ""
	}
	if end >= len(text) {
		end, suffix = len(text), ""
	}
	for start > 0 && !utf8.RuneStart(text[start]) {
		start++
	}
	for end < len(text) && !utf8.RuneStart(text[end]) {
		end--
	}
	cut := text[start:end]
	var b strings.Builder
	last := 0
	for _, loc := range m.FindAllStringSubmatchIndex(cut, -1) {
		b.WriteString(cut[last:loc[2]])
		b.WriteString("«" + cut[loc[2]:loc[3]] + "»")
		last = loc[3]
	}
	b.WriteString(cut[last:])
	return prefix + strings.Join(strings.Fields(b.String()), " ") + suffix
}
