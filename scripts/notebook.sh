#!/usr/bin/env bash
# The validation notebook (notebooks/validation.ipynb), headless or interactive.
#
#   scripts/notebook.sh                  install the pinned env, replay the bundled fixtures into a
#                                        fresh store, execute the notebook, write build/notebook/
#                                        (validation.executed.ipynb, *.png, summary.json); exit
#                                        non-zero if a cell errors or an assertion FAILs
#   scripts/notebook.sh --store DIR      the same on an existing local store (no replay)
#   scripts/notebook.sh --server         the same on the ClickHouse server of CH_HOST, CH_PORT,
#                                        CH_DATABASE, CH_USER, CH_PASSWORD, CH_SECURE
#   scripts/notebook.sh --install-only   only install the env
#   scripts/notebook.sh --lab [--store DIR | --server]
#                                        install the env plus JupyterLab and open the notebook
#                                        (default store: .naap/demo-store, made by `make demo`)
#
# The env is a venv (NAAP_NOTEBOOK_VENV, default .naap/notebook-venv) installed from
# notebooks/requirements.txt (every package pinned); it is reinstalled only when that file or
# the Python version changes. A local store is only ever read through the naap binary
# (NAAP_BIN, default build/naap), i.e. by the engine version naap links.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export PYTHONDONTWRITEBYTECODE=1  # no __pycache__ in notebooks/

venv="${NAAP_NOTEBOOK_VENV:-$root/.naap/notebook-venv}"
python="${NAAP_NOTEBOOK_PYTHON:-python3}"
out_dir="${NB_OUT_DIR:-$root/build/notebook}"
naap_bin="${NAAP_BIN:-$root/build/naap}"
[[ "$naap_bin" == /* ]] || naap_bin="$root/$naap_bin"  # the kernel runs in notebooks/

action=run     # run | install | lab
target=fixtures  # fixtures | store | server
store=""
while (($#)); do
  case "$1" in
    --store) store="$(cd "${2:?--store needs a directory}" && pwd)"; target=store; shift 2 ;;
    --server) target=server; shift ;;
    --install-only) action=install; shift ;;
    --lab) action=lab; shift ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "notebook.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
if [[ "$action" == lab && "$target" == fixtures ]]; then
  target=default  # the notebook's own default: NAAP_STORE or .naap/demo-store
fi

# ---- environment -------------------------------------------------------------------------
install_env() {  # $1: requirements file
  local req="$1" stamp want
  want="$("$python" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])') $(sha256sum "$req" | cut -d' ' -f1)"
  stamp="$venv/.naap-$(basename "$req").stamp"
  if [[ -x "$venv/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    return 0
  fi
  echo "notebook: installing $(basename "$req") into $venv"
  if [[ ! -x "$venv/bin/python" ]]; then
    "$python" -m venv "$venv"
  fi
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r "$req"
  echo "$want" > "$stamp"
}

install_env "$root/notebooks/requirements.txt"
if [[ "$action" == install ]]; then
  echo "notebook: env ready: $venv (open with: scripts/notebook.sh --lab)"
  exit 0
fi

# ---- what the notebook reads -------------------------------------------------------------
if [[ "$target" == server ]]; then
  if [[ -z "${CH_HOST:-}" ]]; then
    echo "notebook.sh --server: set CH_HOST (and CH_PORT, CH_DATABASE, CH_USER, CH_PASSWORD, CH_SECURE)" >&2
    exit 2
  fi
else
  unset CH_HOST
  if [[ ! -x "$naap_bin" ]]; then
    echo "notebook: no naap binary at $naap_bin: run 'make build' or set NAAP_BIN" >&2
    exit 1
  fi
  export NAAP_BIN="$naap_bin"
  if [[ "$target" == fixtures ]]; then
    # A fresh store from the bundled fixtures; the window is then all of its data.
    store="$root/.naap/notebook-store"
    rm -rf "$store"
    mkdir -p "$(dirname "$store")"
    echo "notebook: replaying fixtures/ into $store"
    "$naap_bin" fixtures events "$root/fixtures" 2>/dev/null | "$naap_bin" run --input - --store "$store" --quiet
    unset VALIDATION_LOOKBACK_HOURS FIXTURE_FROM_TS FIXTURE_TO_TS NB_SESSION_ID NB_SCENARIO
  fi
  if [[ -n "$store" ]]; then
    export NAAP_STORE="$store"
  fi
fi

# ---- interactive -------------------------------------------------------------------------
if [[ "$action" == lab ]]; then
  install_env "$root/notebooks/requirements-lab.txt"
  export NB_OUT_DIR="$out_dir" JUPYTER_PREFER_ENV_PATH=1
  exec "$venv/bin/jupyter" lab "$root/notebooks/validation.ipynb"
fi

# ---- headless ----------------------------------------------------------------------------
rm -rf "$out_dir"
mkdir -p "$out_dir"
exec "$venv/bin/python" "$root/notebooks/execute.py" "$out_dir"
