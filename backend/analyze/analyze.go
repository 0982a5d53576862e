package analyze

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strings"
	"sync"

	"fineprint/backend/analyze/internal/features"
	"fineprint/backend/analyze/internal/linear"
)

// ErrModel means a model file could not be read.
var ErrModel = errors.New("analyze: unreadable model")

// Finding is one provision found in a text.
type Finding struct {
	Kind      Kind       `json:"kind"`
	Start     int        `json:"start"` // byte offsets of the evidence sentence in the text
	End       int        `json:"end"`
	Quote     string     `json:"quote"` // text[Start:End], verbatim
	Modifiers []Modifier `json:"modifiers"`
	Severity  Severity   `json:"severity"`
	Reasons   []string   `json:"reasons"` // plain sentences: why this severity
	Score     float64    `json:"score"`   // model confidence 0..1 (1 for rules)
}

// Model is a trained provision model together with the rules.
type Model struct {
	lin  *linear.Model
	kind []Kind // kind of each model column; "" for a column no longer in the taxonomy
	pool sync.Pool
}

type scratch struct {
	hashes []uint64
	scores []float32
}

// LoadModel reads a model file written by the training command.
func LoadModel(r io.Reader) (*Model, error) {
	lin, err := linear.Decode(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrModel, err)
	}
	m := &Model{lin: lin}
	for _, name := range lin.Kinds {
		// "kind@source" is a second column for the same kind, learnt from
		// another labelling of it; either column can find the kind.
		base, _, _ := strings.Cut(name, "@")
		k := Kind(base)
		if _, ok := kindInfos[k]; !ok || ruleOnly[k] {
			k = ""
		}
		m.kind = append(m.kind, k)
	}
	return m, nil
}

//go:embed model.bin.gz
var embedded []byte

// rulesRevision counts changes to how the rules decide that their phrases
// do not show; bump it with such a change.
const rulesRevision = 1

// Fingerprint names this analyzer: the built-in model, the rule phrases and
// the rules' revision. Findings stored by another analyzer are out of date:
// comparing them with fresh ones would report the analyzer's changes as
// changes to the terms.
var Fingerprint = sync.OnceValue(func() string {
	h := sha256.New()
	h.Write(embedded)
	for _, p := range registered.phrases {
		h.Write([]byte(p + "\x00"))
	}
	fmt.Fprintf(h, "rules %d", rulesRevision)
	return hex.EncodeToString(h.Sum(nil)[:8])
})

var defaultModel = sync.OnceValues(func() (*Model, error) { return LoadModel(bytes.NewReader(embedded)) })

// Default is the model built into the program. Without a readable one (a
// build that skipped training) the rules still run and the error says why.
func Default() (*Model, error) {
	m, err := defaultModel()
	if err != nil {
		return &Model{}, err
	}
	return m, nil
}

func mustDefault() *Model {
	m, _ := Default()
	return m
}

// Classify returns the kinds of one sentence with the built-in model.
func Classify(sentence string) []Kind { return mustDefault().Classify(sentence) }

// Analyze returns every finding in text with the built-in model, in text
// order.
func Analyze(text string) []Finding { return mustDefault().Analyze(text) }

// Classify returns the kinds of one sentence, in taxonomy order.
func (m *Model) Classify(sentence string) []Kind {
	kinds, _ := m.classify(features.Plain(sentence), nil)
	return kinds
}

// classify finds the kinds of a plain sentence p and their confidences; s is
// p's normal form, scanned (made from p when nil is passed).
func (m *Model) classify(p string, s *sentence) ([]Kind, []float64) {
	found := map[Kind]float64{}
	if s == nil {
		s = sentencePool.Get().(*sentence)
		defer sentencePool.Put(s)
		s.reset(normal(p))
	}
	if m.lin != nil {
		sc, _ := m.pool.Get().(*scratch)
		if sc == nil {
			sc = &scratch{scores: make([]float32, len(m.lin.Kinds))}
		}
		sc.hashes = features.Of(features.Set(m.lin.FeatureSet), p, sc.hashes[:0])
		m.lin.Scores(sc.hashes, sc.scores)
		// Fewer than three words (five features) is a heading or a label
		// such as "Feedback", not a clause: its score rests on one word.
		for c, k := range m.kind {
			if k == "" || len(sc.hashes) < 5 || s.lacksCue(k) {
				continue
			}
			if d := sc.scores[c] - m.lin.Threshold[c]; d >= 0 {
				found[k] = max(found[k], 1/(1+math.Exp(-4*float64(d))))
			}
		}
		m.pool.Put(sc)
	}
	var buf [8]Kind
	for _, k := range s.ruleKinds(buf[:0]) {
		found[k] = 1
	}
	if len(found) == 0 {
		for _, k := range s.fallbackKinds(buf[:0]) {
			found[k] = 1
		}
	}
	if len(found) == 0 {
		return nil, nil
	}
	kinds := make([]Kind, 0, len(found))
	scores := make([]float64, 0, len(found))
	for _, k := range Kinds {
		if s, ok := found[k]; ok {
			kinds = append(kinds, k)
			scores = append(scores, s)
		}
	}
	return kinds, scores
}

