package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"fineprint/backend/analyze"
)

func init() {
	register(command{name: "analyze", args: "[FILE|-] [--json]", summary: "find the provisions in a terms document (Markdown or text)", run: runAnalyze})
	register(command{name: "classify", args: "< IN.jsonl > OUT.jsonl", summary: "kinds of each sentence: JSON Lines {\"id\",\"text\"} in, {\"id\",\"kinds\"} out", run: runClassify})
}

func runAnalyze(ctx context.Context, env *Env, args []string) error {
	c, _ := find("analyze")
	pos, err := parse(env, c, args, nil)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usagef("analyze: one file at a time")
	}
	var in io.Reader = env.Stdin
	name := "-"
	if len(pos) == 1 && pos[0] != "-" {
		name = pos[0]
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	b, err := io.ReadAll(in)
	if err != nil {
		return fmt.Errorf("analyze: reading %s: %w", name, err)
	}
	if _, err := analyze.Default(); err != nil {
		fmt.Fprintf(env.Stderr, "fineprint: %v; only the rules run\n", err)
	}
	findings := analyze.Analyze(string(b))
	if findings == nil {
		findings = []analyze.Finding{}
	}
	return env.out(findings, func(w io.Writer) {
		if len(findings) == 0 {
			fmt.Fprintln(w, "No provisions found.")
			return
		}
		for _, f := range findings {
			mods := ""
			if len(f.Modifiers) > 0 {
				var ms []string
				for _, m := range f.Modifiers {
					ms = append(ms, string(m))
				}
				mods = " [" + strings.Join(ms, ", ") + "]"
			}
			fmt.Fprintf(w, "%-6s %s%s  (bytes %d-%d)\n", f.Severity, analyze.Label(f.Kind), mods, f.Start, f.End)
			fmt.Fprintf(w, "       %q\n", clipQuote(f.Quote, 300))
			for _, r := range f.Reasons {
				fmt.Fprintf(w, "       - %s\n", r)
			}
		}
	})
}

func clipQuote(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}

type classifyIn struct {
	ID   json.RawMessage `json:"id"`
	Text string          `json:"text"`
}

type classifyOut struct {
	ID    json.RawMessage `json:"id"`
	Kinds []analyze.Kind  `json:"kinds"`
}

// runClassify answers one line per input line, in order, so a caller can
// zip the output with its input.
func runClassify(ctx context.Context, env *Env, args []string) error {
	c, _ := find("classify")
	pos, err := parse(env, c, args, nil)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("classify: reads JSON Lines on standard input; no arguments")
	}
	if _, err := analyze.Default(); err != nil {
		fmt.Fprintf(env.Stderr, "fineprint: %v; only the rules run\n", err)
	}
	sc := bufio.NewScanner(env.Stdin)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	w := bufio.NewWriter(env.Stdout)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	line := 0
	for sc.Scan() {
		line++
		if ctx.Err() != nil {
			return ctx.Err()
		}
		raw := strings.TrimSpace(sc.Text())
		if raw == "" {
			// One line out per line in, so outputs pair with inputs by line.
			if err := enc.Encode(classifyOut{ID: json.RawMessage("null"), Kinds: []analyze.Kind{}}); err != nil {
				return err
			}
			continue
		}
		var in classifyIn
		if err := json.Unmarshal([]byte(raw), &in); err != nil {
			w.Flush()
			return exitError{code: ExitFailure, err: fmt.Errorf("classify: line %d: %w", line, err)}
		}
		if in.ID == nil {
			in.ID = json.RawMessage("null")
		}
		kinds := analyze.Classify(in.Text)
		if kinds == nil {
			kinds = []analyze.Kind{}
		}
		if err := enc.Encode(classifyOut{ID: in.ID, Kinds: kinds}); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("classify: reading input: %w", err)
	}
	return nil
}
