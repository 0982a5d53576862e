package diff

import (
	"sort"
	"strings"

	"fineprint/backend/normalize"
)

// Kind says what happened to one section between two versions.
type Kind string

const (
	Added     Kind = "added"
	Removed   Kind = "removed"
	Changed   Kind = "changed"
	Moved     Kind = "moved"
	Unchanged Kind = "unchanged"
)

// SectionChange is the fate of one section. OldPath is empty for an added
// section and NewPath for a removed one.
type SectionChange struct {
	Kind         Kind     `json:"kind"`
	OldPath      []string `json:"oldPath"`
	NewPath      []string `json:"newPath"`
	Heading      string   `json:"heading"`
	WordsAdded   int      `json:"wordsAdded"`
	WordsRemoved int      `json:"wordsRemoved"`
	// Ops is the word-level diff of the heading and body, set for changed
	// sections only. The words are in canonical form (normalize.Text), so
	// noise such as quote styles or date formats never shows as an edit.
	Ops []Op `json:"ops"`
}

// Result is the comparison of two versions of a document.
type Result struct {
	Class Class `json:"class"`
	// Reasons says in short phrases why Class was chosen, most decisive
	// first.
	Reasons  []string        `json:"reasons"`
	Sections []SectionChange `json:"sections"`
	Summary  Summary         `json:"summary"`
}

// prepared is a section with the keys used to match and compare it.
type prepared struct {
	Section
	index   int
	headKey string // heading without numbering, punctuation or case
	pathKey string
	heading []string // canonical heading words
	body    []string // canonical body words
	bodyKey string
	words   []int32 // sorted distinct word ids, for similarity
}

func prepare(md string) []prepared {
	secs := Sections(md)
	out := make([]prepared, len(secs))
	for i, s := range secs {
		p := prepared{Section: s, index: i}
		keys := make([]string, len(s.Path))
		for j, h := range s.Path {
			keys[j] = headingKey(h)
		}
		if len(keys) > 0 {
			p.headKey = keys[len(keys)-1]
		}
		p.pathKey = strings.Join(keys, "\x1f")
		p.heading = strings.Fields(normalize.Text(s.Heading))
		p.bodyKey = normalize.Text(s.Body)
		p.body = strings.Fields(p.bodyKey)
		out[i] = p
	}
	return out
}

