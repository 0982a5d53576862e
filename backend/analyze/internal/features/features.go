// Package features turns a sentence into the hashed sparse features the
// provision model scores. Training and the running app share this code, so a
// feature means the same thing in both.
package features

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// numberToken stands for every run of digits: "30 days" and "14 days" say
// the same kind of thing about a provision.
var numberToken = hashString("<num>")

// shoutToken marks sentences written mostly in capitals, the house style of
// warranty disclaimers and liability caps.
var shoutToken = hashString("<caps>")

func hashString(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// mix is a 64-bit finaliser; it keeps pair hashes apart from word hashes.
func mix(a, b uint64) uint64 {
	h := a*0x9E3779B97F4A7C15 ^ (b + 0x632BE59BD9B4E019 + (a << 6) + (a >> 2))
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb64e279a1b5b
	h ^= h >> 33
	return h
}

// Set selects the features a model uses, as flags; 0 is words and word
// pairs only. A model file records its set so the app hashes sentences the
// way the model was trained.
type Set uint32

// The feature flags.
const (
	// CharGrams adds the 3- to 5-letter pieces of every word, with its
	// edges marked ("liable" gives " li", "liab", "able ", ...): they tie
	// "terminate", "termination" and "terminated" together and survive
	// typos, where whole words do not.
	CharGrams Set = 1 << iota
)

// Of appends the features of set for text to dst.
func Of(set Set, text string, dst []uint64) []uint64 {
	dst = Hashes(text, dst)
	if set&CharGrams != 0 {
		dst = charGrams(text, dst)
	}
	return dst
}

// gramSeeds keep pieces of different lengths, and pieces from words, apart.
var gramSeeds = [6]uint64{0, 0, 0, hashString("<c3>"), hashString("<c4>"), hashString("<c5>")}

const maxGramWord = 40

func charGrams(text string, dst []uint64) []uint64 {
	var w [maxGramWord + 2]byte
	n := 0
	emit := func() {
		if n == 0 {
			return
		}
		w[0], w[n+1] = ' ', ' '
		word := w[:n+2]
		for size := 3; size <= 5; size++ {
			for i := 0; i+size <= len(word); i++ {
				h := gramSeeds[size]
				for _, c := range word[i : i+size] {
					h ^= uint64(c)
					h *= fnvPrime
				}
				dst = append(dst, h)
			}
		}
		n = 0
	}
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		i += size
		if !isWordRune(r) {
			if (r == '\'' || r == '’') && n > 0 && i < len(text) && isLetter(text[i]) {
				continue
			}
			emit()
			continue
		}
		var enc [4]byte
		b := enc[:0]
		switch {
		case r >= '0' && r <= '9':
			b = append(b, '0')
		case r < utf8.RuneSelf:
			c := byte(r)
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
		default:
			b = utf8.AppendRune(b, unicode.ToLower(r))
		}
		if n+len(b) <= maxGramWord {
			n += copy(w[1+n:], b)
		}
	}
	emit()
	return dst
}

// Hashes appends the features of text to dst: every word, every pair of
// adjacent words, and a marker for all-capitals text. Words are lowercased
// letter and digit runs; apostrophes inside a word are dropped ("don't" is
// "dont"). Duplicates are kept; callers that need sets deduplicate.
func Hashes(text string, dst []uint64) []uint64 {
	var prev uint64
	havePrev := false
	upper, lower := 0, 0
	i := 0
	for i < len(text) {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if !isWordRune(r) {
			i += size
			continue
		}
		h := uint64(fnvOffset)
		digits := true
		for i < len(text) {
			r, size = rune(text[i]), 1
			if r >= utf8.RuneSelf {
				r, size = utf8.DecodeRuneInString(text[i:])
			}
			if r == '\'' || r == '’' {
				// Inside a word only: "don't"; a closing quote ends the word.
				if i+size < len(text) && isLetter(text[i+size]) {
					i += size
					continue
				}
				break
			}
			if !isWordRune(r) {
				break
			}
			if r < utf8.RuneSelf {
				c := byte(r)
				switch {
				case c >= 'A' && c <= 'Z':
					upper++
					c += 'a' - 'A'
					digits = false
				case c >= 'a' && c <= 'z':
					lower++
					digits = false
				}
				h ^= uint64(c)
				h *= fnvPrime
			} else {
				digits = false
				if unicode.IsUpper(r) {
					upper++
				} else {
					lower++
				}
				var buf [4]byte
				n := utf8.EncodeRune(buf[:], unicode.ToLower(r))
				for _, b := range buf[:n] {
					h ^= uint64(b)
					h *= fnvPrime
				}
			}
			i += size
		}
		if digits {
			h = numberToken
		}
		dst = append(dst, h)
		if havePrev {
			dst = append(dst, mix(prev, h))
		}
		prev, havePrev = h, true
	}
	if upper > 20 && upper > 3*lower {
		dst = append(dst, shoutToken)
	}
	return dst
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// Plain drops the Markdown and HTML that carry no words of the clause: link
// targets ("[policy](https://...)" keeps "[policy]"), and tags such as
// "<br>". Emphasis marks and pipes need no work: features and rules only
// look at words.
func Plain(s string) string {
	if !strings.Contains(s, "](") && !strings.Contains(s, "<") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ']' && i+1 < len(s) && s[i+1] == '(':
			if j := strings.IndexByte(s[i+2:], ')'); j >= 0 {
				b.WriteByte(' ')
				i += 2 + j
				continue
			}
		case c == '<':
			if j := strings.IndexByte(s[i+1:], '>'); j >= 0 && j < 40 {
				b.WriteByte(' ')
				i += 1 + j
				continue
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}
