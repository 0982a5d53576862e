#!/usr/bin/env bash
# Runs the browser tests: the built frontend in Debian's Chromium against the
# real Go backend, served by e2e/bridge from a fresh, throw-away archive.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  echo "e2e: no Chromium at $chromium. Install Debian's package (the Makefile does: apt-get install chromium) or set CHROMIUM=/path/to/chromium." >&2
  exit 1
fi
export CHROMIUM="$chromium"

if [ ! -d e2e/node_modules/playwright-core ]; then
  (cd e2e && npm ci --no-audit --no-fund)
fi

if [ ! -f frontend/dist/index.html ]; then
  echo "e2e: building the frontend"
  (cd frontend && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm run build)
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/fineprint-e2e.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

go build -o "$work/bridge" ./e2e/bridge

# start_bridge NAME: serves the archive in $work/NAME and prints its URL.
start_bridge() {
  local name=$1 url="" line
  mkdir -p "$work/$name"
  "$work/bridge" --addr 127.0.0.1:0 --data-dir "$work/$name" --dist frontend/dist \
    >"$work/$name.out" 2>"$work/$name.err" &
  pids+=($!)
  local pid=$!
  # Startup only opens SQLite and a socket; a minute covers a very busy machine.
  for _ in $(seq 1 600); do
    if line=$(grep -m1 '^listening on ' "$work/$name.out" 2>/dev/null); then
      url=${line#listening on }
      break
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$url" ]; then
    echo "e2e: the $name bridge did not start. Its output:" >&2
    cat "$work/$name.out" "$work/$name.err" >&2 || true
    return 1
  fi
  BRIDGE_URL=$url
}

# An empty archive for the first-run tests...
start_bridge data
export FINEPRINT_URL="$BRIDGE_URL"
echo "e2e: bridge at $FINEPRINT_URL (data in $work/data)"

# ...and one seeded with real version histories, when the shared corpus is
# here. Tests that need it skip without it.
shared=${FINEPRINT_SHARED:-$root/../shared}
if [ -d "$shared/corpus/versions" ]; then
  go build -o "$work/fineprint" .
  mkdir -p "$work/seeded"
  for service in Claude.ai ChatGPT Facebook; do
    if [ -d "$shared/corpus/versions/$service" ]; then
      "$work/fineprint" --data-dir "$work/seeded" import "$shared/corpus/versions/$service" >/dev/null
    fi
  done
  start_bridge seeded
  export FINEPRINT_SEEDED_URL="$BRIDGE_URL"
  echo "e2e: seeded bridge at $FINEPRINT_SEEDED_URL"
else
  echo "e2e: no corpus at $shared/corpus/versions; the tests on a seeded archive will skip"
fi

mkdir -p e2e/screenshots
# One file at a time: the test files share the two archives.
status=0
node --test --test-concurrency=1 e2e/tests/ || status=$?
if [ "$status" -ne 0 ]; then
  for name in data seeded; do
    if [ -s "$work/$name.err" ]; then
      echo "e2e: $name bridge log:" >&2
      tail -n 50 "$work/$name.err" >&2
    fi
  done
fi
exit "$status"
