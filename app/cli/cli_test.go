package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fp runs one command line against a data directory, as the binary would.
func fp(t *testing.T, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Run(append([]string{"--data-dir", dir}, args...), &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Version: "test"})
	return code, out.String(), errb.String()
}

func TestWatchFlowEndToEnd(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "archive")

	code, out, _ := fp(t, dir, "watch", "list")
	if code != 0 || !strings.Contains(out, "You watch no platform yet") {
		t.Fatalf("empty list: %d %q", code, out)
	}
	code, out, errs := fp(t, dir, "watch", "add", "Claude.ai", "--json")
	if code != 0 {
		t.Fatalf("add by OTA alias: %d %s", code, errs)
	}
	var added struct {
		ID        string
		Documents []struct{ Type, URL string }
	}
	if err := json.Unmarshal([]byte(out), &added); err != nil || added.ID != "claude" || len(added.Documents) < 3 {
		t.Fatalf("add output: %v %s", err, out)
	}
	code, _, errs = fp(t, dir, "watch", "add", "--name", "Acme Bank", "--type", "Privacy Policy",
		"--url", "https://bank.example/privacy", "--select", "main", "--remove", ".promo")
	if code != 0 {
		t.Fatalf("add by URL: %d %s", code, errs)
	}
	code, out, _ = fp(t, dir, "watch", "list", "--json")
	var list []struct {
		ID        string
		Documents []struct{ Type, URL string }
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil || code != 0 || len(list) != 2 {
		t.Fatalf("list: %d %v %s", code, err, out)
	}
	if list[0].ID != "acme-bank" || list[0].Documents[0].URL != "https://bank.example/privacy" {
		t.Fatalf("custom platform: %+v", list[0])
	}
	if code, _, errs = fp(t, dir, "watch", "rm", "acme-bank"); code != 0 {
		t.Fatalf("rm: %s", errs)
	}
	code, out, _ = fp(t, dir, "watch", "list")
	if strings.Contains(out, "Acme") || !strings.Contains(out, "Claude") {
		t.Fatalf("after rm: %s", out)
	}
	fi, err := os.Stat(dir)
	if err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf("data dir: %v %v", fi.Mode(), err)
	}
}

func TestCatalogCommand(t *testing.T) {
	dir := t.TempDir()
	code, out, _ := fp(t, dir, "catalog", "--json")
	var all []struct {
		ID, Name, Category string
		Documents          []struct{ Type, URL string }
	}
	if err := json.Unmarshal([]byte(out), &all); err != nil || code != 0 || len(all) < 60 {
		t.Fatalf("catalog: %d entries, %v", len(all), err)
	}
	code, out, _ = fp(t, dir, "catalog", "whats", "--category", "messaging")
	if code != 0 || !strings.Contains(out, "WhatsApp") {
		t.Fatalf("search: %s", out)
	}
	code, out, _ = fp(t, dir, "catalog", "no-such-platform-anywhere")
	if code != 0 || !strings.Contains(out, "No platform matches") {
		t.Fatalf("no match: %s", out)
	}
}

func TestUsageErrorsExit2(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"bogus"},
		{"watch"},
		{"watch", "add"},
		{"watch", "add", "claude", "--name", "x"},
		{"watch", "add", "--name", "x", "--type", "Privacy Policy"},
		{"watch", "rm"},
		{"watch", "list", "--nope"},
		{"catalog", "--category"},
		{"--data-dir"},
	} {
		code, _, errs := fp(t, dir, args...)
		if code != ExitUsage || errs == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, errs)
		}
	}
}

func TestErrorsExit1WithASentence(t *testing.T) {
	dir := t.TempDir()
	cases := map[string][]string{
		"not in the catalog":      {"watch", "add", "no-such-platform"},
		"only http and https":     {"watch", "add", "--name", "x", "--type", "Privacy Policy", "--url", "javascript:alert(1)"},
		"not on your watchlist":   {"watch", "rm", "claude"},
		"does not compile":        {"watch", "add", "--name", "x", "--type", "Privacy Policy", "--url", "https://x.example", "--select", "div[["},
		"not a set of Open Terms": {"import", writeFile(t, `{"name": 3}`)},
		"cannot read":             {"import", "/no/such/file.json"},
	}
	for want, args := range cases {
		code, _, errs := fp(t, dir, args...)
		if code != ExitFailure || !strings.Contains(errs, want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", args, code, errs, want)
		}
	}
	// Nothing was half-added.
	if _, out, _ := fp(t, dir, "watch", "list", "--json"); strings.TrimSpace(out) != "[]" {
		t.Fatalf("a rejected command changed the archive: %s", out)
	}
}

func writeFile(t *testing.T, content string) string {
	p := filepath.Join(t.TempDir(), "f.json")
	os.WriteFile(p, []byte(content), 0o600)
	return p
}

func TestHelp(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{{"help"}, {"--help"}, {"watch", "--help"}, {"catalog", "--help"}, {"help", "check"}, {"watch", "add", "--help"}} {
		code, out, _ := fp(t, dir, args...)
		if code != 0 || !strings.Contains(out, "fineprint") {
			t.Errorf("%v: %d %q", args, code, out)
		}
	}
}

func TestImportDeclarationsAddsToCatalog(t *testing.T) {
	dir := t.TempDir()
	decl := writeFile(t, `{"name": "Tiny Service", "documents": {"Terms of Service": {"fetch": "https://tiny.example/tos", "select": "main"}}}`)
	if code, _, errs := fp(t, dir, "import", decl); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	code, out, _ := fp(t, dir, "catalog", "tiny")
	if code != 0 || !strings.Contains(out, "Tiny Service") {
		t.Fatalf("imported platform not in catalog: %s", out)
	}
	if code, _, errs := fp(t, dir, "watch", "add", "Tiny Service"); code != 0 {
		t.Fatalf("watch imported: %s", errs)
	}
}

func TestExportImportArchive(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	fp(t, a, "watch", "add", "claude")
	file := filepath.Join(t.TempDir(), "backup.fineprint")
	if code, _, errs := fp(t, a, "export", file); code != 0 {
		t.Fatalf("export: %s", errs)
	}
	if code, _, _ := fp(t, a, "export", file); code != ExitFailure {
		t.Fatal("export overwrote a file")
	}
	code, out, errs := fp(t, b, "import", file, "--json")
	if code != 0 || !strings.Contains(out, `"platforms": 1`) {
		t.Fatalf("import: %d %s %s", code, out, errs)
	}
	if _, out, _ := fp(t, b, "watch", "list"); !strings.Contains(out, "Claude") {
		t.Fatalf("after import: %s", out)
	}
}

func TestWindowArgs(t *testing.T) {
	for _, c := range []struct {
		args   []string
		dir    string
		change int64
		window bool
	}{
		{nil, "", 0, true},
		{[]string{"--data-dir", "/d"}, "/d", 0, true},
		{[]string{"--data-dir", "/d", "--open-change", "42"}, "/d", 42, true},
		{[]string{"--open-change", "x"}, "", 0, false},
		{[]string{"check"}, "", 0, false},
	} {
		dir, id, ok := WindowArgs(c.args)
		if dir != c.dir || id != c.change || ok != c.window {
			t.Errorf("%v: %q %d %v", c.args, dir, id, ok)
		}
	}
}
