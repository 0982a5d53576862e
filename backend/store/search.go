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

// matcher finds what a query matches, as FTS5 does: words as prefixes,
// phrases as runs of words, ignoring case.
func matcher(in string) *regexp.Regexp {
	var alts []string
	for i, part := range strings.Split(in, `"`) {
		words := strings.FieldsFunc(part, notWord)
		if len(words) == 0 {
			continue
		}
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
		return nil
	}
	return regexp.MustCompile(`(?i)(?:^|[^\pL\pN])(` + strings.Join(alts, "|") + `)`)
}

// snippetBefore and snippetAfter size the text around the first match.
const (
	snippetBefore = 90
	snippetAfter  = 160
)

// snippet cuts the text around its first match and marks every match in
// the cut with « and ».
func snippet(text string, m *regexp.Regexp) string {
	if m == nil {
		return ""
	}
	first := m.FindStringSubmatchIndex(text)
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