// headingKey reduces a heading to what identifies it across versions:
// renumbering ("3. Sharing" becoming "4. Sharing"), case and punctuation
// do not make it another section.
func headingKey(h string) string {
	f := strings.Fields(strings.ToLower(normalize.Text(h)))
	for len(f) > 1 && isNumbering(f[0]) {
		f = f[1:]
	}
	var b strings.Builder
	for _, w := range f {
		if isDateToken(w) {
			// "Last updated: May 5, 2026" stays the same heading when only
			// its date moves.
			continue
		}
		w = strings.TrimFunc(w, func(r rune) bool { return !isLetter(r) && !isDigitRune(r) })
		if w == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String()
}

// isNumbering recognises "1.", "2.3", "(a)", "iv)", "section", "article".
func isNumbering(w string) bool {
	switch w {
	case "section", "article", "part", "chapter", "§":
		return true
	}
	w = strings.Trim(w, "().:-")
	if w == "" {
		return true
	}
	digits := true
	for _, r := range w {
		if !isDigitRune(r) && r != '.' {
			digits = false
			break
		}
	}
	if digits {
		return true
	}
	if len(w) == 1 && w[0] >= 'a' && w[0] <= 'z' {
		return true
	}
	return strings.Trim(w, "ivxlc") == "" && len(w) <= 5
}

func isDigitRune(r rune) bool { return r >= '0' && r <= '9' }

// Compare diffs two versions of a document and classifies the change.
func Compare(old, new string) Result {
	if old == new || normalize.Text(old) == normalize.Text(new) {
		return noiseResult(new)
	}
	return CompareChanged(old, new)
}

// CompareChanged is Compare for two versions already known to differ once
// normalised (their normalize.Hash differ), as the check pipeline knows
// them: it skips normalising both whole texts again to find that out.
func CompareChanged(old, new string) Result {
	a, b := prepare(old), prepare(new)
	vocab := newVocabulary()
	pairs := match(a, b, vocab)
	changes := buildChanges(a, b, pairs, vocab)
	class, reasons := classify(changes)
	return Result{Class: class, Reasons: reasons, Sections: changes, Summary: summarize(changes)}
}

// noiseResult lists the sections of a document as unchanged.
func noiseResult(md string) Result {
	secs := Sections(md)
	changes := make([]SectionChange, len(secs))
	for i, s := range secs {
		changes[i] = SectionChange{Kind: Unchanged, OldPath: s.Path, NewPath: s.Path, Heading: s.Heading}
	}
	return Result{Class: Noise, Reasons: []string{"same text once normalised"}, Sections: changes, Summary: summarize(changes)}
}

// MinSimilarity is the word-set Jaccard similarity above which an unmatched
// old and new section are taken to be the same section renamed.
var MinSimilarity = 0.5

// match pairs old and new sections: by heading path, then by heading alone
// (a section moved under another parent), then by identical body (a renamed
// heading), then by body similarity. It returns, for each new section, the
// index of its old counterpart or -1.
func match(a, b []prepared, vocab *vocabulary) []int {
	toOld := make([]int, len(b))
	for i := range toOld {
		toOld[i] = -1
	}
	usedOld := make([]bool, len(a))
	byKey := func(key func(p *prepared) (string, bool)) {
		queue := map[string][]int{}
		for i := range a {
			if !usedOld[i] {
				if k, ok := key(&a[i]); ok {
					queue[k] = append(queue[k], i)
				}
			}
		}
		for j := range b {
			if toOld[j] >= 0 {
				continue
			}
			k, ok := key(&b[j])
			if !ok {
				continue
			}
			if q := queue[k]; len(q) > 0 {
				toOld[j], queue[k] = q[0], q[1:]
				usedOld[q[0]] = true
			}
		}
	}
	byKey(func(p *prepared) (string, bool) { return p.pathKey, true })
	byKey(func(p *prepared) (string, bool) { return p.headKey, p.headKey != "" })
	byKey(func(p *prepared) (string, bool) { return p.bodyKey, countWords(p.body) >= 3 })
	matchSimilar(a, b, toOld, usedOld, vocab)
	return toOld
}

// maxPosting skips words shared by many unmatched sections when looking for
// candidates: they say little about identity and would make the search
// quadratic.
const maxPosting = 8

// maxCandidates bounds the exact similarity computations per section.
const maxCandidates = 8

func matchSimilar(a, b []prepared, toOld []int, usedOld []bool, vocab *vocabulary) {
	var oldLeft, newLeft []int
	for i := range a {
		if !usedOld[i] {
			oldLeft = append(oldLeft, i)
		}
	}
	for j := range b {
		if toOld[j] < 0 {
			newLeft = append(newLeft, j)
		}
	}
	if len(oldLeft) == 0 || len(newLeft) == 0 {
		return
	}
	for _, i := range oldLeft {
		a[i].words = wordSet(vocab, a[i].heading, a[i].body)
	}
	postings := map[int32][]int{}
	for _, i := range oldLeft {
		for _, w := range a[i].words {
			postings[w] = append(postings[w], i)
		}
	}
	type cand struct {
		score float64
		i, j  int
	}
	var cands []cand
	hits := map[int]int{}
	for _, j := range newLeft {
		b[j].words = wordSet(vocab, b[j].heading, b[j].body)
		clear(hits)
		for _, w := range b[j].words {
			if p := postings[w]; len(p) <= maxPosting {
				for _, i := range p {
					hits[i]++
				}
			}
		}
		best := make([]int, 0, len(hits))
		for i := range hits {
			best = append(best, i)
		}
		sort.Slice(best, func(x, y int) bool {
			if hits[best[x]] != hits[best[y]] {
				return hits[best[x]] > hits[best[y]]
			}
			return best[x] < best[y]
		})
		if len(best) > maxCandidates {
			best = best[:maxCandidates]
		}
		for _, i := range best {
			if s := jaccard(a[i].words, b[j].words); s >= MinSimilarity {
				cands = append(cands, cand{s, i, j})
			}
		}
	}
	sort.Slice(cands, func(x, y int) bool {
		if cands[x].score != cands[y].score {
			return cands[x].score > cands[y].score
		}
		if cands[x].j != cands[y].j {
			return cands[x].j < cands[y].j
		}
		return cands[x].i < cands[y].i
	})
	for _, c := range cands {
		if usedOld[c.i] || toOld[c.j] >= 0 {
			continue
		}
		usedOld[c.i], toOld[c.j] = true, c.i
	}
}

func wordSet(vocab *vocabulary, parts ...[]string) []int32 {
	seen := map[int32]bool{}
	var out []int32
	for _, p := range parts {
		for _, w := range p {
			if !isWord(w) {
				continue
			}
			id := int32(vocab.id(strings.ToLower(strings.Trim(w, ".,;:!?\"'()*_"))))
			if !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	sort.Slice(out, func(x, y int) bool { return out[x] < out[y] })
	return out
}

func jaccard(x, y []int32) float64 {
	if len(x) == 0 && len(y) == 0 {
		return 1
	}
	inter := 0
	for i, j := 0, 0; i < len(x) && j < len(y); {
		switch {
		case x[i] == y[j]:
			inter++
			i++
			j++
		case x[i] < y[j]:
			i++
		default:
			j++
		}
	}
	return float64(inter) / float64(len(x)+len(y)-inter)
}

// buildChanges turns the matching into section changes in reading order of
// the new version, with each removed section placed where it used to be.
func buildChanges(a, b []prepared, toOld []int, vocab *vocabulary) []SectionChange {
	inOrder := stableOrder(toOld)
	matchedOld := make([]bool, len(a))
	for _, i := range toOld {
		if i >= 0 {
			matchedOld[i] = true
		}
	}
	out := make([]SectionChange, 0, len(b)+len(a)/4)
	nextOld := 0
	flushRemoved := func(upTo int) {
		for ; nextOld < upTo; nextOld++ {
			if !matchedOld[nextOld] {
				o := &a[nextOld]
				out = append(out, SectionChange{
					Kind: Removed, OldPath: o.Path, Heading: o.Heading,
					WordsRemoved: countWords(o.heading) + countWords(o.body),
				})
			}
		}
	}
	for j := range b {
		n := &b[j]
		i := toOld[j]
		if i < 0 {
			out = append(out, SectionChange{
				Kind: Added, NewPath: n.Path, Heading: n.Heading,
				WordsAdded: countWords(n.heading) + countWords(n.body),
			})
			continue
		}
		if inOrder[j] {
			flushRemoved(i + 1)
		}
		o := &a[i]
		c := SectionChange{Kind: Unchanged, OldPath: o.Path, NewPath: n.Path, Heading: n.Heading}
		sameText := o.bodyKey == n.bodyKey && equalWords(o.heading, n.heading)
		switch {
		case sameText && (!inOrder[j] || parentKey(o) != parentKey(n)):
			c.Kind = Moved
		case sameText:
		case o.bodyKey == n.bodyKey && o.headKey == n.headKey:
			// Only the numbering of the heading changed, as happens when a
			// section is inserted above: the section itself is unchanged.
		default:
			c.Kind = Changed
			c.Ops = vocab.wordDiff(append(o.heading[:len(o.heading):len(o.heading)], o.body...), append(n.heading[:len(n.heading):len(n.heading)], n.body...))
			for _, op := range c.Ops {
				switch op.Type {
				case Insert:
					c.WordsAdded += countWords(strings.Fields(op.Text))
				case Delete:
					c.WordsRemoved += countWords(strings.Fields(op.Text))
				}
			}
		}
		out = append(out, c)
	}
	flushRemoved(len(a))
	return out
}

func parentKey(p *prepared) string {
	if i := strings.LastIndexByte(p.pathKey, '\x1f'); i >= 0 {
		return p.pathKey[:i]
	}
	return ""
}

func equalWords(x, y []string) bool {
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		if x[i] != y[i] {
			return false
		}
	}
	return true
}

// stableOrder marks the matched new sections that keep their relative
// order: a longest increasing subsequence of old indices. The others moved.
func stableOrder(toOld []int) []bool {
	var idx []int // positions in toOld of matched sections
	for j, i := range toOld {
		if i >= 0 {
			idx = append(idx, j)
		}
	}
	inOrder := make([]bool, len(toOld))
	if len(idx) == 0 {
		return inOrder
	}
	// Patience method: tails[k] is the position (in idx) ending the best
	// increasing run of length k+1.
	tails := []int{}
	prev := make([]int, len(idx))
	for p, j := range idx {
		v := toOld[j]
		k := sort.Search(len(tails), func(k int) bool { return toOld[idx[tails[k]]] >= v })
		if k > 0 {
			prev[p] = tails[k-1]
		} else {
			prev[p] = -1
		}
		if k == len(tails) {
			tails = append(tails, p)
		} else {
			tails[k] = p
		}
	}
	for p := tails[len(tails)-1]; p >= 0; p = prev[p] {
		inOrder[idx[p]] = true
	}
	return inOrder
}
