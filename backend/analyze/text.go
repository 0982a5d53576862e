package analyze

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// normal is the text the rules read: lower-case words separated by single
// spaces, with a space at both ends so " word " matches whole words only.
// Apostrophes inside words are dropped ("you've" is "youve"); hyphens split
// words ("opt-out" is "opt out").
func normal(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte(' ')
	space := true
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		switch {
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			b.WriteByte(byte(r))
			space = false
		case r < utf8.RuneSelf && r >= 'A' && r <= 'Z':
			b.WriteByte(byte(r) + 'a' - 'A')
			space = false
		case (r == '\'' || r == '’') && !space && i < len(s) && isWordStart(s[i:]):
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(unicode.ToLower(r))
			space = false
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	if !space {
		b.WriteByte(' ')
	}
	return b.String()
}

func isWordStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r)
}

// hasAny reports whether n (from normal) holds one of the phrases. Phrases
// are written in normal form; a leading or trailing space anchors a word
// boundary.
func hasAny(n string, phrases ...string) bool {
	for _, p := range phrases {
		if strings.Contains(n, p) {
			return true
		}
	}
	return false
}

// firstIndex is the position of the earliest phrase in n, or -1.
func firstIndex(n string, phrases ...string) int {
	best := -1
	for _, p := range phrases {
		if i := strings.Index(n, p); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	return best
}
