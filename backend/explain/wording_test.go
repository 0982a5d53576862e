package explain

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"fineprint/backend/analyze"
	"golang.org/x/text/language"
)

// usedKeys lists every wording key the code can ask for: the literal keys
// in say calls and claims, and the keys built from ids.
func usedKeys(t *testing.T) map[string]bool {
	t.Helper()
	keys := map[string]bool{"legal.disclaimer": true}
	for _, s := range specs {
		id := string(s.id)
		for _, k := range []string{"action." + id + ".title", "action." + id + ".desc", "silent." + id, "lead." + id} {
			keys[k] = true
		}
		for _, c := range append(append([]claim{}, s.leads...), s.follows...) {
			keys[c.key] = true
		}
	}
	for _, k := range analyze.Kinds {
		keys["point."+string(k)] = true
		keys["nothing."+string(k)] = true
	}
	for _, m := range analyze.Modifiers {
		keys["mod."+string(m)] = true
	}
	for _, ls := range legalTable {
		for _, l := range ls {
			keys[l.note], keys["jurisdiction."+l.where], keys["applies."+l.where] = true, true, true
		}
	}
	for _, ls := range actionLaw {
		for _, l := range ls {
			keys[l.note] = true
		}
	}
	for _, o := range options {
		keys[o.key] = true
	}
	// Literal keys anywhere in the package (but the table itself) and in
	// the faces that print headings.
	files, _ := filepath.Glob("*.go")
	files = append(files, "../../app/cli/explain.go", "../../app/explain.go")
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == "wording.go" {
			continue
		}
		if _, err := os.Stat(f); err != nil {
			continue
		}
		af, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(af, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, err := strconv.Unquote(lit.Value); err == nil {
					if _, ok := english[s]; ok {
						keys[s] = true
					}
				}
			}
			return true
		})
	}
	for k := range english {
		// Overrides of a modifier for one kind are looked up by name.
		if strings.Count(k, ".") == 2 && strings.HasPrefix(k, "point.") {
			keys[k] = true
		}
	}
	return keys
}

func TestEveryKeyHasWordingAndEveryWordingIsUsed(t *testing.T) {
	used := usedKeys(t)
	var missing, unused []string
	for k := range used {
		if _, ok := english[k]; !ok {
			missing = append(missing, k)
		}
	}
	for k := range english {
		if !used[k] {
			unused = append(unused, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(unused)
	if len(missing) > 0 {
		t.Errorf("keys without wording: %v", missing)
	}
	if len(unused) > 0 {
		t.Errorf("wording no code asks for: %v", unused)
	}
}

// The sentences explanations are built from are plain on their own, so
// that any mix of them stays plain.
func TestSentencesArePlain(t *testing.T) {
	for _, k := range WordingKeys() {
		switch strings.SplitN(k, ".", 2)[0] {
		case "law", "jurisdiction", "applies", "heading", "state", "evidence", "action":
			continue
		}
		if k == "legal.disclaimer" {
			continue // fixed wording
		}
		s := wordsFor(nil).say(k, "Acme", "March 1, 2025")
		if g := Grade(s); g > 8 {
			t.Errorf("%s: grade %.1f: %q", k, g, s)
		}
	}
}

func TestTranslationFallsBackToEnglish(t *testing.T) {
	tag := language.MustParse("fr")
	if err := AddTranslation(tag, map[string]string{"legal.disclaimer": "Ceci est une information, pas un conseil juridique."}); err != nil {
		t.Fatal(err)
	}
	ctx := WithLanguage(t.Context(), tag)
	if got := Disclaimer(ctx); !strings.HasPrefix(got, "Ceci") {
		t.Errorf("French disclaimer = %q", got)
	}
	if got := wordsFor(ctx).say("rate.unpaid"); got != english["rate.unpaid"] {
		t.Errorf("untranslated key = %q, want the English", got)
	}
	if err := AddTranslation(tag, map[string]string{"no.such.key": "x"}); err == nil {
		t.Error("a key the English table lacks was accepted")
	}
	if got := Disclaimer(t.Context()); got != english["legal.disclaimer"] {
		t.Errorf("default language = %q", got)
	}
}

func TestDollarAmountsSurviveFormatting(t *testing.T) {
	got := wordsFor(nil).say("law.bipa-damages")
	if !strings.Contains(got, "$1,000") || !strings.Contains(got, "$5,000") {
		t.Errorf("got %q", got)
	}
}
