package extract

import (
	"encoding/json"
	"testing"
)

func TestRulesJSONShapes(t *testing.T) {
	cases := map[string]int{
		`{"select": "main"}`:                                           1,
		`{"select": ["main", "#terms"]}`:                               2,
		`{"select": {"startBefore": "h1", "endBefore": "footer"}}`:     1,
		`{"select": ["main", {"startAfter": "#a", "endAfter": "#b"}]}`: 2,
		`{"select": null}`:                                             0,
		`{}`:                                                           0,
	}
	for in, n := range cases {
		var r Rules
		if err := json.Unmarshal([]byte(in), &r); err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		if len(r.Select) != n {
			t.Errorf("%s: %d selectors, want %d", in, len(r.Select), n)
		}
		if err := r.Validate(); err != nil {
			t.Errorf("%s: %v", in, err)
		}
		out, _ := json.Marshal(r)
		var back Rules
		if err := json.Unmarshal(out, &back); err != nil || len(back.Select) != n {
			t.Errorf("round trip of %s gave %s (%v)", in, out, err)
		}
	}
}

func TestRulesRejectsBadInput(t *testing.T) {
	for _, in := range []string{
		`{"select": 3}`,
		`{"select": {"startBefore": "h1"}}`,
		`{"select": "div[["}`,
		`{"select": {"startBefore": "h1", "endBefore": "p", "bogus": 1}}`,
		`{"remove": ""}`,
	} {
		var r Rules
		err := json.Unmarshal([]byte(in), &r)
		if err == nil {
			err = r.Validate()
		}
		if err == nil {
			t.Errorf("%s: accepted", in)
		}
	}
}
