package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// WordF1 compares two texts as bags of words and returns the F1 score of b
// against a (symmetric, in [0, 1]).
//
// A word is a maximal run of Unicode letters, digits and marks, lowercased;
// everything else (spaces, punctuation, Markdown syntax such as "*", "#",
// "|", "\", "[", "](") separates words. Counting is by multiset: a word that
// appears three times in a and twice in b contributes two matches. Then
// precision = matches/|b|, recall = matches/|a| and F1 is their harmonic
// mean. Two empty texts score 1; one empty text against a non-empty one
// scores 0.
//
// Splitting on punctuation makes the score blind to Markdown markup and to
// escaping, so it measures whether the same words were extracted, not
// whether they were formatted identically.
func WordF1(a, b string) float64 {
	ca := wordCounts(a)
	cb := wordCounts(b)
	na, nb := total(ca), total(cb)
	if na == 0 && nb == 0 {
		return 1
	}
	if na == 0 || nb == 0 {
		return 0
	}
	match := 0
	for w, n := range ca {
		if m := cb[w]; m > 0 {
			match += min(n, m)
		}
	}
	if match == 0 {
		return 0
	}
	p := float64(match) / float64(nb)
	r := float64(match) / float64(na)
	return 2 * p * r / (p + r)
}

// Words splits a text into the lowercased word tokens WordF1 counts.
func Words(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, strings.ToLower(s[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, strings.ToLower(s[start:]))
	}
	return out
}

// wordCount is len(Words(s)) without building the words: the page checks
// only count them, and lower-casing a copy of every word of every page cost
// more than the rest of the checks.
func wordCount(s string) int {
	n := 0
	in := false
	for i := 0; i < len(s); {
		var word bool
		if c := s[i]; c < utf8.RuneSelf {
			word = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			word = isWordRune(r)
			i += size
		}
		if !word {
			in = false
		} else if !in {
			n++
			in = true
		}
	}
	return n
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		// ASCII has no marks; the table look-ups are for the rest.
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func wordCounts(s string) map[string]int {
	m := make(map[string]int)
	for _, w := range Words(s) {
		m[w]++
	}
	return m
}

func total(m map[string]int) int {
	n := 0
	for _, c := range m {
		n += c
	}
	return n
}
