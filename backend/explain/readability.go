package explain

import (
	"strings"
	"unicode"
)

// Grade is the Flesch-Kincaid US school grade of English text:
// 0.39 × words per sentence + 11.8 × syllables per word − 15.59.
// Explanations promise a reader of about 13 can follow them, so headlines
// and points are held to grade 8 by a test.
func Grade(text string) float64 {
	words, syllables, sentences := Counts(text)
	if words == 0 {
		return 0
	}
	if sentences == 0 {
		sentences = 1
	}
	return 0.39*float64(words)/float64(sentences) + 11.8*float64(syllables)/float64(words) - 15.59
}

// Counts returns the words, syllables and sentences Grade works from.
// A sentence ends at ., ! or ? followed by a space or the end, so that names
// such as "Claude.ai" stay one word in one sentence.
func Counts(text string) (words, syllables, sentences int) {
	rs := []rune(text)
	inSentence := false
	for i := 0; i < len(rs); {
		r := rs[i]
		if r == '.' || r == '!' || r == '?' {
			if inSentence && (i+1 == len(rs) || unicode.IsSpace(rs[i+1]) || rs[i+1] == '"' || rs[i+1] == ')') {
				sentences++
				inSentence = false
			}
			i++
			continue
		}
		if !isWordRune(r) {
			i++
			continue
		}
		j := i
		for j < len(rs) && (isWordRune(rs[j]) || (rs[j] == '.' || rs[j] == '\'' || rs[j] == '’' || rs[j] == '-') && j+1 < len(rs) && isWordRune(rs[j+1])) {
			j++
		}
		w := string(rs[i:j])
		words++
		syllables += wordSyllables(w)
		inSentence = true
		i = j
	}
	if inSentence {
		sentences++
	}
	return words, syllables, sentences
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// wordSyllables counts the syllables of a word (or a dotted or hyphenated
// compound) by vowel groups, the usual approximation for readability scores.
func wordSyllables(w string) int {
	n := 0
	for _, part := range strings.FieldsFunc(strings.ToLower(w), func(r rune) bool { return r == '.' || r == '-' }) {
		n += syllablesOf(part)
	}
	if n == 0 {
		n = 1
	}
	return n
}

func syllablesOf(w string) int {
	w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
	letters := []rune{}
	digits := 0
	for _, r := range w {
		switch {
		case unicode.IsLetter(r):
			letters = append(letters, r)
		case unicode.IsDigit(r):
			digits++
		}
	}
	if len(letters) == 0 {
		if digits > 0 {
			return 1
		}
		return 0
	}
	if len(letters) <= 3 {
		return 1
	}
	s := string(letters)
	// A final silent e ("make", "store") is not a syllable; "-le" after a
	// consonant ("table") is.
	switch {
	case strings.HasSuffix(s, "le") && len(s) > 2 && !isVowel(rune(s[len(s)-3])):
	case strings.HasSuffix(s, "es") || strings.HasSuffix(s, "ed"):
		if len(s) > 3 && !strings.HasSuffix(s, "ted") && !strings.HasSuffix(s, "ded") &&
			!strings.HasSuffix(s, "ses") && !strings.HasSuffix(s, "zes") && !strings.HasSuffix(s, "ces") && !strings.HasSuffix(s, "ges") {
			s = s[:len(s)-2]
		}
	case strings.HasSuffix(s, "e") && !strings.HasSuffix(s, "ee"):
		s = s[:len(s)-1]
	}
	n := 0
	prev := false
	for i, r := range s {
		v := isVowel(r) || (r == 'y' && i > 0)
		if v && !prev {
			n++
		}
		prev = v
	}
	if n == 0 {
		n = 1
	}
	return n
}

func isVowel(r rune) bool {
	switch r {
	case 'a', 'e', 'i', 'o', 'u', 'y', 'à', 'á', 'â', 'ä', 'é', 'è', 'ê', 'ë', 'í', 'ï', 'ó', 'ô', 'ö', 'ú', 'ü':
		return true
	}
	return false
}
