package store

import (
	"strings"
	"unicode"
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