// Analyze returns every finding in text, in text order.
func (m *Model) Analyze(text string) []Finding {
	var out []Finding
	var carveOut *Span
	s := &sentence{at: make([]int32, len(registered.phrases))}
	for _, sp := range Sentences(text) {
		quote := text[sp.Start:sp.End]
		p := features.Plain(quote)
		s.reset(normal(p))
		kinds, scores := m.classify(p, s)
		mods := s.modifiers()
		if carveOut == nil && slices.Contains(mods, DespiteOptOut) && s.mentionsFeedback() {
			s := sp
			carveOut = &s
		}
		forbidden := len(kinds) > 0 && forbiddenUse(text, sp.Start)
		for i, k := range kinds {
			// An item of a list of uses the user may not make names data
			// the service forbids, not data it takes.
			if forbidden && kindInfos[k].group != "Terms" && k != HumanReview {
				continue
			}
			f := Finding{Kind: k, Start: sp.Start, End: sp.End, Quote: quote, Modifiers: slices.Clone(mods), Score: scores[i]}
			if f.Modifiers == nil {
				f.Modifiers = []Modifier{}
			}
			f.Severity, f.Reasons = s.rate(k, f.Modifiers)
			out = append(out, f)
		}
	}
	// A carve-out such as "even if you opt out, we use Feedback for
	// training" often sits in another sentence than the feedback licence;
	// it still governs that licence.
	if carveOut != nil {
		for i := range out {
			f := &out[i]
			if f.Kind != FeedbackLicense || slices.Contains(f.Modifiers, DespiteOptOut) {
				continue
			}
			f.Modifiers = append(f.Modifiers, DespiteOptOut)
			slices.SortFunc(f.Modifiers, func(a, b Modifier) int { return slices.Index(Modifiers, a) - slices.Index(Modifiers, b) })
			f.Severity, f.Reasons = rate(f.Kind, f.Modifiers, normal(features.Plain(f.Quote)))
			f.Reasons = append(f.Reasons, fmt.Sprintf("Elsewhere the terms say feedback is used even if you opt out: %q", clip(text[carveOut.Start:carveOut.End], 200)))
		}
	}
	return out
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}

// forbiddenUse says whether the clause at start is an item of a list of
// things the user may not do ("You may not use AIs in any manner that
// would: ... * Engage in the untargeted scraping of facial images").
func forbiddenUse(text string, start int) bool {
	// The clause's line, from its start.
	line := text[strings.LastIndexByte(text[:start], '\n')+1:]
	if i := strings.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	if !listItem.MatchString(line) {
		return false
	}
	// The lead-in is the nearest line above that is not an item; a list
	// longer than maxListLines is read as having none, which keeps a
	// document of long lists linear.
	for end, n := strings.LastIndexByte(text[:start], '\n'), 0; end > 0 && n < maxListLines; n++ {
		begin := strings.LastIndexByte(text[:end], '\n') + 1
		l := strings.TrimSpace(text[begin:end])
		end = begin - 1
		if l == "" || listItem.MatchString(l) {
			continue
		}
		return strings.HasSuffix(l, ":") && forbids.MatchString(l)
	}
	return false
}

const maxListLines = 400

var (
	listItem = regexp.MustCompile(`^\s*([*+-]|\d+[.)]|\([a-z0-9]+\))\s`)
	forbids  = regexp.MustCompile(`(?i)\b(may not|must not|shall not|will not|cannot|can['’]t|do not|don['’]t|agree not to|not (be )?(allowed|permitted)|prohibit\w*|forbid\w*)\b`)
)
