#!/usr/bin/env bash
# Installs naap's build and test dependencies, pinned, idempotently.
# Debian packages first; libchdb from its npm tarball (sha256-checked, cached).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

# Exact versions of Debian 12 (bookworm) packages this project is tested with.
PKGS=(
  "cmake=3.25.1-1"
  "ninja-build=1.11.1-2~deb12u1"
  "libsimdjson-dev=3.0.1-1"
  "libcli11-dev=2.1.2+ds-1"
  "libfmt-dev=9.1.0+ds1-2"
  "libssl-dev=3.0.22-1~deb12u2"
  "libgtest-dev=1.12.1-0.2"
  "libbenchmark-dev=1.7.1-1"
  "libxxhash-dev=0.8.1-1"
  "libzstd-dev=1.5.4+dfsg2-5"
  "librocksdb-dev=7.8.3-2"
  "libcurl4-openssl-dev=7.88.1-10+deb12u15"
  "valgrind=1:3.19.0-1"
  # A real ClickHouse server for the HTTP wire tests (harness_bad_input_test.cpp
  # starts its own on loopback; 18.16 has no DateTime64, so no warehouse on it).
  "clickhouse-common=18.16.1+ds-7.3+b2"
  "clickhouse-server=18.16.1+ds-7.3+b2"
)

missing=()
for spec in "${PKGS[@]}"; do
  name="${spec%%=*}"
  want="${spec#*=}"
  have="$(dpkg-query -W -f='${Status} ${Version}' "$name" 2>/dev/null || true)"
  if [[ "$have" != "install ok installed $want" ]]; then
    missing+=("$spec")
  fi
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""
  [[ "$(id -u)" == 0 ]] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  # clickhouse-server's postinst starts its system service and fails the install
  # when that start fails. The tests need no system service: where nothing
  # denies service starts yet (containers ship a policy-rc.d that does), deny
  # them for the duration of the install.
  policy=/usr/sbin/policy-rc.d
  if [[ " ${missing[*]}" == *" clickhouse-server="* && ! -e "$policy" ]]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
    $SUDO chmod 755 "$policy"
    trap '$SUDO rm -f "$policy"' EXIT
  fi
  if ! $SUDO apt-get install -y --no-install-recommends "${missing[@]}"; then
    # The pinned version may have moved on the mirror: refresh indexes once.
    $SUDO apt-get update
    $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
  fi
fi

"$here/fetch-chdb.sh"
