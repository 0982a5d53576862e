package diff

import (
	"fineprint/internal/shared"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fineprint/backend/normalize"
)

// sharedDir finds ../shared next to the module root, or FINEPRINT_SHARED.
func sharedDir(t testing.TB) string {
	return shared.Dir(t)
}

type step struct {
	doc, date, kind, sameAs string
	old, new                string
}

// corpusSteps returns each version of the corpus with the version recorded
// before it, in the order of versions/INDEX.tsv (the order of the records).
func corpusSteps(t testing.TB) []step {
	t.Helper()
	root := filepath.Join(sharedDir(t), "corpus", "versions")
	data, err := os.ReadFile(filepath.Join(root, "INDEX.tsv"))
	if err != nil {
		t.Skipf("corpus not available (%v); set FINEPRINT_SHARED to the shared data directory", err)
	}
	prev := map[string]string{}
	var steps []step
	for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		f := strings.Split(line, "\t")
		if i == 0 || len(f) < 10 {
			continue
		}
		raw, err := os.ReadFile(filepath.Join(root, f[4]))
		if err != nil {
			t.Fatalf("read %s: %v", f[4], err)
		}
		doc := f[0] + "/" + f[1]
		if old, ok := prev[doc]; ok {
			steps = append(steps, step{doc: doc, date: f[2], kind: f[7], sameAs: f[9], old: old, new: string(raw)})
		}
		prev[doc] = string(raw)
	}
	return steps
}

// TestCorpusReplay replays every recorded change of the corpus.
func TestCorpusReplay(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus replay skipped in -short mode")
	}
	counts := map[Class]int{}
	upgrades := map[Class]int{}
	for _, s := range corpusSteps(t) {
		r := Compare(s.old, s.new)
		if s.kind == "technical-upgrade" {
			upgrades[r.Class]++
			continue
		}
		if s.kind != "change" {
			continue
		}
		counts[r.Class]++
		differ := normalize.Text(s.old) != normalize.Text(s.new)
		if differ && r.Class == Noise {
			t.Errorf("%s %s: texts differ but classified noise", s.doc, s.date)
		}
		if !differ && r.Class != Noise {
			t.Errorf("%s %s: same canonical text but classified %s", s.doc, s.date, r.Class)
		}
		if r.Summary.String() == "" || len(r.Reasons) == 0 {
			t.Errorf("%s %s: empty summary or reasons", s.doc, s.date)
		}
		// FINEPRINT_DIFF_SHOW=substring of "service/type date" ("/" for all)
		// prints the verdict and edits of matching steps, for tuning the
		// rules by eye.
		if show := os.Getenv("FINEPRINT_DIFF_SHOW"); show != "" && strings.Contains(s.doc+" "+s.date, show) {
			t.Logf("%-9s %s %s: %s [%s]", r.Class, s.doc, s.date, r.Summary, strings.Join(r.Reasons, "; "))
			for _, c := range r.Sections {
				for _, h := range hunks(c.Ops) {
					kind, _ := judge(h)
					t.Logf("  %s | %d | -%q +%q", c.Heading, kind, strings.Join(h.deleted, " "), strings.Join(h.inserted, " "))
				}
				if c.Kind == Added || c.Kind == Removed || c.Kind == Moved {
					t.Logf("  %s: %s", c.Kind, c.Heading)
				}
			}
		}
	}
	t.Logf("kind=change steps: material %d, minor %d, noise %d", counts[Material], counts[Minor], counts[Noise])
	t.Logf("technical-upgrade steps: material %d, minor %d, noise %d", upgrades[Material], upgrades[Minor], upgrades[Noise])
}

// largestPair is the consecutive pair of versions with the most bytes.
func largestPair(b *testing.B) step {
	var best step
	for _, s := range corpusSteps(b) {
		if s.old != s.new && len(s.old)+len(s.new) > len(best.old)+len(best.new) {
			best = s
		}
	}
	if best.doc == "" {
		b.Skip("no consecutive pair in the corpus")
	}
	return best
}

func BenchmarkCompareLargest(b *testing.B) {
	s := largestPair(b)
	b.Logf("%s %s: %d + %d bytes", s.doc, s.date, len(s.old), len(s.new))
	b.SetBytes(int64(len(s.old) + len(s.new)))
	b.ReportAllocs()
	for b.Loop() {
		Compare(s.old, s.new)
	}
}

func BenchmarkSectionsLargest(b *testing.B) {
	s := largestPair(b)
	b.SetBytes(int64(len(s.new)))
	b.ReportAllocs()
	for b.Loop() {
		Sections(s.new)
	}
}

// BenchmarkCompareRewritten diffs the largest version against a heavily
// edited copy of itself: every tenth word changed and the sections in
// reverse order, a worst case for matching and the word diff.
func BenchmarkCompareRewritten(b *testing.B) {
	s := largestPair(b)
	secs := Sections(s.new)
	var bld strings.Builder
	for i := len(secs) - 1; i >= 0; i-- {
		md := s.new[secs[i].Start:secs[i].End]
		words := strings.Fields(md)
		for j := 5; j < len(words); j += 10 {
			words[j] = words[j] + "x"
		}
		bld.WriteString(strings.Join(words, " "))
		bld.WriteString("\n\n")
	}
	edited := bld.String()
	b.SetBytes(int64(len(s.new) + len(edited)))
	b.ReportAllocs()
	for b.Loop() {
		Compare(s.new, edited)
	}
}
