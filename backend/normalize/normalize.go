// Package normalize turns the Markdown of a terms document into a canonical
// form that ignores noise: differences that come from how a page was rendered
// or fetched rather than from what the provider wrote. Two fetches of an
// unchanged policy must hash the same even when quote styles, whitespace,
// tracking parameters, date formats or Markdown flavour drift between them.
package normalize

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Text returns the canonical form of md used for hashing and comparison.
// It is lossy on purpose and is never stored or shown as the document.
func Text(md string) string {
	// Escapes go first: "\\* item" and "* item" are then the same bullet, a
	// harmless confusion, and the result stays stable when re-normalised.
	s := Unescape(Chars(md))
	s = markdownLines(s)
	s = CleanURLs(s)
	s = CanonicalDates(s)
	s = RelativeTimes(s)
	return s
}

// Hash returns the hex SHA-256 of Text(md).
func Hash(md string) string {
	sum := sha256.Sum256([]byte(Text(md)))
	return hex.EncodeToString(sum[:])
}

// charReplacer unifies characters that renderers swap freely. Invisible
// characters are dropped rather than turned into spaces because they sit
// inside words (soft hyphens, zero-width joiners used as break hints).
var charReplacer = strings.NewReplacer(
	// spaces that only differ in line-breaking behaviour
	"\u00a0", " ", "\u2007", " ", "\u202f", " ", "\u2002", " ", "\u2003", " ",
	"\u2009", " ", "\u200a", " ", "\u205f", " ", "\u3000", " ", "\u1680", " ",
	"\u2004", " ", "\u2005", " ", "\u2006", " ", "\u2008", " ",
	"\u2028", "\n", "\u2029", "\n", "\u0085", "\n", "\t", " ", "\f", " ", "\v", " ",
	// invisible characters
	"\u200b", "", "\u200c", "", "\u200d", "", "\u2060", "", "\ufeff", "", "\u00ad", "",
	"\u200e", "", "\u200f", "", "\u202a", "", "\u202b", "", "\u202c", "", "\u202d", "", "\u202e", "",
	// single quotes and apostrophes
	"\u2018", "'", "\u2019", "'", "\u201a", "'", "\u201b", "'", "\u2032", "'", "\u02bc", "'", "\u00b4", "'", "\uff07", "'",
	// double quotes
	"\u201c", "\"", "\u201d", "\"", "\u201e", "\"", "\u201f", "\"", "\u2033", "\"", "\u00ab", "\"", "\u00bb", "\"", "\uff02", "\"",
	// hyphens and dashes
	"\u2010", "-", "\u2011", "-", "\u2012", "-", "\u2013", "-", "\u2014", "-", "\u2015", "-", "\u2212", "-", "\ufe58", "-", "\ufe63", "-", "\uff0d", "-",
	"\u2026", "...",
	"\r\n", "\n", "\r", "\n",
)

// Chars applies Unicode NFC and unifies spaces, invisible characters, quotes
// and dashes. It keeps line structure and does not touch Markdown.
func Chars(s string) string {
	if !utf8.ValidString(s) {
		// Invalid bytes could otherwise join into a character once what
		// separates them is removed.
		s = strings.ToValidUTF8(s, "\ufffd")
	}
	s = norm.NFC.String(s)
	return charReplacer.Replace(s)
}

// Unescape removes Markdown backslash escapes before ASCII punctuation, since
// converters disagree on which characters need them (`\_` versus `_`).
func Unescape(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) && s[i+1] == '\\' {
			// An escaped backslash stays escaped, or a second pass would
			// unescape what follows it.
			b.WriteString(`\\`)
			i++
			continue
		}
		if c == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]) {
			b.WriteByte(s[i+1])
			i++
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

func isASCIIPunct(c byte) bool {
	return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~')
}
