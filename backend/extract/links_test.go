package extract

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// mdLink is the expression stripLinkTargets replaced; it stays here as the
// reference the scanner must agree with.
var mdLink = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)

func TestStripLinkTargetsMatchesExpression(t *testing.T) {
	cases := []string{
		"", "plain", "[a](b)", "![alt](img.png)", "see [terms](https://x/y) and [privacy](/p).",
		"[a [b](c)", "[a] [b](c)", "[a](b", "[a]", "](", "[](", "[]()", "!![a](b)", "!x[a](b)",
		"[a](b)(c)", "[a\nb](c\nd)", "[[[[", "]]]](((", "[a](b) [c](d) ![e](f)", "x[a](b)y",
		"\\[not\\](a link)", "[a](b)]", "text ](x) [y](z",
	}
	for _, c := range cases {
		if got, want := stripLinkTargets(c), mdLink.ReplaceAllString(c, "$1"); got != want {
			t.Errorf("%q: got %q, want %q", c, got, want)
		}
	}
	// Random strings over the characters that matter find the corner cases
	// the list above forgot.
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("[]()!a \n")
	for range 20000 {
		b := make([]byte, r.IntN(24))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		s := string(b)
		if got, want := stripLinkTargets(s), mdLink.ReplaceAllString(s, "$1"); got != want {
			t.Fatalf("%q: got %q, want %q", s, got, want)
		}
	}
}

func BenchmarkPlainText(b *testing.B) {
	md := strings.Repeat("We share [your data](https://example.com/data?x=1) with partners, see ![figure](f.png).\n\n", 2000)
	b.SetBytes(int64(len(md)))
	b.Run("scanner", func(b *testing.B) {
		for b.Loop() {
			stripLinkTargets(md)
		}
	})
	b.Run("expression", func(b *testing.B) {
		for b.Loop() {
			mdLink.ReplaceAllString(md, "$1")
		}
	})
}

func BenchmarkCheckLargeText(b *testing.B) {
	md := strings.Repeat("Heading\n=======\n\nWe share [your data](https://example.com/data?x=1) with partners, for the purposes set out below.\n\n", 1000)
	b.SetBytes(int64(len(md)))
	b.Run("setext", func(b *testing.B) {
		for b.Loop() {
			dropSetextLines(md)
		}
	})
	b.Run("check", func(b *testing.B) {
		for b.Loop() {
			Check(md)
		}
	})
}

var setextLine = regexp.MustCompile(`(?m)^[=-]{2,}\s*$`)

func TestDropSetextLinesMatchesExpression(t *testing.T) {
	cases := []string{"", "==", "a\n==\nb", "Title\n=====\n\n\nText", "--- \n", "== ==\n", "x==\n", "==\r\n--\n", "\n\n==", "=-=-\t\n x"}
	for _, c := range cases {
		if got, want := dropSetextLines(c), setextLine.ReplaceAllString(c, ""); got != want {
			t.Errorf("%q: got %q, want %q", c, got, want)
		}
	}
	r := rand.New(rand.NewPCG(3, 4))
	alphabet := []byte("=-= \n\ta\r")
	for range 50000 {
		b := make([]byte, r.IntN(20))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		s := string(b)
		if got, want := dropSetextLines(s), setextLine.ReplaceAllString(s, ""); got != want {
			t.Fatalf("%q: got %q, want %q", s, got, want)
		}
	}
}
