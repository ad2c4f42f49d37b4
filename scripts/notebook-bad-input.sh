#!/usr/bin/env bash
# Bad input to the validation notebook (issue 6): no data in the window, a
# session id that does not exist, an unreachable server. Each run must fail
# (non-zero exit), say so in one plain PROBLEM line, and leave no cell with
# error output (no stack trace). Runs after scripts/notebook.sh, on the store it
# made (.naap/notebook-store) with the same pinned env and naap binary.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
store="$root/.naap/notebook-store"
[[ -d "$store" ]] || { echo "notebook-bad-input: no $store: run scripts/notebook.sh first" >&2; exit 2; }
passed=0
failed=0

# expect NAME EXPECTED_PROBLEM -- ENV... -- ARGS...
expect() {
  local name="$1" want="$2" out rc
  shift 2
  local envs=()
  while [[ "$1" != "--" ]]; do envs+=("$1"); shift; done
  shift
  out="$(env "${envs[@]}" NB_OUT_DIR="${NB_BAD_INPUT_OUT:-$root/build/notebook-bad-input}/$name" scripts/notebook.sh "$@" 2>&1)"
  rc=$?
  local why=""
  ((rc != 0)) || why="exit 0"
  grep -qF "notebook: PROBLEM $want" <<<"$out" || why="${why:+$why; }no 'PROBLEM $want' line"
  ! grep -q "cell(s) have error output" <<<"$out" || why="${why:+$why; }a cell has error output"
  ! grep -q "Traceback" <<<"$out" || why="${why:+$why; }a traceback"
  if [[ -z "$why" ]]; then
    echo "[PASS] notebook bad input: $name"
    passed=$((passed + 1))
  else
    echo "[FAIL] notebook bad input: $name ($why)"
    grep -v IPKernelApp <<<"$out" | sed 's/^/    /'
    failed=$((failed + 1))
  fi
}

expect unknown_session "NB_SESSION_ID: session 'no-such|session' does not exist" \
  NB_SESSION_ID='no-such|session' -- --store "$store"
expect empty_window "no data in the window" \
  FIXTURE_FROM_TS='2020-01-01 00:00:00' FIXTURE_TO_TS='2020-01-02 00:00:00' -- --store "$store"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
expect unreachable_server "connection: cannot reach ClickHouse at http://127.0.0.1:$port" \
  CH_HOST=127.0.0.1 CH_PORT="$port" -- --server

echo "notebook bad input: $passed passed, $failed failed"
((failed == 0))
