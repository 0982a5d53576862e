# Provision model: `make train` rebuilds backend/analyze/model.bin.gz from
# ../shared/eval-dev (fixed seeds, sorted input: the same data gives the same
# file); `make eval` prints per-kind precision, recall and F1 by grouped
# cross-validation and fails below backend/analyze/testdata/floors.json. Both
# find the data at $FINEPRINT_SHARED or ../shared; eval skips without it.

.PHONY: train eval

train:
	$(GO) run ./backend/analyze/cmd/train

eval:
	$(GO) run ./backend/analyze/cmd/train -eval
