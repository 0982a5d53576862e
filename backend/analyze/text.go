package analyze

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/coregx/ahocorasick"
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
// boundary. The rules read a sentence through scan instead; this serves
// the few checks on a part of a sentence.
func hasAny(n string, phrases ...string) bool {
	for _, p := range phrases {
		if strings.Contains(n, p) {
			return true
		}
	}
	return false
}

// group is a list of phrases the rules look for, each named by its index in
// the one automaton that finds every phrase of every rule.
type group []int32

// registered are the phrases of every group, in automaton order; each
// distinct phrase is there once however many groups hold it.
var registered struct {
	phrases []string
	ids     map[string]int32
}

// phrases makes a group. Groups are package variables, so all of them are
// registered before the automaton is first built.
func phrases(ps ...string) group {
	if registered.ids == nil {
		registered.ids = map[string]int32{}
	}
	g := make(group, len(ps))
	for i, p := range ps {
		id, ok := registered.ids[p]
		if !ok {
			id = int32(len(registered.phrases))
			registered.ids[p] = id
			registered.phrases = append(registered.phrases, p)
		}
		g[i] = id
	}
	return g
}

// automaton finds every phrase in one pass over a sentence. The rules hold
// a few hundred phrases, and looking for each one in turn (one
// strings.Contains per phrase) was most of the analysis time.
var automaton = sync.OnceValue(func() *ahocorasick.Automaton {
	a, err := ahocorasick.NewBuilder().AddStrings(registered.phrases).Build()
	if err != nil {
		panic("analyze: rule phrases: " + err.Error()) // fixed phrases: cannot fail
	}
	return a
})

// sentence is a normalised sentence with where each rule phrase first
// occurs in it.
type sentence struct {
	n   string
	at  []int32 // by phrase: 1 + the offset of its first occurrence; 0 when absent
	buf []byte  // n as bytes for the automaton, kept between sentences
}

// scan finds the rule phrases in n (from normal).
func scan(n string) *sentence {
	s := &sentence{at: make([]int32, len(registered.phrases))}
	s.reset(n)
	return s
}

// sentencePool keeps the tables of sentences classified one at a time
// (Classify), which would otherwise allocate one per call.
var sentencePool = sync.Pool{New: func() any { return &sentence{at: make([]int32, len(registered.phrases))} }}

// reset makes s the sentence n, reusing its table.
func (s *sentence) reset(n string) {
	clear(s.at)
	s.n = n
	// Matches come in order of their end; all matches of one phrase have
	// its length, so the first seen is the earliest.
	s.buf = append(s.buf[:0], n...)
	for _, m := range automaton().FindAllOverlapping(s.buf) {
		if s.at[m.PatternID] == 0 {
			s.at[m.PatternID] = int32(m.Start) + 1
		}
	}
}

// hasAny reports whether the sentence holds a phrase of g.
func (s *sentence) hasAny(g group) bool {
	for _, id := range g {
		if s.at[id] != 0 {
			return true
		}
	}
	return false
}

// firstIndex is the position of the earliest phrase of g, or -1.
func (s *sentence) firstIndex(g group) int {
	best := int32(0)
	for _, id := range g {
		if i := s.at[id]; i != 0 && (best == 0 || i < best) {
			best = i
		}
	}
	return int(best) - 1
}
