package explain

import (
	"math"
	"testing"
)

func TestCounts(t *testing.T) {
	cases := []struct {
		text                        string
		words, syllables, sentences int
	}{
		{"The cat sat on the mat.", 6, 6, 1},
		{"If you rate an answer, Claude.ai keeps the whole chat.", 10, 12, 1},
		{"Conversation. Table! Make?", 3, 7, 3},
		{"", 0, 0, 0},
		{"No full stop at the end", 6, 6, 1},
	}
	for _, c := range cases {
		w, s, n := Counts(c.text)
		if w != c.words || s != c.syllables || n != c.sentences {
			t.Errorf("Counts(%q) = %d words, %d syllables, %d sentences; want %d, %d, %d",
				c.text, w, s, n, c.words, c.syllables, c.sentences)
		}
	}
}

func TestGrade(t *testing.T) {
	// 0.39*6 + 11.8*1 - 15.59
	if g := Grade("The cat sat on the mat."); math.Abs(g-(-1.45)) > 0.01 {
		t.Errorf("grade %.2f, want -1.45", g)
	}
	legal := "Notwithstanding the foregoing, the licensor's aggregate liability arising out of or relating to this agreement shall not exceed the amounts actually paid by the licensee during the twelve months immediately preceding the event giving rise to the claim."
	if g := Grade(legal); g < 14 {
		t.Errorf("legal prose graded %.1f, want college level", g)
	}
	if g := Grade(""); g != 0 {
		t.Errorf("empty text graded %.1f", g)
	}
}

func TestSyllables(t *testing.T) {
	for w, want := range map[string]int{"the": 1, "make": 1, "table": 2, "training": 2, "conversation": 4,
		"arbitration": 4, "feedback": 2, "you": 1, "stored": 1, "deleted": 3, "Claude.ai": 2, "2025": 1} {
		if got := wordSyllables(w); got != want {
			t.Errorf("%s: %d syllables, want %d", w, got, want)
		}
	}
}

func BenchmarkGrade(b *testing.B) {
	text := "If you rate an answer, Claude keeps the whole chat as feedback. It can use it for anything, even to train its AI. This is true even if you opted out of training. You get nothing for it."
	for b.Loop() {
		Grade(text)
	}
}
