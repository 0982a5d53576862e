package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"time"

	"fineprint/app/cli"
	"fineprint/backend/analyze"
)

// evalSentences are the sentences of the development sets, in file order.
func evalSentences(cfg config) ([]string, error) {
	dir, err := sharedPath(cfg, "eval-dev")
	if err != nil {
		return nil, err
	}
	var out []string
	for _, f := range []struct{ file, col string }{
		{"claudette-dev.tsv", "sentence_original_case"},
		{"tosdr-dev.tsv", "quote_text"},
	} {
		rows, err := readTSV(filepath.Join(dir, f.file))
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			if s := r[f.col]; s != "" {
				out = append(out, s)
			}
		}
	}
	return out, nil
}

// runClassify measures on one core: the target is about a laptop that is
// busy with other work, so the classifier may not spread over all cores.
func runClassify(cfg config) ([]Figure, error) {
	sentences, err := evalSentences(cfg)
	if err != nil {
		return nil, err
	}
	if _, err := analyze.Default(); err != nil {
		return nil, fmt.Errorf("analysis model: %w", err)
	}
	var in bytes.Buffer
	enc := json.NewEncoder(&in)
	for i, s := range sentences {
		enc.Encode(map[string]any{"id": i, "text": s})
	}
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	// One pass first, so that the model's lazy set-up is not timed.
	for _, s := range sentences {
		analyze.Classify(s)
	}
	runtime.GC()

	var bare, command []float64
	for range cfg.runs {
		start := time.Now()
		for _, s := range sentences {
			analyze.Classify(s)
		}
		bare = append(bare, float64(len(sentences))/time.Since(start).Seconds())

		start = time.Now()
		code := cli.Run([]string{"classify"}, &cli.Env{Stdin: bytes.NewReader(in.Bytes()), Stdout: io.Discard, Stderr: io.Discard})
		if code != 0 {
			return nil, fmt.Errorf("fineprint classify exited %d", code)
		}
		command = append(command, float64(len(sentences))/time.Since(start).Seconds())
	}
	f := atLeast("classify, `fineprint classify` JSON Lines, 1 core", command, "sentences/s", 10000)
	f.Note = fmt.Sprintf("%d sentences of eval-dev (claudette-dev + tosdr-dev), GOMAXPROCS=1, command run in-process", len(sentences))
	return []Figure{f, atLeast("classify, analyze.Classify alone, 1 core", bare, "sentences/s", 10000)}, nil
}
