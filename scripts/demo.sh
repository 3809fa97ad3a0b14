#!/usr/bin/env bash
# The main job on the embedded default: starts the team backend on its embedded PostgreSQL
# (PGlite, in a temporary folder), fills its OSV mirror (from the shared corpus when present,
# else from OSV's public bucket), and scans the example workspace through it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
node scripts/build.mjs cli server > /dev/null
CORPUS="${BEACHCOMBER_CORPUS:-$(cd .. && pwd)/shared/corpus}"
DATA=$(mktemp -d)
PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
SERVER=(node dist/server.js --data-dir "$DATA" --no-health --no-sync --log-level warn)
cleanup() { [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$DATA"; }
trap cleanup EXIT

echo "== Filling the backend's OSV mirror (embedded PGlite in $DATA)"
if [ -f "$CORPUS/osv/pypa-advisories.jsonl" ]; then
  "${SERVER[@]}" mirror import "$CORPUS/osv/pypa-advisories.jsonl"
else
  "${SERVER[@]}" mirror sync
fi
TOKEN=$("${SERVER[@]}" token create --role triager --name demo | grep -Eo '^bcs_[A-Za-z0-9_-]+' | head -1)
"${SERVER[@]}" --port "$PORT" serve & PID=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" > /dev/null && break; sleep 0.1; done

echo "== beachcomber scan examples/demo, advisories from the team backend at 127.0.0.1:$PORT"
BEACHCOMBER_TOKEN="$TOKEN" node dist/cli.js scan examples/demo --backend "http://127.0.0.1:$PORT" --no-health --no-cache --fail-on critical || true
