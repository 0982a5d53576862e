package diff

import (
	"strings"
	"time"
	"unicode"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// OpType says what a word-level operation does.
type OpType string

const (
	Equal  OpType = "equal"
	Insert OpType = "insert"
	Delete OpType = "delete"
)

// Op is a run of words that is kept, inserted or deleted. Text holds the
// words of the run separated by single spaces.
type Op struct {
	Type OpType `json:"type"`
	Text string `json:"text"`
}

// DiffTimeout bounds the word diff of one section. Past it the diff falls
// back to a coarser but still correct edit script; this only happens for
// very large sections rewritten from top to bottom.
var DiffTimeout = 500 * time.Millisecond

// vocabulary maps words to runes so that diffmatchpatch, which diffs runes,
// diffs words instead: each distinct word becomes one rune.
type vocabulary struct {
	ids   map[string]rune
	words []string
}

func newVocabulary() *vocabulary {
	return &vocabulary{ids: make(map[string]rune, 1024)}
}

// runeFor numbers words in Unicode's private use areas first and never
// hands out a surrogate, which would not survive the conversion to string
// inside diffmatchpatch.
func runeFor(i int) rune {
	const bmpPUA = 0xF8FF - 0xE000 + 1
	if i < bmpPUA {
		return rune(0xE000 + i)
	}
	i -= bmpPUA
	const planePUA = 0x10FFFD - 0xF0000 + 1
	if i < planePUA {
		return rune(0xF0000 + i)
	}
	i -= planePUA
	return rune(0x20000 + i) // supplementary planes below plane 15
}

func (v *vocabulary) id(w string) rune {
	r, ok := v.ids[w]
	if !ok {
		r = runeFor(len(v.words))
		v.ids[w] = r
		v.words = append(v.words, w)
	}
	return r
}

func (v *vocabulary) encode(words []string) []rune {
	out := make([]rune, len(words))
	for i, w := range words {
		out[i] = v.id(w)
	}
	return out
}

func (v *vocabulary) word(r rune) string {
	switch {
	case r >= 0xE000 && r <= 0xF8FF:
		return v.words[r-0xE000]
	case r >= 0xF0000:
		return v.words[int(r-0xF0000)+(0xF8FF-0xE000+1)]
	default:
		return v.words[int(r-0x20000)+(0xF8FF-0xE000+1)+(0x10FFFD-0xF0000+1)]
	}
}

// wordDiff returns the word-level edit script from a to b.
func (v *vocabulary) wordDiff(a, b []string) []Op {
	ra, rb := v.encode(a), v.encode(b)
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = DiffTimeout
	diffs := dmp.DiffMainRunes(ra, rb, false)
	diffs = dmp.DiffCleanupSemantic(diffs)
	ops := make([]Op, 0, len(diffs))
	for _, d := range diffs {
		runes := []rune(d.Text)
		if len(runes) == 0 {
			continue
		}
		words := make([]string, len(runes))
		for i, r := range runes {
			words[i] = v.word(r)
		}
		var t OpType
		switch d.Type {
		case diffmatchpatch.DiffInsert:
			t = Insert
		case diffmatchpatch.DiffDelete:
			t = Delete
		default:
			t = Equal
		}
		ops = append(ops, Op{Type: t, Text: strings.Join(words, " ")})
	}
	return ops
}

// isWord reports whether a token carries text rather than only Markdown or
// punctuation.
func isWord(tok string) bool {
	for _, r := range tok {
		if isLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

func isLetter(r rune) bool { return unicode.IsLetter(r) }

func countWords(toks []string) int {
	n := 0
	for _, t := range toks {
		if isWord(t) {
			n++
		}
	}
	return n
}
