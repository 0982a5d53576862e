package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runWith(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(args, &Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Version: "test"})
	return code, out.String(), errb.String()
}

func TestClassifyCommand(t *testing.T) {
	in := `{"id": 1, "text": "Any dispute will be resolved by binding arbitration."}
{"id": "b", "text": "Welcome to Example."}
{"id": 3, "text": "We analyze the DNA in your saliva sample."}
`
	code, out, errs := runWith(t, in, "classify")
	if code != 0 {
		t.Fatalf("%d %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("want one line per input line: %q", out)
	}
	var got []struct {
		ID    any      `json:"id"`
		Kinds []string `json:"kinds"`
	}
	for _, l := range lines {
		var v struct {
			ID    any      `json:"id"`
			Kinds []string `json:"kinds"`
		}
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Fatal(err)
		}
		got = append(got, v)
	}
	if got[0].ID != 1.0 || len(got[0].Kinds) == 0 || got[0].Kinds[0] != "arbitration" {
		t.Errorf("line 1: %+v", got[0])
	}
	if got[1].ID != "b" || got[1].Kinds == nil || len(got[1].Kinds) != 0 {
		t.Errorf("line 2: %+v (%s)", got[1], lines[1])
	}
	if code, _, _ := runWith(t, "not json\n", "classify"); code != ExitFailure {
		t.Errorf("bad input: exit %d", code)
	}
}

func TestAnalyzeCommand(t *testing.T) {
	text := "# Terms\n\nYou agree that we may use the Feedback however we choose without any obligation or other payment to you.\n"
	code, out, errs := runWith(t, text, "analyze", "-", "--json")
	if code != 0 {
		t.Fatalf("%d %s", code, errs)
	}
	var fs []struct {
		Kind      string
		Start     int
		End       int
		Quote     string
		Modifiers []string
		Severity  string
	}
	if err := json.Unmarshal([]byte(out), &fs); err != nil || len(fs) == 0 {
		t.Fatalf("%v %s", err, out)
	}
	if fs[0].Kind != "feedback-license" || text[fs[0].Start:fs[0].End] != fs[0].Quote || len(fs[0].Modifiers) != 2 {
		t.Errorf("%+v", fs[0])
	}
	path := filepath.Join(t.TempDir(), "terms.md")
	os.WriteFile(path, []byte(text), 0o644)
	code, out, _ = runWith(t, "", "analyze", path)
	if code != 0 || !strings.Contains(out, "Feedback licence") {
		t.Errorf("text output: %d %s", code, out)
	}
	if code, _, _ := runWith(t, "", "analyze", "a", "b"); code != ExitUsage {
		t.Errorf("two files: exit %d", code)
	}
}
