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
bridge_pid=""
cleanup() {
  if [ -n "$bridge_pid" ]; then
    kill "$bridge_pid" 2>/dev/null || true
    wait "$bridge_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

go build -o "$work/bridge" ./e2e/bridge
mkdir -p "$work/data"
"$work/bridge" --addr 127.0.0.1:0 --data-dir "$work/data" --dist frontend/dist >"$work/bridge.out" 2>"$work/bridge.err" &
bridge_pid=$!

url=""
# Startup only opens SQLite and a socket; a minute covers a very busy machine.
for _ in $(seq 1 600); do
  if line=$(grep -m1 '^listening on ' "$work/bridge.out" 2>/dev/null); then
    url=${line#listening on }
    break
  fi
  if ! kill -0 "$bridge_pid" 2>/dev/null; then
    break
  fi
  sleep 0.1
done
if [ -z "$url" ]; then
  echo "e2e: the bridge did not start. Its output:" >&2
  cat "$work/bridge.out" "$work/bridge.err" >&2 || true
  exit 1
fi
echo "e2e: bridge at $url (data in $work/data)"

export FINEPRINT_URL="$url"
mkdir -p e2e/screenshots
# One file at a time: every test file talks to the same archive.
status=0
node --test --test-concurrency=1 e2e/tests/ || status=$?
if [ "$status" -ne 0 ] && [ -s "$work/bridge.err" ]; then
  echo "e2e: bridge log:" >&2
  tail -n 50 "$work/bridge.err" >&2
fi
exit "$status"
