#!/usr/bin/env bash
# Fetches libchdb.so from the npm package @chdb/lib-linux-x64-gnu at one pinned
# version, verifies the tarball's sha256 and caches the library outside the
# build tree (so clean clones reuse it). Prints nothing when already cached.
set -euo pipefail
VERSION="26.7.3-stable.1"
SHA256="c0d32b129e988f2b9a9a31c9141aecf5e1e2453f9a079efc4d36ab8e3f92b2ad"
URL="https://registry.npmjs.org/@chdb/lib-linux-x64-gnu/-/lib-linux-x64-gnu-${VERSION}.tgz"
CACHE="${NAAP_CACHE:-$HOME/.cache/naap}/chdb/${VERSION}"
LIB="$CACHE/libchdb.so"

if [[ -f "$LIB" && -f "$CACHE/.verified" ]]; then
  exit 0
fi
mkdir -p "$CACHE"
tgz="$CACHE/package.tgz"
if [[ ! -f "$tgz" ]] || ! echo "$SHA256  $tgz" | sha256sum -c --status; then
  echo "fetch-chdb: downloading $URL"
  curl -fsSL --retry 3 -o "$tgz.part" "$URL"
  mv "$tgz.part" "$tgz"
fi
if ! echo "$SHA256  $tgz" | sha256sum -c --status; then
  echo "fetch-chdb: sha256 mismatch for $tgz (expected $SHA256)" >&2
  rm -f "$tgz"
  exit 1
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
tar -xzf "$tgz" -C "$tmp" package/libchdb.so
mv "$tmp/package/libchdb.so" "$LIB"
touch "$CACHE/.verified"
echo "fetch-chdb: libchdb ${VERSION} cached at $LIB"
