#!/usr/bin/env bash
# Every test suite, on a fresh machine of this kind or a kept one. It installs what it needs
# (npm packages; Debian's chromium and code-server for the editor suite, on first run), runs
# typecheck, lint, the unit suites and the editor suites, and ends with one line that sums them:
#   N passed, M failed
# Exit code 0 iff nothing failed.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
OUT="$ROOT/.test-output"
mkdir -p "$OUT"
PASSED=0
FAILED=0
SUMMARY=()

count() { # name passed failed
  PASSED=$((PASSED + $2)); FAILED=$((FAILED + $3))
  SUMMARY+=("$(printf '%-28s %5s passed, %s failed' "$1:" "$2" "$3")")
}
check() { # name command... — a check that passes or fails as one test
  local name=$1; shift
  echo "== $name"
  if "$@" > "$OUT/$name.log" 2>&1; then count "$name" 1 0; else tail -40 "$OUT/$name.log"; count "$name" 0 1; fi
}

# npm packages: install when missing or when the lock file changed since the last install.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== npm ci"
  npm ci --no-audit --no-fund > "$OUT/npm-ci.log" 2>&1 || { tail -30 "$OUT/npm-ci.log"; echo "0 passed, 1 failed"; exit 1; }
fi

check build node scripts/build.mjs
check typecheck npx tsc -p . --noEmit
check lint npx eslint . --max-warnings=0

# Unit and integration suites on Node (plain mocha): core on the corpus, datasources against fake
# servers on 127.0.0.1, the backend on PGlite and on the PostgreSQL at 127.0.0.1:5432.
echo "== unit (mocha)"
npx mocha --reporter spec 'test/unit/**/*.test.ts' 2>&1 | tee "$OUT/unit.log" | grep -E '^\s+[0-9]+ (passing|failing|pending)|^\s+[0-9]+\) ' || true
UP=$(grep -Eo '^\s+[0-9]+ passing' "$OUT/unit.log" | grep -Eo '[0-9]+' | tail -1)
UF=$(grep -Eo '^\s+[0-9]+ failing' "$OUT/unit.log" | grep -Eo '[0-9]+' | tail -1)
if [ -z "$UP" ] && [ -z "$UF" ]; then UF=1; fi # mocha did not get to its summary
count unit "${UP:-0}" "${UF:-0}"

# The editor: integration tests inside a real VS Code extension host, and UI checks in Chromium.
if [ -f scripts/vscode-test.sh ]; then
  echo "== vscode (code-server + chromium)"
  # Run outside npm's environment: npm_config_* variables from `npm test` would leak into the
  # harness's own npm installs (code-server checks the Node version in npm_config_user_agent).
  env $(env | grep -o '^npm_[A-Za-z0-9_]*' | sed 's/^/-u /') bash scripts/vscode-test.sh 2>&1 | tee "$OUT/vscode.log"
  LAST=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$OUT/vscode.log" | tail -1)
  if [ -n "$LAST" ]; then
    count vscode "$(echo "$LAST" | cut -d' ' -f1)" "$(echo "$LAST" | cut -d' ' -f3)"
  else
    count vscode 0 1
  fi
fi

echo
printf '%s\n' "${SUMMARY[@]}"
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
